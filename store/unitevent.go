package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"fazhi/ledger"
)

// SaveUnitEvent records a dated change of a unit and applies it to the
// current tree, in one transaction: a rename sets the name, a move or a
// merge the parent (a merged unit's parent is the unit it went into), a
// merge or an abolition the unit's end (valid_to). A change dated before
// a change already recorded for the unit is refused: events are kept in
// the order they took effect, so that any past day's tree can be rebuilt.
//
// It returns the event with the values before and after.
func (db *DB) SaveUnitEvent(ctx context.Context, e ledger.UnitEvent) (ledger.UnitEvent, error) {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var name, parent, district, validTo string
		err := tx.QueryRowContext(ctx, db.rebind(`SELECT name, COALESCE(parent, ''), district, COALESCE(valid_to, '') FROM units WHERE code = ?`), e.Code).
			Scan(&name, &parent, &district, &validTo)
		if err == sql.ErrNoRows {
			return fmt.Errorf("单位 %s 不在单位名录中", e.Code)
		}
		if err != nil {
			return err
		}
		if validTo != "" {
			return fmt.Errorf("单位“%s”已于 %s 合并或撤销，不能再变更", name, validTo)
		}
		var last sql.NullString
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT MAX(on_date) FROM unit_event WHERE unit_code = ?`), e.Code).Scan(&last); err != nil {
			return err
		}
		if last.Valid && e.On < last.String {
			return fmt.Errorf("单位“%s”已有 %s 的变更，不能再登记更早（%s）的变更", name, last.String, e.On)
		}
		e.OldName, e.OldParent = name, parent
		var set string
		var args []any
		switch e.Kind {
		case ledger.UnitRename:
			set, args = "name = ?", []any{e.NewName}
			e.NewParent = parent
		case ledger.UnitMove:
			set, args = "parent = ?", []any{nullable(e.NewParent)}
			e.NewName = name
		case ledger.UnitMerge:
			set, args = "parent = ?, valid_to = ?", []any{e.NewParent, e.On}
			e.NewName = name
		case ledger.UnitAbolish:
			set, args = "valid_to = ?", []any{e.On}
			e.NewName, e.NewParent = name, parent
		default:
			return fmt.Errorf("未知的单位变更“%s”", e.Kind)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`UPDATE units SET `+set+` WHERE code = ?`), append(args, e.Code)...); err != nil {
			return fmt.Errorf("单位“%s”%s: %w", name, e.Kind.Label(), err)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO unit_event (district, unit_code, kind, on_date, old_name, new_name, old_parent, new_parent, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			district, e.Code, string(e.Kind), e.On, e.OldName, e.NewName, nullable(e.OldParent), nullable(e.NewParent), e.Actor, db.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		if e.Kind == ledger.UnitRename {
			return db.reindexAllSearch(ctx, tx) // search documents carry unit names
		}
		return nil
	})
	return e, err
}

// UnitEvents returns every recorded change of the unit tree, in the order
// they took effect.
func (db *DB) UnitEvents(ctx context.Context) ([]ledger.UnitEvent, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT unit_code, kind, on_date, COALESCE(old_name, ''), COALESCE(new_name, ''), COALESCE(old_parent, ''), COALESCE(new_parent, ''), actor FROM unit_event ORDER BY on_date, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.UnitEvent
	for rows.Next() {
		var e ledger.UnitEvent
		var kind string
		if err := rows.Scan(&e.Code, &kind, &e.On, &e.OldName, &e.NewName, &e.OldParent, &e.NewParent, &e.Actor); err != nil {
			return nil, err
		}
		e.Kind = ledger.UnitEventKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}
