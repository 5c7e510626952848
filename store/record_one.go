package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"fazhi/ledger"
)

// RecordError is a refused single-record operation.
type RecordError struct {
	Kind ErrKind
	Msg  string
}

func (e RecordError) Error() string { return e.Msg }

// GetRecord returns the record of ledger d with natural key key (the key
// fields' values), deleted or not, with its bookkeeping (ledger.Meta*). It
// returns a RecordError of kind NotFound when there is none and Forbidden
// when the record lies outside the reader's scope s.
func (db *DB) GetRecord(ctx context.Context, d *ledger.Definition, key ledger.Record, s ledger.Scope) (ledger.Record, error) {
	return db.getRecord(ctx, db.sql, d, key, s, false)
}

func (db *DB) getRecord(ctx context.Context, q querier, d *ledger.Definition, key ledger.Record, s ledger.Scope, write bool) (ledger.Record, error) {
	if err := s.Valid(); err != nil {
		return nil, err
	}
	all := make([]*ledger.Field, len(d.Fields))
	for i := range d.Fields {
		all[i] = &d.Fields[i]
	}
	district, err := db.keyDistrict(ctx, q, s)
	if err != nil {
		return nil, err
	}
	args := make([]any, 0, len(d.Key)+1)
	args = append(args, district)
	for _, k := range d.Key {
		args = append(args, db.encode(d.Field(k), key[k]))
	}
	vals := make([]any, len(all)+1+len(metaKeys))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err = q.QueryRowContext(ctx, db.rebind(fmt.Sprintf("SELECT id, %s, %s FROM %s WHERE %s", columnList(all), metaColumns, d.Table(), keyWhere(d))), args...).Scan(ptrs...)
	if err == sql.ErrNoRows {
		return nil, RecordError{NotFound, fmt.Sprintf("%s“%s”不存在", d.Name, d.KeyText(key))}
	}
	if err != nil {
		return nil, err
	}
	r, id, err := db.toRecord(all, vals[:len(all)+1])
	if err != nil {
		return nil, err
	}
	r[ledger.MetaID] = id
	setMeta(r, vals[len(all)+1:])
	ok, err := db.inScope(ctx, q, d, r, s, write)
	if err != nil {
		return nil, err
	}
	if !ok {
		verb := "查看"
		if write {
			verb = "修改"
		}
		return nil, RecordError{Forbidden, fmt.Sprintf("%s“%s”不在您的数据范围内，无权%s", d.Name, d.KeyText(key), verb)}
	}
	return r, nil
}

// inScope decides one record against a scope: reads by the recording unit
// or the owner unit (public ledgers: always), writes by the recording unit.
func (db *DB) inScope(ctx context.Context, q querier, d *ledger.Definition, r ledger.Record, s ledger.Scope, write bool) (bool, error) {
	if s.Kind == ledger.ScopeAll || (d.Public && !write) {
		return true, nil
	}
	if s.Kind == ledger.ScopeOwn {
		return r.String(ledger.MetaCreatedBy) == s.Account, nil
	}
	in := map[string]bool{s.Unit: true}
	if s.Kind == ledger.ScopeSubtree {
		units, err := db.unitsFrom(ctx, q)
		if err != nil {
			return false, err
		}
		in = ledger.NewUnitTree(units).Subtree(s.Unit)
	}
	if in[r.String(ledger.MetaRecordUnit)] {
		return true, nil
	}
	return !write && d.Owner != "" && in[r.String(d.Owner)], nil
}

// DeleteRecord deletes the record with natural key key as a tombstone: it
// stays in the table with who deleted it, when and why, leaves every read
// and figure, and can be restored. Writes go by the recording unit (s).
func (db *DB) DeleteRecord(ctx context.Context, d *ledger.Definition, key ledger.Record, reason string, ch Change) (ledger.Record, error) {
	return db.tombstone(ctx, d, key, reason, ch, true)
}

// RestoreRecord revives a deleted record with its values and history.
func (db *DB) RestoreRecord(ctx context.Context, d *ledger.Definition, key ledger.Record, ch Change) (ledger.Record, error) {
	return db.tombstone(ctx, d, key, "", ch, false)
}

func (db *DB) tombstone(ctx context.Context, d *ledger.Definition, key ledger.Record, reason string, ch Change, del bool) (ledger.Record, error) {
	var out ledger.Record
	now := db.Now().UTC().Format(time.RFC3339)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.checkKey(ctx, tx); err != nil {
			return err
		}
		r, err := db.getRecord(ctx, tx, d, key, ch.Scope, true)
		if err != nil {
			return err
		}
		deleted := r.String(ledger.MetaDeletedAt) != ""
		id := r[ledger.MetaID].(int64)
		v := r.Version() + 1
		var res sql.Result
		switch {
		case del && deleted:
			return RecordError{Conflict, fmt.Sprintf("%s“%s”已于%s被删除", d.Name, d.KeyText(key), shortTime(r.String(ledger.MetaDeletedAt)))}
		case !del && !deleted:
			return RecordError{Conflict, fmt.Sprintf("%s“%s”未被删除，无需恢复", d.Name, d.KeyText(key))}
		case del:
			res, err = tx.ExecContext(ctx, db.rebind(fmt.Sprintf("UPDATE %s SET deleted_at = ?, deleted_by = ?, delete_reason = ?, version = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL", d.Table())),
				now, ch.Actor, reason, v, now, id)
		default:
			res, err = tx.ExecContext(ctx, db.rebind(fmt.Sprintf("UPDATE %s SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL, version = ?, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL", d.Table())),
				v, now, id)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return RecordError{Conflict, fmt.Sprintf("%s“%s”刚被他人修改，请重试", d.Name, d.KeyText(key))}
		}
		action, old, nw := "恢复", ledger.Record(nil), r
		if del {
			action, old, nw = "删除", r, nil
		}
		c := ch
		if del {
			c.Source = reason
		}
		if err := db.history(ctx, tx, d, id, action, now, c, old, nw, v); err != nil {
			return err
		}
		r[ledger.MetaVersion] = v
		out = r
		return nil
	})
	return out, err
}

// HistoryEntry is one change of a record: who changed which fields from
// what to what, and when.
type HistoryEntry struct {
	Action  string // 新增 / 修改 / 删除 / 恢复 / 重新计算期限 …
	At      time.Time
	Actor   string
	Source  string            // file, 命令行, web; for a deletion, its reason
	Version int64             // the record's version after the change (0 for entries older than versions)
	Old     map[string]string // by field label
	New     map[string]string // by field label
}

// RecordHistory returns the changes of record id of ledger d, oldest first.
func (db *DB) RecordHistory(ctx context.Context, d *ledger.Definition, id int64) ([]HistoryEntry, error) {
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT action, changed_at, actor, COALESCE(source, ''), COALESCE(version, 0), old_values, new_values FROM record_history WHERE ledger = ? AND record_id = ? ORDER BY id`), d.ID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var e HistoryEntry
		var at string
		var ov, nv sql.NullString
		var ver any
		if err := rows.Scan(&e.Action, &at, &e.Actor, &e.Source, &ver, &ov, &nv); err != nil {
			return nil, err
		}
		e.Version = toInt64(ver)
		e.At, _ = time.Parse(time.RFC3339, at)
		if ov.Valid {
			json.Unmarshal([]byte(ov.String), &e.Old)
		}
		if nv.Valid {
			json.Unmarshal([]byte(nv.String), &e.New)
		}
		if err := db.openHistory(d, e.Old); err != nil {
			return nil, err
		}
		if err := db.openHistory(d, e.New); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
