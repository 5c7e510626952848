package store

import (
	"context"
	"fmt"

	"fazhi/ledger"
)

// AnalyzeAfter is how many records a save must insert or change before the
// ledger's table is analysed again: the planners choose indexes from
// statistics, and a table that grew from nothing to a million rows in one
// import would otherwise be planned as empty (SQLite never gathers
// statistics by itself; PostgreSQL's autovacuum does, but only later).
const AnalyzeAfter = 10000

// Analyze refreshes the planner statistics of tables (when none is named,
// of every ledger table, the search index, the units and the history):
// ANALYZE on both engines, then PRAGMA optimize on SQLite. Tables are
// always named: a bare ANALYZE on PostgreSQL would visit every schema of
// the database, other applications' and tenants' included.
func (db *DB) Analyze(ctx context.Context, tables ...string) error {
	if len(tables) == 0 {
		for _, d := range ledger.All() {
			tables = append(tables, d.Table())
		}
		tables = append(tables, "search_doc", "units", "record_history")
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
