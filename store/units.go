package store

import (
	"context"
	"database/sql"
	"fmt"

	"fazhi/ledger"
)

// Units returns every unit of every district, parents before children, in
// the order they were imported.
func (db *DB) Units(ctx context.Context) ([]ledger.Unit, error) {
	return db.unitsFrom(ctx, db.sql)
}

func (db *DB) unitsFrom(ctx context.Context, q querier) ([]ledger.Unit, error) {
	return db.unitsIn(ctx, q, "")
}

// unitsIn returns the units of the districts within region ("" = all).
func (db *DB) unitsIn(ctx context.Context, q querier, region string) ([]ledger.Unit, error) {
	where, args := regionCond("district", region)
	if where != "" {
		where = " WHERE " + where
	}
	rows, err := q.QueryContext(ctx, db.rebind(`SELECT code, name, COALESCE(short_name, ''), COALESCE(parent, ''), kind, district, COALESCE(valid_to, '') FROM units`+where+` ORDER BY sort_order, code`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Unit
	for rows.Next() {
		var u ledger.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.ShortName, &u.Parent, &u.Kind, &u.District, &u.ValidTo); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UnitTree returns the unit tree for lookups, with the declared aliases:
// the units of the district ctx carries (ledger.WithDistrict), of every
// district within it for a city or province, of every district when ctx
// carries none. Names are unique within a district only, so a tree of
// several districts finds a shared name nowhere (UnitTree.Candidates).
func (db *DB) UnitTree(ctx context.Context) (*ledger.UnitTree, error) {
	region, _ := ledger.DistrictFrom(ctx)
	units, err := db.unitsIn(ctx, db.sql, region)
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

// AllUnitTree returns the tree of every unit of every district.
func (db *DB) AllUnitTree(ctx context.Context) (*ledger.UnitTree, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	return ledger.NewUnitTree(units), nil
}

// SaveUnits inserts or updates units by code in one transaction. Units must
// come parents first (ledger.SortUnits does that).
//
// A unit without a district goes to the district of ctx (tenant). A unit
// code names one unit in the whole deployment: a code already kept in
// another district is refused, as is a name or short name another unit of
// the same district has (names are unique within a district only).
func (db *DB) SaveUnits(ctx context.Context, units []ledger.Unit) (inserted, updated int, err error) {
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		renamed := false
		var next int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(sort_order), 0) FROM units`).Scan(&next); err != nil {
			return err
		}
		var def string
		for i := range units {
			if units[i].District == "" {
				if def == "" {
					if def, err = db.tenantFrom(ctx, tx); err != nil {
						return err
					}
				}
				units[i].District = def
			}
		}
		stored, err := db.unitsFrom(ctx, tx)
		if err != nil {
			return err
		}
		if err := ledger.CheckUnitNames(stored, units); err != nil {
			return err
		}
		for _, u := range units {
			var old ledger.Unit
			err := tx.QueryRowContext(ctx, db.rebind(`SELECT name, COALESCE(short_name, ''), COALESCE(parent, ''), kind, district FROM units WHERE code = ?`), u.Code).
				Scan(&old.Name, &old.ShortName, &old.Parent, &old.Kind, &old.District)
			switch {
			case err == sql.ErrNoRows:
				next++
				_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO units (code, name, short_name, parent, kind, sort_order, district) VALUES (?, ?, ?, ?, ?, ?, ?)`),
					u.Code, u.Name, nullable(u.ShortName), nullable(u.Parent), u.Kind, next, u.District)
				inserted++
			case err != nil:
				return err
			default:
				old.Code = u.Code
				if old == u {
					continue
				}
				if old.District != u.District {
					return fmt.Errorf("单位编码 %s 已是行政区划 %s 的“%s”，不能再用于行政区划 %s 的“%s”（单位编码在全库唯一，建议以行政区划代码开头）",
						u.Code, old.District, old.Name, u.District, u.Name)
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
