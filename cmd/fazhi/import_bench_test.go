package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fazhi/internal/testdb"
)

// BenchmarkImport imports a 10,000-row reconsideration ledger into a fresh
// database per iteration (parse, validate, derive due dates, upsert with
// history, one transaction) and reports rows per second.
//
//	go test -run '^$' -bench Import -benchtime 3x ./cmd/fazhi/
func BenchmarkImport(b *testing.B) {
	const n = 10000
	var sb strings.Builder
	sb.WriteString("案号,申请人,申请人证件号,被申请人,收到申请日期,审查结果,受理日期,结案日期,结案方式\n")
	day := time.Date(2022, 1, 4, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= n; i++ {
		rec := day.AddDate(0, 0, i%300)
		fmt.Fprintf(&sb, "偃政复〔2022〕%d号,申请人%d,11010519491231002X,偃师区市场监督管理局,%s,受理,%s,%s,维持\n",
			i, i, rec.Format("2006-01-02"), rec.AddDate(0, 0, 3).Format("2006-01-02"), rec.AddDate(0, 0, 40).Format("2006-01-02"))
	}
	file := filepath.Join(b.TempDir(), "big.csv")
	if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, e := range testdb.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			b.ReportAllocs()
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dsn := e.DSN(b)
				mustFazhi(b, dsn, "units", "import", repoFile("testdata", "units.csv"))
				b.StartTimer()
				start := time.Now()
				mustFazhi(b, dsn, "import", "reconsideration", file)
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "rows/s")
		})
	}
}

// BenchmarkDemoLoad loads the whole 偃师区 demo (21 ledgers, 7,903 records).
//
//	go test -run '^$' -bench DemoLoad -benchtime 3x ./cmd/fazhi/
func BenchmarkDemoLoad(b *testing.B) {
	for _, e := range testdb.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dsn := e.DSN(b)
				b.StartTimer()
				mustFazhi(b, dsn, "demo", "load")
			}
		})
	}
}

// BenchmarkIndicators computes every indicator of 2022 on the demo.
func BenchmarkIndicators(b *testing.B) {
	for _, e := range testdb.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			dsn := e.DSN(b)
			mustFazhi(b, dsn, "demo", "load")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				mustFazhi(b, dsn, "indicators", "--year", "2022", "--json")
			}
		})
	}
}
