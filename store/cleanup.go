package store

// Storage of 规范性文件清理 campaigns (package cleanup has the rules): the
// cleanup_batch table (migration 00003) keeps each batch's cut-off, scope,
// state and decision; the documents and conclusions are normdoc_cleanup
// ledger records, written with history like every ledger record.

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"fazhi/cleanup"
	"fazhi/ledger"
)

// CleanupBatch returns batch name and its normdoc_cleanup records (sorted by
// publication date and 文号). A batch without a cleanup_batch row (imported
// as a file) is described from its records; ok is false when the batch has
// neither.
func (db *DB) CleanupBatch(ctx context.Context, name string) (b cleanup.Batch, rows []ledger.Record, ok bool, err error) {
	rows, _, err = db.FindRecords(ctx, ledger.NormdocCleanup, ledger.Query{Scope: ledger.AllScope(), Conds: []ledger.Cond{ledger.In("batch", name)}})
	if err != nil {
		return b, nil, false, err
	}
	cleanup.SortRows(rows)
	b, found, err := db.batchRow(ctx, db.sql, name)
	if err != nil {
		return b, nil, false, err
	}
	if !found {
		if len(rows) == 0 {
			return cleanup.Batch{Name: name}, nil, false, nil
		}
		b = cleanup.FromRows(name, rows)
	}
	return b, rows, true, nil
}

func (db *DB) batchRow(ctx context.Context, q querier, name string) (cleanup.Batch, bool, error) {
	var b cleanup.Batch
	var cutoff, decided any
	var issuers string
	var no sql.NullString
	err := q.QueryRowContext(ctx, db.rebind(`SELECT name, cutoff, issuers, status, decision_no, decision_published_on FROM cleanup_batch WHERE name = ?`), name).
		Scan(&b.Name, &cutoff, &issuers, &b.Status, &no, &decided)
	if err == sql.ErrNoRows {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("读取清理批次“%s”失败: %w", name, err)
	}
	b.Registered, b.DecisionNo = true, no.String
	if issuers != "" {
		b.Issuers = strings.Split(issuers, ",")
	}
	for _, x := range []struct {
		v   any
		dst *time.Time
	}{{cutoff, &b.Cutoff}, {decided, &b.DecisionDate}} {
		v, err := decode(dateColumn, x.v)
		if err != nil {
			return b, false, err
		}
		if t, ok := v.(time.Time); ok {
			*x.dst = t
		}
	}
	return b, true, nil
}

// CleanupBatchNames lists every batch: opened with fazhi cleanup or found in
// the normdoc_cleanup ledger.
func (db *DB) CleanupBatchNames(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT name FROM cleanup_batch UNION SELECT DISTINCT batch FROM ledger_normdoc_cleanup`)
	if err != nil {
		return nil, fmt.Errorf("读取清理批次失败: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, rows.Err()
}

// OpenCleanup records batch b (unless it is already on record with the same
// scope) and lists items (pending normdoc_cleanup records), in one
// transaction.
func (db *DB) OpenCleanup(ctx context.Context, b cleanup.Batch, items []ledger.Record, ch Change) (SaveResult, error) {
	var res SaveResult
	now := db.Now().UTC().Format(time.RFC3339)
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, found, err := db.batchRow(ctx, tx, b.Name)
		if err != nil {
			return err
		}
		if found {
			if err := cleanup.CheckReopen(old, b); err != nil {
				return err
			}
		} else {
			_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO cleanup_batch (name, cutoff, issuers, status, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?)`),
				b.Name, db.dateArg(b.Cutoff), strings.Join(b.Issuers, ","), cleanup.StatusOpen, now, ch.Actor)
			if err != nil {
				return fmt.Errorf("登记清理批次“%s”失败: %w", b.Name, err)
			}
		}
		res, err = db.saveTx(ctx, tx, ledger.NormdocCleanup, items, cleanup.ItemFields, ch)
		return err
	})
	return res, err
}

// PublishCleanup writes publication p of batch b in one transaction: the
// decision on every row of the batch, the new status of each document, and
// the batch's state. It refuses if the batch changed since p was planned.
func (db *DB) PublishCleanup(ctx context.Context, b cleanup.Batch, p cleanup.Publication, ch Change) (rows, statuses SaveResult, err error) {
	now := db.Now().UTC().Format(time.RFC3339)
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var n, pending int64
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN conclusion = ? THEN 1 ELSE 0 END), 0) FROM ledger_normdoc_cleanup WHERE batch = ?`),
			ledger.CleanupPending, b.Name).Scan(&n, &pending); err != nil {
			return err
		}
		if int(n) != len(p.Rows) || pending > 0 {
			return fmt.Errorf("清理批次“%s”在公布过程中被修改，请重新执行", b.Name)
		}
		var err error
		if rows, err = db.saveTx(ctx, tx, ledger.NormdocCleanup, p.Rows, cleanup.RowFields, ch); err != nil {
			return err
		}
		if statuses, err = db.saveTx(ctx, tx, ledger.Normdoc, p.Statuses, cleanup.StatusFields, ch); err != nil {
			return err
		}
		no, date := p.Rows[0]["decision_no"], p.Rows[0]["decision_published_on"].(time.Time)
		res, err := tx.ExecContext(ctx, db.rebind(`UPDATE cleanup_batch SET status = ?, decision_no = ?, decision_published_on = ?, published_at = ?, published_by = ? WHERE name = ?`),
			cleanup.StatusPublished, no, db.dateArg(date), now, ch.Actor, b.Name)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO cleanup_batch (name, issuers, status, decision_no, decision_published_on, opened_at, opened_by, published_at, published_by) VALUES (?, '', ?, ?, ?, ?, ?, ?, ?)`),
				b.Name, cleanup.StatusPublished, no, db.dateArg(date), now, ch.Actor, now, ch.Actor)
		}
		return err
	})
	return rows, statuses, err
}

// RecordPublishedCleanup registers a campaign whose conclusions and decision
// came in as ledger files (a past campaign being entered, the demo): its
// cut-off, scope and decision go on record. An existing batch is left as it is.
func (db *DB) RecordPublishedCleanup(ctx context.Context, b cleanup.Batch, ch Change) error {
	now := db.Now().UTC().Format(time.RFC3339)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, found, err := db.batchRow(ctx, tx, b.Name); err != nil || found {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO cleanup_batch (name, cutoff, issuers, status, decision_no, decision_published_on, opened_at, opened_by, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			b.Name, db.dateArg(b.Cutoff), strings.Join(b.Issuers, ","), cleanup.StatusPublished, b.DecisionNo, db.dateArg(b.DecisionDate), now, ch.Actor, now, ch.Actor)
		return err
	})
}
