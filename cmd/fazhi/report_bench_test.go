package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"fazhi/report"
	"fazhi/store"
)

// BenchmarkReportRender compares rendering the 2022 report with computing
// its figures on the demo database: the internal HTML with its bounded
// appendix (report.AppendixRows records a part) and with links to the web
// interface must stay within a small multiple of the figures' time and
// memory, whatever the number of records (issue 12). The floor is
// "figures", measured in the same run; results in docs/benchmarks.md.
func BenchmarkReportRender(b *testing.B) {
	dsn := filepath.Join(b.TempDir(), "bench.db")
	mustFazhi(b, dsn, "demo", "load")
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.Run("figures", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := values(ctx, db, 2022); err != nil {
				b.Fatal(err)
			}
		}
	})
	html := func(linked bool) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for i := 0; i < b.N; i++ {
				r, err := loadReport(ctx, db, 2022)
				if err != nil {
					b.Fatal(err)
				}
				o := report.HTMLOptions{}
				if linked {
					o.RecordsBase = "http://10.1.2.3:8080"
				} else if o.Evidence, err = evidence(ctx, db, r); err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if err := r.WriteHTML(&buf, o); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "html-bytes")
		}
	}
	b.Run("html-appendix", html(false))
	b.Run("html-linked", html(true))
}
