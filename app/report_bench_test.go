package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
	"fazhi/ledger"
)

// BenchmarkReportRender compares rendering the 2022 report with computing
// its figures (issue 12): the internal HTML with its bounded appendix
// (report.AppendixRows records a part) and with figures linked to the web
// interface must take at most 3× the figures' time and under 200 MB,
// however many records there are. The floor, "figures", is measured in
// the same run on the same database. Each render is RenderReport as the
// CLI and the web call it: resolve, lint (which computes last year's
// figures too), the appendix, the HTML.
//
// On the demo by default; FAZHI_BENCH_RECORDS=2000000 first grows the
// demo's SQLite database to that many ledger records (growRecords: each
// ledger's rows copied under new keys, so every copy keeps its dates and
// 2022 holds about half of them). peak-RSS-MB is the process's peak
// resident memory during the renders (VmHWM, reset before them), harness
// and SQLite page cache included. Results in docs/benchmarks.md.
func BenchmarkReportRender(b *testing.B) {
	ctx := app.WithActor(context.Background(), app.LocalActor())
	dsn := testfix.Demo(b, testdb.Engines()[0])
	records := 0
	if s := os.Getenv("FAZHI_BENCH_RECORDS"); s != "" {
		want, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if records, err = growRecords(ctx, dsn, want); err != nil {
			b.Fatal(err)
		}
		b.Logf("grew the demo to %d records in %s", records, time.Since(start).Round(time.Second))
	}
	ap, _, err := app.Open(ctx, dsn, app.Existing, app.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ap.Close()
	if records == 0 {
		if records, err = countRecords(ctx, ap.Store().SQL()); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("figures", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for i := 0; i < b.N; i++ {
			if _, err := ap.Indicators(ctx, 2022, ""); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(records), "records")
	})
	html := func(o app.ReportOptions) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			resetPeakRSS()
			cpu := cpuTime()
			size := 0
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				if _, err := ap.RenderReport(ctx, &buf, o); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(size), "html-bytes")
			b.ReportMetric(float64(records), "records")
			if mb := peakRSSMB(); mb > 0 {
				b.ReportMetric(mb, "peak-RSS-MB")
			}
		}
	}
	b.Run("html-appendix", html(app.ReportOptions{Year: 2022, Format: "html", Internal: true}))
	b.Run("html-linked", html(app.ReportOptions{Year: 2022, Format: "html", Internal: true, RecordsBase: "http://10.1.2.3:8080"}))
}

// countRecords counts the live records of every ledger.
func countRecords(ctx context.Context, db *sql.DB) (int, error) {
	total := 0
	for _, d := range ledger.All() {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+d.Table()).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// growRecords copies every ledger's rows of the SQLite database at dsn
// until it holds about want records: copy i of a row has "#i" appended to
// its first text key column that is not a unit reference (ledgers without
// one, such as 述法 keyed by year and unit, are left as they are).
func growRecords(ctx context.Context, dsn string, want int) (int, error) {
	db, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=synchronous(off)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	have, err := countRecords(ctx, db)
	if err != nil {
		return 0, err
	}
	type plan struct {
		d    *ledger.Definition
		cols []string
		key  string
	}
	var plans []plan
	growable := 0
	for _, d := range ledger.All() {
		cols, key, err := copyColumns(ctx, db, d.Table(), d.Key)
		if err != nil {
			return 0, err
		}
		if key == "" {
			continue
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+d.Table()).Scan(&n); err != nil {
			return 0, err
		}
		growable += n
		plans = append(plans, plan{d, cols, key})
	}
	// The originals and copies-1 copies of each growable row.
	copies := (want - (have - growable) + growable - 1) / growable
	for _, p := range plans {
		t, cols, key := p.d.Table(), p.cols, p.key
		var maxID int64
		if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+t).Scan(&maxID); err != nil {
			return 0, err
		}
		sel := make([]string, len(cols))
		for i, c := range cols {
			sel[i] = c
			if c == key {
				sel[i] = c + " || '#' || n.i"
			}
		}
		q := fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < %d) INSERT INTO %s (%s) SELECT %s FROM %s, n WHERE %s.id <= %d",
			copies-1, t, strings.Join(cols, ", "), strings.Join(sel, ", "), t, t, maxID)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("%s: %w", t, err)
		}
	}
	if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return 0, err
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		return 0, err
	}
	return countRecords(ctx, db)
}

// copyColumns lists table's columns but id, and the key column copies
// vary: the first of keys that is text and not a foreign key.
func copyColumns(ctx context.Context, db *sql.DB, table string, keys []string) (cols []string, key string, err error) {
	fks := map[string]bool{}
	rows, err := db.QueryContext(ctx, "SELECT \"from\" FROM pragma_foreign_key_list(?)", table)
	if err != nil {
		return nil, "", err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, "", err
		}
		fks[c] = true
	}
	rows.Close()
	types := map[string]string{}
	rows, err = db.QueryContext(ctx, "SELECT name, type FROM pragma_table_info(?)", table)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	for rows.Next() {
		var c, typ string
		if err := rows.Scan(&c, &typ); err != nil {
			return nil, "", err
		}
		types[c] = typ
		if c != "id" {
			cols = append(cols, c)
		}
	}
	for _, k := range keys {
		if strings.EqualFold(types[k], "TEXT") && !fks[k] {
			return cols, k, rows.Err()
		}
	}
	return cols, "", rows.Err()
}

// cpuTime is the CPU time (user + system) the process has used: on a
// machine other work keeps busy, the wall time of a benchmark is mostly
// waiting for a core, and this is the figure to compare.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS resets the process's peak resident memory (Linux: VmHWM);
// a garbage collection first returns what earlier benchmarks left.
func resetPeakRSS() {
	runtime.GC()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMB reads the process's peak resident memory in MB (0 where
// /proc is not there).
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
