package app_test

import (
	"context"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
)

// local is a context acting as the local administrator.
var local = app.WithActor(context.Background(), app.LocalActor())

func TestMain(m *testing.M) { testfix.Main(m) }

// demoDSN returns a database holding the demo data set on engine e, which
// the test may change (internal/testfix: SQLite copies a template loaded
// once per test binary; PostgreSQL loads the demo into the test's schema).
func demoDSN(t *testing.T, e testdb.Engine) string {
	t.Helper()
	return testfix.Demo(t, e)
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
