package store

import (
	"context"
	"database/sql"
	"time"
)

// Settings returns every administrator setting, by key.
//
// Settings are kept per district: those of the district of ctx (tenant).
func (db *DB) Settings(ctx context.Context) (map[string]string, error) {
	district, err := db.tenant(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT key, value FROM setting WHERE district = ? ORDER BY key`), district)
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
		return db.setSetting(ctx, tx, SettingChange{key, value, actor})
	})
}

// setSetting stores one setting of the district of ctx.
func (db *DB) setSetting(ctx context.Context, tx *sql.Tx, set SettingChange) error {
	district, err := db.tenantFrom(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`DELETE FROM setting WHERE district = ? AND key = ?`), district, set.Key); err != nil || set.Value == "" {
		return err
	}
	_, err = tx.ExecContext(ctx, db.rebind(`INSERT INTO setting (district, key, value, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)`),
		district, set.Key, set.Value, db.Now().UTC().Format(time.RFC3339), set.Actor)
	return err
}

// SettingChange is one setting to store with a refresh.
type SettingChange struct{ Key, Value, Actor string }
