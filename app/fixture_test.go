package app_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// local is a context acting as the local administrator.
var local = app.WithActor(context.Background(), app.LocalActor())

var demoOnce struct {
	sync.Once
	path string
	err  error
}

// demoDSN returns a database holding the demo data set on engine e, which
// the test may change. SQLite loads the demo once per test binary and copies
// the file; PostgreSQL loads it into the test's own schema.
func demoDSN(t *testing.T, e testdb.Engine) string {
	t.Helper()
	if e.Name != "sqlite" {
		dsn := e.DSN(t)
		loadDemo(t, dsn)
		return dsn
	}
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fazhi-app-fixture-")
		if err != nil {
			demoOnce.err = err
			return
		}
		demoOnce.path = filepath.Join(dir, "demo.db")
		ap, _, err := app.Open(context.Background(), demoOnce.path, app.Create, app.Options{})
		if err != nil {
			demoOnce.err = err
			return
		}
		defer ap.Close()
		_, _, _, demoOnce.err = ap.LoadDemo(local, func(app.DemoFile) {})
		if demoOnce.err == nil {
			_, demoOnce.err = ap.Store().SQL().Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
	})
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	dst := filepath.Join(t.TempDir(), "demo.db")
	copyFile(t, demoOnce.path, dst)
	return dst
}

func loadDemo(t *testing.T, dsn string) {
	t.Helper()
	ap := open(t, dsn)
	if _, _, _, err := ap.LoadDemo(local, func(app.DemoFile) {}); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// open opens the application layer on dsn for the test.
func open(t *testing.T, dsn string) *app.App {
	t.Helper()
	ap, _, err := app.Open(context.Background(), dsn, app.Create, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ap.Close() })
	return ap
}

// as returns a context acting as the account name.
func as(t *testing.T, ap *app.App, name string) context.Context {
	t.Helper()
	act, err := ap.Actor(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return app.WithActor(context.Background(), act)
}
