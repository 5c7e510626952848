package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fazhi/ledger"
)

// SaveResult counts what a save did.
type SaveResult struct {
	Inserted, Updated, Unchanged int
}

// Change names who changes records and from where, for the history.
type Change struct {
	Actor  string // user name, or the OS user for the CLI
	Source string // file name, or "web"
	// Progress, when set, is told every few hundred records how many are saved.
	Progress func(done, total int)
}

// SaveRecords inserts or updates records by natural key, all in one
// transaction: either every record is saved or none is. Only the fields in
// present are written, so importing a file that lacks a column never erases
// what was entered in that column. Each insert or real change is recorded in
// record_history with the values before and after.
func (db *DB) SaveRecords(ctx context.Context, d *ledger.Definition, recs []ledger.Record, present []string, ch Change) (SaveResult, error) {
	var res SaveResult
	now := db.Now().UTC().Format(time.RFC3339)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = db.saveTx(ctx, tx, d, recs, present, ch, now)
		return err
	})
	if err != nil {
		return SaveResult{}, err
	}
	return res, nil
}

// saveTx is SaveRecords inside a transaction the caller owns, so that
// several ledgers change together (a publication changes normdoc_cleanup
// and normdoc at once). Same rules: upsert by natural key, only the fields
// in present are written, a history row for each insert and real change.
func (db *DB) saveTx(ctx context.Context, tx *sql.Tx, d *ledger.Definition, recs []ledger.Record, present []string, ch Change, now string) (SaveResult, error) {
	var res SaveResult
	if len(recs) == 0 {
		return res, nil
	}
	fields := make([]*ledger.Field, 0, len(present))
	for _, n := range present {
		f := d.Field(n)
		if f == nil {
			return res, fmt.Errorf("台账 %s 没有字段 %s", d.ID, n)
		}
		fields = append(fields, f)
	}
	all := make([]*ledger.Field, len(d.Fields))
	for i := range d.Fields {
		all[i] = &d.Fields[i]
	}
	sel, err := tx.PrepareContext(ctx, db.rebind(fmt.Sprintf("SELECT id, %s FROM %s WHERE %s", columnList(all), d.Table(), keyWhere(d))))
	if err != nil {
		return res, err
	}
	defer sel.Close()
	for n, r := range recs {
		if ch.Progress != nil && n > 0 && n%500 == 0 {
			ch.Progress(n, len(recs))
		}
		keyArgs := make([]any, len(d.Key))
		for i, k := range d.Key {
			keyArgs[i] = db.encode(d.Field(k), r[k])
		}
		old, id, err := db.scanOne(sel.QueryRowContext(ctx, keyArgs...), all)
		switch {
		case err == sql.ErrNoRows:
			if id, err = db.insert(ctx, tx, d, r, fields, now); err != nil {
				return res, fmt.Errorf("新增%s %s 失败: %w", d.Name, d.KeyOf(r), err)
			}
			res.Inserted++
			if err := db.history(ctx, tx, d, id, "新增", now, ch, nil, r); err != nil {
				return res, err
			}
		case err != nil:
			return res, err
		default:
			var changed []*ledger.Field
			for _, f := range fields {
				if f.Format(old[f.Name], nil) != f.Format(r[f.Name], nil) {
					changed = append(changed, f)
				}
			}
			if len(changed) == 0 {
				res.Unchanged++
				continue
			}
			if err := db.update(ctx, tx, d, id, r, changed, now); err != nil {
				return res, fmt.Errorf("更新%s %s 失败: %w", d.Name, d.KeyOf(r), err)
			}
			res.Updated++
			if err := db.history(ctx, tx, d, id, "修改", now, ch, pick(old, changed), pick(r, changed)); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

func (db *DB) insert(ctx context.Context, tx *sql.Tx, d *ledger.Definition, r ledger.Record, fields []*ledger.Field, now string) (int64, error) {
	cols := make([]string, 0, len(fields)+2)
	args := make([]any, 0, len(fields)+2)
	for _, f := range fields {
		cols = append(cols, f.Name)
		args = append(args, db.encode(f, r[f.Name]))
	}
	cols = append(cols, "created_at", "updated_at")
	args = append(args, now, now)
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) RETURNING id", d.Table(), strings.Join(cols, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
	var id int64
	err := tx.QueryRowContext(ctx, db.rebind(q), args...).Scan(&id)
	return id, err
}

func (db *DB) update(ctx context.Context, tx *sql.Tx, d *ledger.Definition, id int64, r ledger.Record, fields []*ledger.Field, now string) error {
	sets := make([]string, 0, len(fields)+1)
	args := make([]any, 0, len(fields)+2)
	for _, f := range fields {
		sets = append(sets, f.Name+" = ?")
		args = append(args, db.encode(f, r[f.Name]))
	}
	sets = append(sets, "updated_at = ?")
	args = append(args, now, id)
	_, err := tx.ExecContext(ctx, db.rebind(fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", d.Table(), strings.Join(sets, ", "))), args...)
	return err
}

func (db *DB) history(ctx context.Context, tx *sql.Tx, d *ledger.Definition, id int64, action, now string, ch Change, old, new ledger.Record) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO record_history (ledger, record_id, action, changed_at, actor, source, old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		d.ID, id, action, now, ch.Actor, ch.Source, recordJSON(d, old), recordJSON(d, new))
	return err
}

// recordJSON renders values by Chinese label, as a person would read them.
func recordJSON(d *ledger.Definition, r ledger.Record) any {
	if r == nil {
		return nil
	}
	m := map[string]string{}
	for _, f := range d.Fields {
		if v, ok := r[f.Name]; ok && v != nil {
			m[f.Label] = f.Format(v, nil)
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func pick(r ledger.Record, fields []*ledger.Field) ledger.Record {
	out := ledger.Record{}
	for _, f := range fields {
		out[f.Name] = r[f.Name]
	}
	return out
}

func columnList(fields []*ledger.Field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

func keyWhere(d *ledger.Definition) string {
	parts := make([]string, len(d.Key))
	for i, k := range d.Key {
		parts[i] = k + " = ?"
	}
	return strings.Join(parts, " AND ")
}

// scanOne reads id plus fields from one row into a record.
func (db *DB) scanOne(row interface{ Scan(...any) error }, fields []*ledger.Field) (ledger.Record, int64, error) {
	vals := make([]any, len(fields)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return nil, 0, err
	}
	return toRecord(fields, vals)
}

func toRecord(fields []*ledger.Field, vals []any) (ledger.Record, int64, error) {
	var id int64
	switch x := vals[0].(type) {
	case int64:
		id = x
	case int32:
		id = int64(x)
	}
	r := ledger.Record{}
	for i, f := range fields {
		v, err := decode(f, vals[i+1])
		if err != nil {
			return nil, 0, err
		}
		if v != nil {
			r[f.Name] = v
		}
	}
	return r, id, nil
}
