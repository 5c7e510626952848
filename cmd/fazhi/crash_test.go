package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
	"fazhi/store"
)

// buildFazhi builds the binary once per test run (crash tests kill a real process).
func buildFazhi(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fazhi")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bigReconsideration writes n valid 行政复议案件 rows.
func bigReconsideration(t *testing.T, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("案号,申请人,申请人类型,申请人证件号,被申请人,行为类别,申请方式,收到申请日期,审查结果,受理日期,审理程序,是否延期,结案日期,结案方式,决定书文号,承办人\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "偃政复〔2022〕%d号,申请人%d,自然人,410381195110287406,洛阳市公安局偃师分局,行政许可,书面,2022-03-01,受理,2022-03-03,普通,否,2022-04-20,维持,偃政复决〔2022〕%d号,李丽娟\n", i, i, i)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// killAfter starts bin with args, SIGKILLs it after d and reports whether
// it was still running then; a command that ends on its own before d must
// succeed.
func killAfter(t *testing.T, bin, dsn string, d time.Duration, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", dsn}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("fazhi %v failed before the kill: %v\n%s", args, err, out.String())
		}
		return false
	case <-time.After(d):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// TestCrash_KilledImportAndExport (issue 13): a CLI killed with SIGKILL in
// the middle of a large import leaves none of it in the database, which
// passes its integrity check and takes the same import afterwards; an
// export killed while writing leaves the previous good file under its name.
// Slow (builds the binary, imports tens of thousands of rows): runs when
// FAZHI_HEAVY=1 (.ci/run sets it).
func TestCrash_KilledImportAndExport(t *testing.T) {
	testgate.Heavy(t, "crash test (SIGKILL during import and export)")
	bin := buildFazhi(t)
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := withUnits(t, e)
		dir := t.TempDir()
		big := filepath.Join(dir, "big.csv")
		bigReconsideration(t, big, 15000)

		count := func() int {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var n, h int
			db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM ledger_reconsideration").Scan(&n)
			db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM record_history WHERE ledger = 'reconsideration'").Scan(&h)
			if db.Dialect == store.SQLite {
				var ok string
				if err := db.SQL().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
					t.Fatalf("integrity_check after the kill: %q %v", ok, err)
				}
			}
			if n != h {
				t.Fatalf("%d records but %d history rows after the kill", n, h)
			}
			return n
		}
		killed := 0
		for _, d := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond, 1500 * time.Millisecond, 2500 * time.Millisecond} {
			if killAfter(t, bin, dsn, d, "import", "reconsideration", big) {
				killed++
				if n := count(); n != 0 {
					t.Fatalf("killed after %v: %d of 15000 records saved; want none", d, n)
				}
			}
		}
		if killed == 0 {
			t.Fatal("the import always finished before the kill; make the file larger")
		}
		if out, err := exec.Command(bin, "--db", dsn, "import", "reconsideration", big).CombinedOutput(); err != nil {
			t.Fatalf("import after the kills: %v\n%s", err, out)
		}
		if n := count(); n != 15000 {
			t.Fatalf("after a full import: %d records", n)
		}

		// Export: a good file first, then kills while the next one is written.
		out := filepath.Join(dir, "export.xlsx")
		if b, err := exec.Command(bin, "--db", dsn, "export", "reconsideration", "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("export: %v\n%s", err, b)
		}
		good, _ := os.ReadFile(out)
		for _, d := range []time.Duration{300 * time.Millisecond, 800 * time.Millisecond, 1500 * time.Millisecond} {
			killAfter(t, bin, dsn, d, "export", "reconsideration", "-o", out)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil || len(b) < len(good)/2 {
				t.Fatalf("after a kill at %v the export is broken (%d bytes, was %d): %v", d, len(b), len(good), err)
			}
		}
		ents, _ := os.ReadDir(dir)
		var names []string
		for _, en := range ents {
			names = append(names, en.Name())
		}
		t.Logf("files after the kills: %s", strings.Join(names, " "))
	})
}
