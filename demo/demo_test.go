package demo

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fazhi/ledger"
)

// The embedded copies of the fixtures must not drift from testdata.
func TestData_CopiesOfTestdata(t *testing.T) {
	for _, name := range []string{"units.csv", "reconsideration-2022.csv", "litigation-2022.csv"} {
		want, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("demo/data/%s differs from testdata/%s: copy it again", name, name)
		}
	}
}

func TestWrite_Deterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	fa, err := Write(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := Write(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(fa) != 22 || fa[0].Ledger != "units" {
		t.Fatalf("files: %+v", fa)
	}
	for i := range fa {
		x, _ := os.ReadFile(fa[i].Path)
		y, _ := os.ReadFile(fb[i].Path)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", filepath.Base(fa[i].Path))
		}
	}
}

// allTables builds every table in memory.
func allTables(t *testing.T) []*table {
	t.Helper()
	var out []*table
	for _, build := range generators {
		tb, err := build(newGen())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tb)
	}
	return out
}

// Every column is a field of the ledger (or 序号, which imports ignore), so
// no column is silently dropped for a typo.
func TestTables_HeadersAreLedgerFields(t *testing.T) {
	for _, tb := range allTables(t) {
		if tb.ledger == "units" {
			continue
		}
		d, ok := ledger.Get(tb.ledger)
		if !ok {
			t.Errorf("%s: no ledger %s", tb.file, tb.ledger)
			continue
		}
		labels := map[string]bool{}
		for _, f := range d.Fields {
			labels[ledger.FoldLabel(f.Label)] = true
		}
		for _, h := range tb.header {
			if h != "序号" && !labels[ledger.FoldLabel(h)] {
				t.Errorf("%s: column %s is not a field of %s", tb.file, h, tb.ledger)
			}
		}
	}
}

// Offices are closed on weekends and holidays: every event happens on a
// working day. Time limits and term ends may fall on any day.
func TestTables_DatesOnWorkingDays(t *testing.T) {
	anyDay := map[string]bool{"完成时限": true, "整改时限": true, "聘期止": true}
	g := newGen()
	for _, tb := range allTables(t) {
		for _, r := range tb.rows {
			for j, v := range r {
				label := tb.header[j]
				var d time.Time
				switch x := v.(type) {
				case time.Time:
					d = x
				case string:
					if !strings.HasSuffix(label, "日期") || x == "" {
						continue
					}
					var err error
					if d, err = ledger.ParseDate(x); err != nil {
						t.Errorf("%s: %s %q: %v", tb.file, label, x, err)
						continue
					}
				default:
					continue
				}
				if !anyDay[label] && !g.isWork(d) {
					t.Errorf("%s: %s %s is not a working day (row %v)", tb.file, label, d.Format("2006-01-02 Mon"), r[:2])
				}
			}
		}
	}
}
