package store

import (
	"context"
	"fmt"
)

// AnalyzeAfter is how many records a save must insert or change before the
// ledger's table is analysed again: the planners choose indexes from
// statistics, and a table that grew from nothing to a million rows in one
// import would otherwise be planned as empty (SQLite never gathers
// statistics by itself; PostgreSQL's autovacuum does, but only later).
const AnalyzeAfter = 10000

// Analyze refreshes the planner statistics of tables (every table when
// none is named): ANALYZE on both engines, then PRAGMA optimize on SQLite.
func (db *DB) Analyze(ctx context.Context, tables ...string) error {
	if len(tables) == 0 {
		if _, err := db.sql.ExecContext(ctx, "ANALYZE"); err != nil {
			return fmt.Errorf("更新统计信息: %w", err)
		}
	}
	for _, t := range tables {
		if _, err := db.sql.ExecContext(ctx, "ANALYZE "+t); err != nil {
			return fmt.Errorf("更新统计信息 %s: %w", t, err)
		}
	}
	if db.Dialect == SQLite {
		if _, err := db.sql.ExecContext(ctx, "PRAGMA optimize"); err != nil {
			return fmt.Errorf("更新统计信息: %w", err)
		}
	}
	return nil
}
