package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
)

func TestMain(m *testing.M) {
	if f := os.Getenv(readFloorEnv); f != "" {
		readFloor(f) // a child of BenchmarkImportLarge
		return
	}
	testfix.Main(m)
}

// demoDB returns a database on engine e holding the demo (as `fazhi demo
// load` leaves it) that the test may change: internal/testfix loads the
// demo once per test binary on SQLite and copies it per test.
func demoDB(t *testing.T, e testdb.Engine) string {
	t.Helper()
	return testfix.Demo(t, e)
}

// sharedDemo returns the demo database on engine e that every test which
// only reads shares; testfix.Main fails the run if a test wrote to it.
func sharedDemo(t *testing.T, e testdb.Engine) string {
	t.Helper()
	return testfix.DemoShared(t, e)
}

// repoFile returns the path of a file in the repository.
func repoFile(parts ...string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(here), "..", ".."}, parts...)...)
}

// fazhi runs the CLI in-process against dsn and returns stdout, stderr and the error.
func fazhi(t testing.TB, dsn string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &cli{stdout: &out, stderr: &errb, stdin: &bytes.Buffer{}}
	err := a.main(context.Background(), append([]string{"--db", dsn}, args...))
	return out.String(), errb.String(), err
}

// fazhiIn is fazhi with the given standard input.
func fazhiIn(t testing.TB, dsn, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &cli{stdout: &out, stderr: &errb, stdin: strings.NewReader(stdin)}
	err := a.main(context.Background(), append([]string{"--db", dsn}, args...))
	return out.String(), errb.String(), err
}

// mustFazhi runs the CLI and fails the test on error.
func mustFazhi(t testing.TB, dsn string, args ...string) string {
	t.Helper()
	out, errs, err := fazhi(t, dsn, args...)
	if err != nil {
		t.Fatalf("fazhi %v: %v\n%s", args, err, errs)
	}
	return out
}

type jsonIndicator struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Value       float64  `json:"value"`
	Unit        string   `json:"unit"`
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
}

// indicators returns fazhi indicators --year y --json --allow-empty as a
// map by ID (a null value reads as 0; tests of null use the JSON itself).
func indicators(t testing.TB, dsn string, year string, extra ...string) map[string]jsonIndicator {
	t.Helper()
	out := mustFazhi(t, dsn, append([]string{"indicators", "--year", year, "--json", "--allow-empty"}, extra...)...)
	var list []jsonIndicator
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("indicators --json: %v\n%s", err, out)
	}
	m := map[string]jsonIndicator{}
	for _, v := range list {
		m[v.ID] = v
	}
	return m
}

// withUnits returns a fresh database DSN on engine e with the unit tree imported.
func withUnits(t *testing.T, e testdb.Engine) string {
	t.Helper()
	dsn := e.DSN(t)
	mustFazhi(t, dsn, "units", "import", repoFile("testdata", "units.csv"))
	return dsn
}
