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

// UnitAliases returns every declared unit alias.
func (db *DB) UnitAliases(ctx context.Context) ([]ledger.Alias, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT alias, unit_code FROM unit_alias ORDER BY unit_code, alias`)
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

// SetUnitAlias declares alias as another name of the unit with code,
// replacing an earlier declaration of the same alias.
func (db *DB) SetUnitAlias(ctx context.Context, alias, code, actor string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM unit_alias WHERE alias = ?`), alias); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO unit_alias (alias, unit_code, created_at, created_by) VALUES (?, ?, ?, ?)`),
			alias, code, db.Now().UTC().Format(time.RFC3339), actor)
		return err
	})
}

// RemoveUnitAlias removes an alias; it reports whether there was one.
func (db *DB) RemoveUnitAlias(ctx context.Context, alias string) (bool, error) {
	res, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM unit_alias WHERE alias = ?`), alias)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// ImportMapping returns the column mapping saved for unit and ledger under
// the first of shapes that has one, and that shape; nil when none has.
func (db *DB) ImportMapping(ctx context.Context, unit, ledgerID string, shapes []string) (map[string]string, string, error) {
	for _, s := range shapes {
		var raw string
		err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT mapping FROM import_mapping WHERE unit_code = ? AND ledger_id = ? AND shape = ?`),
			unit, ledgerID, s).Scan(&raw)
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
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM import_mapping WHERE unit_code = ? AND ledger_id = ? AND shape = ?`), unit, ledgerID, shape); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO import_mapping (unit_code, ledger_id, shape, mapping, updated_at) VALUES (?, ?, ?, ?, ?)`),
			unit, ledgerID, shape, string(raw), db.Now().UTC().Format(time.RFC3339))
		return err
	})
}
