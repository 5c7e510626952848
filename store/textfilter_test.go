package store_test

import (
	"context"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// TestTextFilter_WithinOneField: the list page's 包含 filter (one LIKE over
// the text fields joined by U+001F, served by a pg_trgm index on
// PostgreSQL) finds a substring of any text or enum field, never a term
// spanning two fields, and takes % and _ literally.
func TestTextFilter_WithinOneField(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		db := testdb.Open(t, e)
		if _, _, err := db.SaveUnits(ctx, []ledger.Unit{{Code: "410307200", Name: "偃师区司法局"}}); err != nil {
			t.Fatal(err)
		}
		recs := []ledger.Record{
			{"case_no": "偃政复〔2022〕1号", "applicant": "张三", "handler": "王50%罚款_决定", "respondent": "410307200", "received_on": time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), "review_result": "审查中"},
			{"case_no": "偃政复〔2022〕2号", "applicant": "李四", "respondent": "410307200", "received_on": time.Date(2022, 3, 2, 0, 0, 0, 0, time.UTC), "review_result": "受理"},
		}
		if _, err := db.SaveRecords(ctx, ledger.Reconsideration, recs, []string{"case_no", "applicant", "handler", "respondent", "received_on", "review_result"},
			store.Change{Actor: "t", Source: "t", Scope: ledger.AllScope()}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			text string
			want int
		}{
			{"张三", 1},
			{"〔2022〕", 2},
			{"受理", 1},       // an enum field
			{"1号张", 0},      // the end of 案号 and the start of 申请人: two fields
			{"50%罚款_决定", 1}, // % and _ literally
			{"5%罚", 0},      // % is no wildcard
			{"罚款\x1f决定", 0}, // the separator is not matched
			{"\x1f", 2},     // … and dropped: an empty term matches every record
		} {
			q := ledger.Query{Scope: ledger.AllScope(), Text: c.text}
			if _, n, err := db.FindRecords(ctx, ledger.Reconsideration, q); err != nil || n != c.want {
				t.Errorf("包含 %q: %d records, %v; want %d", c.text, n, err, c.want)
			}
		}
	})
}
