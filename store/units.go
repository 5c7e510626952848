package store

import (
	"context"
	"database/sql"
	"fmt"

	"fazhi/ledger"
)

// Units returns every unit, parents before children, in the order they were imported.
func (db *DB) Units(ctx context.Context) ([]ledger.Unit, error) {
	return db.unitsFrom(ctx, db.sql)
}

func (db *DB) unitsFrom(ctx context.Context, q querier) ([]ledger.Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, name, COALESCE(short_name, ''), COALESCE(parent, ''), kind FROM units ORDER BY sort_order, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Unit
	for rows.Next() {
		var u ledger.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.ShortName, &u.Parent, &u.Kind); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UnitTree returns the unit tree for lookups, with the declared aliases.
func (db *DB) UnitTree(ctx context.Context) (*ledger.UnitTree, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	t := ledger.NewUnitTree(units)
	aliases, err := db.UnitAliases(ctx)
	if err != nil {
		return nil, err
	}
	t.AddAliases(aliases)
	return t, nil
}

// SaveUnits inserts or updates units by code in one transaction. Units must
// come parents first (ledger.SortUnits does that).
func (db *DB) SaveUnits(ctx context.Context, units []ledger.Unit) (inserted, updated int, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		renamed := false
		var next int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(sort_order), 0) FROM units`).Scan(&next); err != nil {
			return err
		}
		for _, u := range units {
			var old ledger.Unit
			err := tx.QueryRowContext(ctx, db.rebind(`SELECT name, COALESCE(short_name, ''), COALESCE(parent, ''), kind FROM units WHERE code = ?`), u.Code).
				Scan(&old.Name, &old.ShortName, &old.Parent, &old.Kind)
			switch {
			case err == sql.ErrNoRows:
				next++
				_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO units (code, name, short_name, parent, kind, sort_order) VALUES (?, ?, ?, ?, ?, ?)`),
					u.Code, u.Name, nullable(u.ShortName), nullable(u.Parent), u.Kind, next)
				inserted++
			case err != nil:
				return err
			default:
				old.Code = u.Code
				if old == u {
					continue
				}
				_, err = tx.ExecContext(ctx, db.rebind(`UPDATE units SET name = ?, short_name = ?, parent = ?, kind = ? WHERE code = ?`),
					u.Name, nullable(u.ShortName), nullable(u.Parent), u.Kind, u.Code)
				updated++
				renamed = renamed || old.Name != u.Name || old.ShortName != u.ShortName
			}
			if err != nil {
				return fmt.Errorf("保存单位 %s %s: %w", u.Code, u.Name, err)
			}
		}
		if renamed {
			// Search documents carry unit names resolved when written.
			return db.reindexAllSearch(ctx, tx)
		}
		return nil
	})
	return inserted, updated, err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
