package store

import (
	"context"
	"database/sql"
	"time"
)

// Settings returns every administrator setting, by key.
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT key, value FROM setting ORDER BY key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSetting stores value under key; an empty value removes the key.
func (db *DB) SetSetting(ctx context.Context, key, value, actor string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM setting WHERE key = ?`), key); err != nil || value == "" {
			return err
		}
		_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO setting (key, value, changed_at, changed_by) VALUES (?, ?, ?, ?)`),
			key, value, db.Now().UTC().Format(time.RFC3339), actor)
		return err
	})
}
