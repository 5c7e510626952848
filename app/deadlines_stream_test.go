package app_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
	"fazhi/ledger"
	"fazhi/store"
)

// TestRefreshDerived_MemoryFlat: recomputing due dates after a settings or
// holiday change streams the records (store.RefreshDerived) instead of
// loading every record: the live heap, measured after a forced GC every
// few hundred records, grows by far less than the records added when the
// ledger grows from 2,000 to 12,000 records (loading them all would add
// about a kilobyte per record). No timing is measured.
func TestRefreshDerived_MemoryFlat(t *testing.T) {
	testgate.Heavy(t, "deadline refresh memory at two data sizes")
	// Not parallel, engines one after the other: the heap is the process's,
	// and nothing else may allocate while it is measured (parallel tests
	// start only after the sequential ones).
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) { refreshMemory(t, e) })
	}
}

func refreshMemory(t *testing.T, e testdb.Engine) {
	ap := open(t, demoDSN(t, e))
	db := ap.Store()
	d, _ := ledger.Get("reconsideration")
	run := 0
	peak := func() (uint64, int) {
		run++
		var ms runtime.MemStats
		var high uint64
		seen, written := 0, 0
		n, err := db.RefreshDerived(local, nil, store.Change{Actor: "test", Scope: ledger.AllScope(), Action: "重新计算期限"},
			func(dd *ledger.Definition, r ledger.Record) (bool, error) {
				seen++
				if seen%250 == 0 {
					runtime.GC()
					runtime.ReadMemStats(&ms)
					high = max(high, ms.HeapAlloc)
				}
				if dd.ID != d.ID {
					return false, nil
				}
				written++
				r["decision_due_on"] = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(run, 0, seen%300)
				return true, nil
			}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n != written {
			t.Errorf("refresh reported %d records changed, the callback changed %d", n, written)
		}
		return high, seen
	}
	grow(t, ap, d, 2000)
	small, seenSmall := peak()
	grow(t, ap, d, 10000)
	big, seenBig := peak()
	added := seenBig - seenSmall
	perRecord := (float64(big) - float64(small)) / float64(added)
	t.Logf("live heap high-water: %.1f MiB at %d records, %.1f MiB at %d records: %.0f bytes per added record",
		float64(small)/(1<<20), seenSmall, float64(big)/(1<<20), seenBig, perRecord)
	if perRecord > 150 {
		t.Errorf("the live heap grew by %.0f bytes per added record (%.1f → %.1f MiB for %d more records): the refresh holds records beyond one page",
			perRecord, float64(small)/(1<<20), float64(big)/(1<<20), added)
	}
}

// grow adds n reconsideration cases, copies of the demo's with new case
// numbers.
func grow(t *testing.T, ap *app.App, d *ledger.Definition, n int) {
	t.Helper()
	db := ap.Store()
	base, _, err := db.FindRecords(local, d, ledger.Query{Scope: ledger.AllScope()})
	if err != nil || len(base) == 0 {
		t.Fatalf("demo reconsideration cases: %d, %v", len(base), err)
	}
	var present []string
	for _, f := range d.Fields {
		if !f.Derived {
			present = append(present, f.Name)
		}
	}
	start := len(base)
	i := 0
	_, err = db.SaveStream(context.Background(), d, store.Change{Actor: "test", Scope: ledger.AllScope()}, func() ([]store.Row, error) {
		if i >= n {
			return nil, nil
		}
		var rows []store.Row
		for ; i < n && len(rows) < 500; i++ {
			r := ledger.Record{}
			for _, k := range present {
				if v, ok := base[i%len(base)][k]; ok {
					r[k] = v
				}
			}
			r["case_no"] = fmt.Sprintf("偃政复〔2019〕%d号", 100000+start+i)
			r["decision_no"] = nil
			rows = append(rows, store.Row{Record: r, Present: present})
		}
		return rows, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
