package store

import (
	"context"
	"database/sql"
	"fmt"

	"fazhi/ledger"
)

// RefreshBatchSize is how many records RefreshDerived holds in memory at
// once: one page of a ledger, read by id after the last page's.
const RefreshBatchSize = 1000

// Rederive recomputes the derived fields of r in place (r is one stored
// record of d, as FindRecords returns it) and reports whether any changed.
// An error stops the refresh and rolls it back.
type Rederive func(d *ledger.Definition, r ledger.Record) (changed bool, err error)

// RefreshDerived recomputes the derived fields (due dates, working days) of
// every record of every ledger that has some, as after a holiday notice or
// a deadline setting changed, and writes the records whose derived fields
// changed; with set, the setting is stored too.
//
// Memory stays flat whatever the number of records: each ledger is read in
// pages of RefreshBatchSize records by id (keyset: id > the last page's),
// and only the changed records of a page are written (through the one write
// path, with their history) before the next page is read. Consistency: the
// setting, every page read and every write happen in one transaction, so a
// reader sees either the old setting with the old due dates or the new with
// the new, never a mix; a writer waits for the refresh to commit (SQLite:
// the write lock; PostgreSQL: row locks of the changed records). Before the
// transaction commits, check (if not nil) may refuse the whole refresh
// (e.g. due dates that became uncomputable), which writes nothing.
//
// It returns how many records changed.
func (db *DB) RefreshDerived(ctx context.Context, set *SettingChange, ch Change, rederive Rederive, check func() error) (int, error) {
	changed := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if set != nil {
			if err := db.setSetting(ctx, tx, *set); err != nil {
				return err
			}
		}
		for _, d := range ledger.All() {
			derived := d.DerivedFields()
			if len(derived) == 0 {
				continue
			}
			var after int64
			for {
				page, last, err := db.recordPage(ctx, tx, d, after, RefreshBatchSize)
				if err != nil {
					return err
				}
				if len(page) == 0 {
					break
				}
				after = last
				var write []ledger.Record
				for _, r := range page {
					ok, err := rederive(d, r)
					if err != nil {
						return err
					}
					if ok {
						write = append(write, r)
					}
				}
				if len(write) > 0 {
					res, err := db.saveTx(ctx, tx, d, write, derived, ch)
					if err != nil {
						return err
					}
					changed += res.Updated
				}
				if len(page) < RefreshBatchSize {
					break
				}
			}
		}
		if check != nil {
			return check()
		}
		return nil
	})
	return changed, err
}

// recordPage reads up to n records of d (within the district of ctx, as
// FindRecords does) whose id is above after, by id, through q; it returns
// them and the last id.
func (db *DB) recordPage(ctx context.Context, q querier, d *ledger.Definition, after int64, n int) ([]ledger.Record, int64, error) {
	prefix, clause, args, err := db.where(d, readRegion(ctx, ledger.Query{Scope: ledger.AllScope()}))
	if err != nil {
		return nil, 0, err
	}
	if clause == "" {
		clause = " WHERE id > ?"
	} else {
		clause += " AND id > ?"
	}
	args = append(args, after)
	fields := fieldList(d)
	sqlText := fmt.Sprintf("%sSELECT id, %s, %s FROM %s%s ORDER BY id LIMIT %d", prefix, columnList(fields), metaColumns, d.Table(), clause, n)
	rows, err := q.QueryContext(ctx, db.rebind(sqlText), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("读取台账 %s: %w", d.ID, err)
	}
	defer rows.Close()
	out := make([]ledger.Record, 0, n)
	var last int64
	for rows.Next() {
		r, _, err := db.scanRecord(rows, fields, 0)
		if err != nil {
			return nil, 0, err
		}
		last = r[ledger.MetaID].(int64)
		out = append(out, r)
	}
	return out, last, rows.Err()
}
