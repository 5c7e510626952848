package store_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"fazhi/internal/testdb"
	"fazhi/store"
)

// TestOpen_FreshDatabaseConcurrently (issue 13): several processes opening
// one fresh database at once used to race the migrations (PostgreSQL: a
// duplicate pg_type key; SQLite: "table already exists"). Migrate takes a
// lock, so every opener succeeds and the schema is whole. Half the openers
// are goroutines, half are other processes (this test binary re-run).
func TestOpen_FreshDatabaseConcurrently(t *testing.T) {
	if dsn := os.Getenv("FAZHI_MIGRATE_CHILD"); dsn != "" {
		t.Skip("child mode runs in TestMigrateChild")
	}
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := e.DSN(t)
		ctx := context.Background()
		const goroutines, processes = 6, 3
		var wg sync.WaitGroup
		errs := make(chan error, goroutines+processes)
		for i := 0; i < processes; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^TestMigrateChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), "FAZHI_MIGRATE_CHILD="+dsn)
				if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "PASS") {
					errs <- &childError{err, string(out)}
				}
			}()
		}
		for i := 0; i < goroutines; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := store.Open(ctx, dsn)
				if err != nil {
					errs <- err
					return
				}
				db.Close()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM goose_db_version WHERE version_id > 0").Scan(&n); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir("migrations/" + db.Dialect.String())
		if n != len(entries) {
			t.Errorf("%d migrations recorded, %d files: some applied twice or not at all", n, len(entries))
		}
	})
}

type childError struct {
	err error
	out string
}

func (e *childError) Error() string { return "child process: " + e.out }

// TestMigrateChild is the other process of TestOpen_FreshDatabaseConcurrently.
func TestMigrateChild(t *testing.T) {
	dsn := os.Getenv("FAZHI_MIGRATE_CHILD")
	if dsn == "" {
		t.Skip("only run as a child of TestOpen_FreshDatabaseConcurrently")
	}
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}
