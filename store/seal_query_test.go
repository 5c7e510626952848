package store_test

import (
	"context"
	"testing"
	"time"

	"fazhi/internal/seal"
	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// TestSealedField_QueriesByBlindIndex: a sealed field is stored sealed with
// its blind index; equality conditions and COUNT(DISTINCT) go through the
// blind index (random nonces make equal values differ), an ordering
// condition on it is refused, and Text finds it by its whole value only
// where TextExact allows.
func TestSealedField_QueriesByBlindIndex(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		db := testdb.Open(t, e)
		if _, _, err := db.SaveUnits(ctx, []ledger.Unit{{Code: "410307200", Name: "偃师区司法局"}}); err != nil {
			t.Fatal(err)
		}
		const a, b = "410381195110287406", "410381196512098047"
		var recs []ledger.Record
		for i, id := range []string{a, a, b} {
			recs = append(recs, ledger.Record{"case_no": []string{"偃政复〔2022〕1号", "偃政复〔2022〕2号", "偃政复〔2022〕3号"}[i], "applicant": "申请人",
				"applicant_id": id, "respondent": "410307200", "received_on": time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), "review_result": "审查中"})
		}
		if _, err := db.SaveRecords(ctx, ledger.Reconsideration, recs, []string{"case_no", "applicant", "applicant_id", "respondent", "received_on", "review_result"},
			store.Change{Actor: "t", Source: "t", Scope: ledger.AllScope()}); err != nil {
			t.Fatal(err)
		}
		var stored string
		db.SQL().QueryRowContext(ctx, "SELECT applicant_id FROM ledger_reconsideration ORDER BY id LIMIT 1").Scan(&stored)
		if !seal.IsSealed(stored) {
			t.Errorf("stored in clear: %q", stored)
		}
		q := ledger.Query{Scope: ledger.AllScope()}
		if n, err := db.AggregateRecords(ctx, ledger.Reconsideration, q, ledger.AggCountDistinct, "applicant_id"); err != nil || n != 2 {
			t.Errorf("COUNT(DISTINCT applicant_id) = %d, %v; want 2", n, err)
		}
		q.Conds = []ledger.Cond{ledger.In("applicant_id", a)}
		if recs, _, err := db.FindRecords(ctx, ledger.Reconsideration, q); err != nil || len(recs) != 2 || recs[0].String("applicant_id") != a {
			t.Errorf("IN (%s): %d records, %v", a, len(recs), err)
		}
		q.Conds = []ledger.Cond{{Field: "applicant_id", Op: ledger.OpLE, Values: []any{a}}}
		if _, _, err := db.FindRecords(ctx, ledger.Reconsideration, q); err == nil {
			t.Error("an ordering condition on a sealed field is accepted")
		}
		q.Conds = nil
		q.Text = b
		if _, n, _ := db.FindRecords(ctx, ledger.Reconsideration, q); n != 0 {
			t.Errorf("Text without TextExact finds %d records by a sealed value", n)
		}
		all, other := "", "410307999"
		for _, c := range []struct {
			exact *string
			want  int
		}{{&all, 1}, {&other, 0}} {
			q.TextExact = c.exact
			if _, n, _ := db.FindRecords(ctx, ledger.Reconsideration, q); n != c.want {
				t.Errorf("Text %s with TextExact %q: %d records, want %d", b, *c.exact, n, c.want)
			}
		}
	})
}
