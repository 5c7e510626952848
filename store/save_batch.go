package store

import (
	"context"
	"fmt"
	"strings"

	"fazhi/ledger"
)

// The saver works a batch of rows with few statements, so that a large
// import is not one round trip per row and per history entry (on
// PostgreSQL most of the time was the wire): the stored records of the
// batch are found by one SELECT per lookupChunk keys; new records are
// inserted by multi-row INSERTs and their history entries likewise.
// Updates stay one statement per record (each changes its own fields).
const (
	lookupChunk = 500
	// maxParams bounds the placeholders of one statement (SQLite allows
	// 32,766, PostgreSQL 65,535).
	maxParams = 30000
)

// stored is a record found by key: its id and values (meta included).
type stored struct {
	id  int64
	rec ledger.Record
}

// lookup finds the stored record (live or deleted) of each row by its
// natural key; nil where there is none.
func (s *saver) lookup(ctx context.Context, rows []Row) ([]*stored, error) {
	d := s.d
	out := make([]*stored, len(rows))
	byKey := map[string][]int{}
	for i, row := range rows {
		k := d.KeyOf(row.Record)
		byKey[k] = append(byKey[k], i)
	}
	for from := 0; from < len(rows); from += lookupChunk {
		chunk := rows[from:min(from+lookupChunk, len(rows))]
		// Within the saver's district (see keyWhere).
		where := "district = ? AND "
		args := make([]any, 0, 1+len(chunk)*len(d.Key))
		args = append(args, s.district)
		if len(d.Key) == 1 {
			where += d.Key[0] + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ") + ")"
		} else {
			one := "(" + strings.Join(d.Key, " = ? AND ") + " = ?)"
			where += "(" + strings.TrimSuffix(strings.Repeat(one+" OR ", len(chunk)), " OR ") + ")"
		}
		for _, row := range chunk {
			for _, k := range d.Key {
				args = append(args, s.db.encode(d.Field(k), row.Record[k]))
			}
		}
		q := fmt.Sprintf("SELECT id, %s, %s FROM %s WHERE %s", columnList(s.all), metaColumns, d.Table(), where)
		rs, err := s.tx.QueryContext(ctx, s.db.rebind(q), args...)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			vals := make([]any, len(s.all)+1+len(metaKeys))
			ptrs := make([]any, len(vals))
			for j := range vals {
				ptrs[j] = &vals[j]
			}
			if err := rs.Scan(ptrs...); err != nil {
				rs.Close()
				return nil, err
			}
			old, id, err := s.db.toRecord(s.all, vals[:len(s.all)+1])
			if err != nil {
				rs.Close()
				return nil, err
			}
			setMeta(old, vals[len(s.all)+1:])
			for _, i := range byKey[d.KeyOf(old)] {
				out[i] = &stored{id: id, rec: old}
			}
		}
		if err := rs.Close(); err != nil {
			return nil, err
		}
		if err := rs.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pendingInsert is a new record waiting for the batch's INSERT.
type pendingInsert struct {
	key  string // d.KeyOf
	rec  ledger.Record
	unit string
}

// flush inserts the pending new records, several to a statement, and
// their history entries.
func (s *saver) flush(ctx context.Context) error {
	d := s.d
	if len(s.pending) == 0 {
		return nil
	}
	defer func() { s.pending = s.pending[:0] }()
	var cols []string
	for _, f := range s.all {
		cols = append(cols, f.Name)
		if f.Sensitive {
			cols = append(cols, bidx(f)) // its blind index (seal.go)
		}
	}
	cols = append(cols, "created_at", "updated_at", "record_unit", "created_by", "version", "district")
	per := max(1, min(lookupChunk, maxParams/len(cols)))
	keyCols := strings.Join(d.Key, ", ")
	ids := make(map[string]int64, len(s.pending))
	for from := 0; from < len(s.pending); from += per {
		chunk := s.pending[from:min(from+per, len(s.pending))]
		one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s RETURNING id, %s", d.Table(), strings.Join(cols, ", "),
			strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", "), keyCols)
		args := make([]any, 0, len(chunk)*len(cols))
		for _, p := range chunk {
			for _, f := range s.all {
				v := p.rec[f.Name]
				args = append(args, s.db.encode(f, v))
				if f.Sensitive {
					if v == nil {
						args = append(args, nil)
					} else {
						args = append(args, s.db.bidxArg(v))
					}
				}
			}
			args = append(args, s.now, s.now, nullable(p.unit), nullable(s.ch.Account), 1, s.district)
		}
		rs, err := s.tx.QueryContext(ctx, s.db.rebind(q), args...)
		if err != nil {
			return fmt.Errorf("新增%s（%s 等 %d 条）失败: %w", d.Name, d.KeyText(chunk[0].rec), len(chunk), err)
		}
		keyFields := make([]*ledger.Field, len(d.Key))
		for j, k := range d.Key {
			keyFields[j] = d.Field(k)
		}
		for rs.Next() {
			vals := make([]any, 1+len(d.Key))
			ptrs := make([]any, len(vals))
			for j := range vals {
				ptrs[j] = &vals[j]
			}
			if err := rs.Scan(ptrs...); err != nil {
				rs.Close()
				return err
			}
			r, id, err := s.db.toRecord(keyFields, vals)
			if err != nil {
				rs.Close()
				return err
			}
			ids[d.KeyOf(r)] = id
		}
		if err := rs.Close(); err != nil {
			return err
		}
		if err := rs.Err(); err != nil {
			return err
		}
	}
	entries := make([]historyEntry, 0, len(s.pending))
	for _, p := range s.pending {
		id, ok := ids[p.key]
		if !ok {
			return fmt.Errorf("新增%s“%s”后未取得记录编号", d.Name, d.KeyText(p.rec))
		}
		entries = append(entries, historyEntry{id: id, action: "新增", new: p.rec, version: 1})
	}
	s.res.Inserted += len(s.pending)
	return s.db.historyBatch(ctx, s.tx, d, s.now, s.ch, entries)
}

// historyEntry is one record_history row.
type historyEntry struct {
	id       int64
	action   string
	old, new ledger.Record
	version  int64
}

// historyBatch writes history entries, several to a statement.
func (db *DB) historyBatch(ctx context.Context, tx querier, d *ledger.Definition, now string, ch Change, es []historyEntry) error {
	const cols = 9
	per := lookupChunk
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	for from := 0; from < len(es); from += per {
		chunk := es[from:min(from+per, len(es))]
		args := make([]any, 0, len(chunk)*cols)
		for _, e := range chunk {
			args = append(args, d.ID, e.id, e.action, now, ch.Actor, ch.Source, db.recordJSON(d, e.old), db.recordJSON(d, e.new), e.version)
		}
		q := `INSERT INTO record_history (ledger, record_id, action, changed_at, actor, source, old_values, new_values, version) VALUES ` +
			strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ")
		if _, err := tx.ExecContext(ctx, db.rebind(q), args...); err != nil {
			return err
		}
	}
	return nil
}
