// Package testdb gives tests a fresh database on every engine fazhi
// supports: SQLite always, PostgreSQL when FAZHI_TEST_PG names a server
// (.ci/run sets it). Each PostgreSQL test gets its own schema.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"fazhi/store"
)

// Engine is one database engine under test.
type Engine struct {
	Name string
	// DSN returns the DSN of a new, empty database that is removed when the test ends.
	DSN func(t testing.TB) string
}

// PostgreSQL databases keep their audit key outside the database, by
// default in the user's configuration folder, one file per DSN: tests make
// a fresh schema each, so they share one test key in the temporary folder
// instead (FAZHI_AUDIT_KEY; the SQLite tests keep theirs beside each file).
func init() {
	if os.Getenv("FAZHI_TEST_PG") != "" && os.Getenv("FAZHI_AUDIT_KEY") == "" {
		os.Setenv("FAZHI_AUDIT_KEY", filepath.Join(os.TempDir(), "fazhi-test-audit.key"))
	}
}

// Engines lists the engines to run a test on.
func Engines() []Engine {
	es := []Engine{{Name: "sqlite", DSN: func(t testing.TB) string {
		return filepath.Join(t.TempDir(), "fazhi.db")
	}}}
	if pg := os.Getenv("FAZHI_TEST_PG"); pg != "" {
		es = append(es, Engine{Name: "postgres", DSN: func(t testing.TB) string { return pgSchema(t, pg) }})
	}
	return es
}

func pgSchema(t testing.TB, dsn string) string {
	t.Helper()
	schemaDSN, drop, err := Schema(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	return schemaDSN
}

// Schema creates a new, empty schema on the PostgreSQL server of dsn and
// returns a DSN whose search_path starts with it, and drop, which removes
// the schema and everything in it. Tests use Engine.DSN; Schema is for a
// fixture that outlives one test (internal/testfix).
func Schema(dsn string) (schemaDSN string, drop func(), err error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, fmt.Errorf("PostgreSQL (FAZHI_TEST_PG): %v", err)
	}
	schema := fmt.Sprintf("t_%d", rand.Int64())
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("PostgreSQL (FAZHI_TEST_PG) unreachable or refused: %v", err)
	}
	drop = func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	// public stays on the path for extensions such as pg_trgm.
	return dsn + sep + "search_path=" + schema + ",public", drop, nil
}

// Open opens a fresh database on engine e.
func Open(t testing.TB, e Engine) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), e.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Run runs f as a subtest on every engine, the engines in parallel (each
// has its own database, so f shares nothing between them; f must not call
// t.Setenv). Call t.Parallel in the test itself to run it beside other tests.
func Run(t *testing.T, f func(t *testing.T, e Engine)) {
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			f(t, e)
		})
	}
}
