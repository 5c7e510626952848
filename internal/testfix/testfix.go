// Package testfix shares loaded fixtures between the tests of one test
// binary, so that `go test ./...` loads the 偃师区 demo once per package
// instead of once per test:
//
//   - Demo gives a test a database holding the demo that the test may
//     change. On SQLite the demo is loaded once per test binary into a
//     template file and each call copies the file (milliseconds instead of
//     a load through the import path). On PostgreSQL each call loads the
//     demo into the test's own schema.
//   - DemoShared gives a test a database holding the demo that the test
//     must only read. It is one database per engine and test binary (one
//     SQLite file, separate from the template; one PostgreSQL schema),
//     shared by every such test, parallel ones included.
//
// A package that uses either calls Main from its TestMain, which removes
// the fixtures when its tests end:
//
//	func TestMain(m *testing.M) { testfix.Main(m) }
package testfix

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/store"
)

var (
	mainCalled bool
	mu         sync.Mutex
	cleanups   []func()

	template fixture // SQLite: the demo, never opened after loading
	sharedLt fixture // SQLite: a copy of template every read-only test opens
	sharedPG fixture // PostgreSQL: one schema every read-only test opens
)

// fixture is a database loaded once.
type fixture struct {
	once sync.Once
	dsn  string
	err  error
}

// Main runs the package's tests (m.Run), removes the shared fixtures and
// exits with the tests' status.
func Main(m *testing.M) {
	mainCalled = true
	code := m.Run()
	if code == 0 {
		if err := checkSharedUnchanged(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	mu.Lock()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	mu.Unlock()
	os.Exit(code)
}

func atExit(f func()) {
	mu.Lock()
	cleanups = append(cleanups, f)
	mu.Unlock()
}

func needMain(t testing.TB) {
	t.Helper()
	if !mainCalled {
		t.Fatal("testfix: the package's TestMain must call testfix.Main(m), which removes the shared fixtures")
	}
}

// checkSharedUnchanged fails the test binary when a test wrote to the
// shared SQLite demo: after every test has closed it, every table must
// still hold what the template holds. The tables that reads write to by
// design — the audit trail (every unmasked view and download is audited),
// failed logins and sessions — are left out.
func checkSharedUnchanged() error {
	if sharedLt.dsn == "" || sharedLt.err != nil {
		return nil
	}
	a, err := tableDump(template.dsn)
	if err != nil {
		return err
	}
	b, err := tableDump(sharedLt.dsn)
	if err != nil {
		return err
	}
	for t, rows := range a {
		if b[t] != rows {
			return fmt.Errorf("testfix: a test wrote to the read-only demo of DemoShared (%s: table %s differs from the template); give it testfix.Demo", sharedLt.dsn, t)
		}
	}
	if len(a) != len(b) {
		return fmt.Errorf("testfix: a test wrote to the read-only demo of DemoShared (%s: tables added or dropped); give it testfix.Demo", sharedLt.dsn)
	}
	return nil
}

// readsWrite are the tables a read may write to.
var readsWrite = map[string]bool{"audit_log": true, "audit_head": true, "audit_checkpoint": true, "login_guard": true, "web_session": true}

// tableDump returns every table's rows of a SQLite file as text, by table.
func tableDump(path string) (map[string]string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		if !readsWrite[n] {
			names = append(names, n)
		}
	}
	rows.Close()
	out := map[string]string{}
	for _, n := range names {
		rs, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			return nil, fmt.Errorf("testfix: dump %s: %w", n, err)
		}
		cols, _ := rs.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		var sb bytes.Buffer
		for rs.Next() {
			if err := rs.Scan(ptrs...); err != nil {
				rs.Close()
				return nil, err
			}
			fmt.Fprintf(&sb, "%v\n", vals)
		}
		rs.Close()
		out[n] = sb.String()
	}
	return out, nil
}

// Demo returns the DSN of a database on engine e holding the 偃师区 demo
// (as `fazhi demo load` leaves it), which the test may change and no other
// test sees. It is removed when the test ends.
func Demo(t testing.TB, e testdb.Engine) string {
	t.Helper()
	needMain(t)
	if e.Name != "sqlite" {
		dsn := e.DSN(t)
		if err := loadDemo(dsn); err != nil {
			t.Fatal(err)
		}
		return dsn
	}
	src := sqliteTemplate(t)
	dst := filepath.Join(t.TempDir(), "demo.db")
	if err := copyDB(src, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// DemoShared returns the DSN of a database on engine e holding the demo
// that the test must only read: every caller in the test binary gets the
// same database.
func DemoShared(t testing.TB, e testdb.Engine) string {
	t.Helper()
	needMain(t)
	if e.Name != "sqlite" {
		sharedPG.once.Do(func() {
			dsn, drop, err := testdb.Schema(os.Getenv("FAZHI_TEST_PG"))
			if err != nil {
				sharedPG.err = err
				return
			}
			atExit(drop)
			sharedPG.dsn, sharedPG.err = dsn, loadDemo(dsn)
		})
		if sharedPG.err != nil {
			t.Fatal(sharedPG.err)
		}
		return sharedPG.dsn
	}
	src := sqliteTemplate(t)
	sharedLt.once.Do(func() {
		dir, err := os.MkdirTemp("", "fazhi-testfix-shared-")
		if err != nil {
			sharedLt.err = err
			return
		}
		atExit(func() { os.RemoveAll(dir) })
		sharedLt.dsn = filepath.Join(dir, "demo.db")
		sharedLt.err = copyDB(src, sharedLt.dsn)
	})
	if sharedLt.err != nil {
		t.Fatal(sharedLt.err)
	}
	return sharedLt.dsn
}

// sqliteTemplate loads the demo into the template file once.
func sqliteTemplate(t testing.TB) string {
	t.Helper()
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "fazhi-testfix-")
		if err != nil {
			template.err = err
			return
		}
		atExit(func() { os.RemoveAll(dir) })
		template.dsn = filepath.Join(dir, "demo.db")
		template.err = loadDemo(template.dsn)
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	return template.dsn
}

// loadDemo loads the demo into dsn as the local administrator, as `fazhi
// demo load` does. On SQLite the write-ahead log is then folded into the
// file, so that the file alone is the database.
func loadDemo(dsn string) error {
	ctx := context.Background()
	ap, _, err := app.Open(ctx, dsn, app.Create, app.Options{})
	if err != nil {
		return fmt.Errorf("testfix: open %s: %w", dsn, err)
	}
	defer ap.Close()
	if _, _, _, err := ap.LoadDemo(app.WithActor(ctx, app.LocalActor()), func(app.DemoFile) {}); err != nil {
		return fmt.Errorf("testfix: load the demo: %w", err)
	}
	if ap.Store().Dialect == store.SQLite {
		if _, err := ap.Store().SQL().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("testfix: checkpoint: %w", err)
		}
	}
	return nil
}

// copyDB copies a SQLite database file, its write-ahead log, if any, its
// data key file (store.DefaultKeyFile: NAME.key, mode 0600) and its audit
// key file (NAME-audit.key).
func copyDB(src, dst string) error {
	for _, suf := range []string{"", "-wal", ".key", "-audit.key"} {
		if err := copyFile(src+suf, dst+suf); err != nil {
			if suf != "" && os.IsNotExist(err) {
				continue
			}
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
