package store_test

import (
	"context"
	"testing"

	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// TestAnalyze: Analyze leaves planner statistics on both engines (SQLite
// creates sqlite_stat1 at its first ANALYZE; PostgreSQL 14+ keeps
// pg_class.reltuples at -1 until a table is first analysed).
func TestAnalyze(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		db := testdb.Open(t, e)
		ctx := context.Background()
		d, _ := ledger.Get("reconsideration")
		if err := db.Analyze(ctx, d.Table()); err != nil {
			t.Fatal(err)
		}
		var n float64
		q := "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1' AND ? <> ''"
		if e.Name != "sqlite" {
			q = "SELECT reltuples FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace"
		}
		if err := db.SQL().QueryRowContext(ctx, q, d.Table()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if e.Name == "sqlite" && n == 0 || e.Name != "sqlite" && n < 0 {
			t.Errorf("%s: no statistics for %s after Analyze (%v)", e.Name, d.Table(), n)
		}
	})
}
