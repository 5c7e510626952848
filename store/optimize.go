package store

import "context"

// Optimize refreshes the planner's statistics after a bulk load, so that
// queries over the new rows pick their indexes: ANALYZE on PostgreSQL;
// on SQLite PRAGMA optimize with the flag that checks every table
// (0x10000) and lets it analyze tables never analyzed (0x2).
func (db *DB) Optimize(ctx context.Context) error {
	q := `PRAGMA optimize=0x10002`
	if db.Dialect == Postgres {
		q = `ANALYZE`
	}
	_, err := db.sql.ExecContext(ctx, q)
	return err
}
