package app_test

import (
	"context"
	"reflect"
	"testing"

	"fazhi/indicator"
	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// perFigure reads every figure with its own query (no AggregateBatch).
type perFigure struct{ db *store.DB }

func (s perFigure) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	q.Scope = ledger.AllScope()
	return s.db.AggregateRecords(ctx, d, q, agg, field)
}

func (s perFigure) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	q.Scope = ledger.AllScope()
	return s.db.FindRecords(ctx, d, q)
}

func (s perFigure) UnitTree(ctx context.Context) (*ledger.UnitTree, error) { return s.db.UnitTree(ctx) }

// batched adds the one-scan-per-ledger reads.
type batched struct{ perFigure }

func (s batched) AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error) {
	for i := range items {
		items[i].Query.Scope = ledger.AllScope()
	}
	return s.db.AggregateBatch(ctx, d, items, byDistrict)
}

// TestIndicators_BatchMatchesPerFigure (issue 14): computing every figure
// with one scan per ledger gives exactly the figures one query per figure
// gives, on the demo, for the years around 2022, for the district and for
// units (a department, a town), on both engines; and by district, each
// district's figures and the whole equal those computed for it alone.
func TestIndicators_BatchMatchesPerFigure(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		db := ap.Store()
		ctx := context.Background()
		tree, err := db.UnitTree(ctx)
		if err != nil {
			t.Fatal(err)
		}
		units := []string{""}
		for _, u := range tree.Units {
			if u.Name == "偃师区民政局" || u.Kind == "镇" && len(units) < 3 {
				units = append(units, u.Code)
			}
		}
		if len(units) < 3 {
			t.Fatalf("the demo has no 民政局 or no town: %v", units)
		}
		for _, year := range []int{2021, 2022, 2023} {
			for _, unit := range units {
				want, err := indicator.ComputeAll(ctx, perFigure{db}, year, unit)
				if err != nil {
					t.Fatal(err)
				}
				got, err := indicator.ComputeAll(ctx, batched{perFigure{db}}, year, unit)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("%d %q: %d figures batched, %d one by one", year, unit, len(got), len(want))
				}
				nonzero := 0
				for i := range want {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("%d %q %s: batched %+v, one by one %+v", year, unit, want[i].ID, got[i], want[i])
					}
					if want[i].Value != 0 {
						nonzero++
					}
				}
				if year == 2022 && unit == "" && nonzero < 40 {
					t.Errorf("2022: only %d figures are not 0; the comparison proves little", nonzero)
				}
			}
		}
		total, by, err := indicator.ComputeByDistrict(ctx, batched{perFigure{db}}, 2022, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := indicator.ComputeAll(ctx, perFigure{db}, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(by) != 1 || !reflect.DeepEqual(by["410307"], want) || !reflect.DeepEqual(total, want) {
			t.Errorf("by district: %d districts; 410307 equal: %v; total equal: %v", len(by), reflect.DeepEqual(by["410307"], want), reflect.DeepEqual(total, want))
		}
	})
}
