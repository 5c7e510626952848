package bench_test

import (
	"context"
	"os"
	"testing"

	"fazhi/bench"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
	"fazhi/internal/testgate"
)

func TestMain(m *testing.M) { testfix.Main(m) }

// TestCases_Tiny runs every case on a tiny copy of the demo, on each
// engine: each returns results whose floor was measured (> 0) and whose
// ratio is figure/floor. Timings are not asserted (they depend on the
// machine); `fazhi bench` and docs/benchmarks.md hold the figures.
//
// It loads the demo (seconds), so it is gated with the heavy suites.
func TestCases_Tiny(t *testing.T) {
	testgate.Heavy(t, "benchmark cases on a tiny data set")
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := testfix.Demo(t, e)
		env, err := bench.Prepare(context.Background(), bench.Options{Engine: e.Name, DSN: dsn, Quick: true, Records: 200, Logf: t.Logf})
		if err != nil {
			t.Fatal(err)
		}
		res, err := bench.Run(context.Background(), "", env)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, r := range res {
			names[r.Name] = true
			if r.Floor <= 0 || r.Figure <= 0 {
				t.Errorf("%s: figure %v, floor %v: both must be measured", r.Name, r.Figure, r.Floor)
			}
			if r.Ratio != r.Figure/r.Floor {
				t.Errorf("%s: ratio %v, want figure/floor %v", r.Name, r.Ratio, r.Figure/r.Floor)
			}
			if r.Engine != e.Name {
				t.Errorf("%s: engine %q, want %q", r.Name, r.Engine, e.Name)
			}
		}
		for _, c := range bench.Cases() {
			found := false
			for n := range names {
				if n == c.Name || len(n) > len(c.Name) && n[:len(c.Name)+1] == c.Name+"/" {
					found = true
				}
			}
			if !found {
				t.Errorf("case %s returned no result", c.Name)
			}
		}
	})
}

// BenchmarkCases runs every case through the testing package (one
// sub-benchmark per case and engine), reporting each result's figure,
// floor and ratio as metrics. The data set is --quick's unless
// BENCH_FULL=1 (the sizes; generated once into the user cache).
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/
func BenchmarkCases(b *testing.B) {
	quick := os.Getenv("BENCH_FULL") != "1"
	for _, e := range testdb.Engines() {
		o := bench.Options{Engine: e.Name, Quick: quick, Logf: b.Logf}
		if e.Name == "postgres" {
			o.DSN = bench.PostgresDSN("")
		}
		env, err := bench.Prepare(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range bench.Cases() {
			b.Run(c.Name+"/"+e.Name, func(b *testing.B) {
				var res []bench.Result
				for b.Loop() {
					if res, err = bench.Run(context.Background(), "^"+c.Name+"$", env); err != nil {
						b.Fatal(err)
					}
				}
				for _, r := range res {
					b.ReportMetric(r.Ratio, r.Name+"-ratio")
					b.ReportMetric(r.Figure, r.Name+"-"+r.Unit)
				}
			})
		}
	}
}
