package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"fazhi/ledger"
)

// UnitAliases returns the declared unit aliases of the district of ctx (of
// every district within a city or province; of all when ctx has none).
func (db *DB) UnitAliases(ctx context.Context) ([]ledger.Alias, error) {
	region, _ := ledger.DistrictFrom(ctx)
	where, args := regionCond("district", region)
	if where != "" {
		where = " WHERE " + where
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT alias, unit_code FROM unit_alias`+where+` ORDER BY unit_code, alias`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ledger.Alias
	for rows.Next() {
		var a ledger.Alias
		if err := rows.Scan(&a.Alias, &a.Code); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetUnitAlias declares alias as another name of the unit with code, in
// the unit's district, replacing an earlier declaration of the same alias
// there.
func (db *DB) SetUnitAlias(ctx context.Context, alias, code, actor string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var district string
		if err := tx.QueryRowContext(ctx, db.rebind(`SELECT district FROM units WHERE code = ?`), code).Scan(&district); err != nil {
			return fmt.Errorf("单位 %s: %w", code, err)
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM unit_alias WHERE district = ? AND alias = ?`), district, alias); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO unit_alias (district, alias, unit_code, created_at, created_by) VALUES (?, ?, ?, ?, ?)`),
			district, alias, code, db.Now().UTC().Format(time.RFC3339), actor)
		return err
	})
}

// RemoveUnitAlias removes an alias of the district of ctx; it reports
// whether there was one.
func (db *DB) RemoveUnitAlias(ctx context.Context, alias string) (bool, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return false, err
	}
	res, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM unit_alias WHERE district = ? AND alias = ?`), district, alias)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ImportMapping returns the column mapping saved for unit and ledger under
// the first of shapes that has one, and that shape; nil when none has.
//
// Mappings are kept per district: those of the district of ctx (tenant).
func (db *DB) ImportMapping(ctx context.Context, unit, ledgerID string, shapes []string) (map[string]string, string, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return nil, "", err
	}
	for _, s := range shapes {
		var raw string
		err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT mapping FROM import_mapping WHERE district = ? AND unit_code = ? AND ledger_id = ? AND shape = ?`),
			district, unit, ledgerID, s).Scan(&raw)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		m := map[string]string{}
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			return nil, "", fmt.Errorf("保存的列对应已损坏: %w", err)
		}
		return m, s, nil
	}
	return nil, "", nil
}

// SaveImportMapping keeps a column mapping for unit, ledger and header shape.
func (db *DB) SaveImportMapping(ctx context.Context, unit, ledgerID, shape string, m map[string]string) error {
	raw, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		district, err := db.tenantFrom(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM import_mapping WHERE district = ? AND unit_code = ? AND ledger_id = ? AND shape = ?`), district, unit, ledgerID, shape); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO import_mapping (district, unit_code, ledger_id, shape, mapping, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
			district, unit, ledgerID, shape, string(raw), db.Now().UTC().Format(time.RFC3339))
		return err
	})
}
