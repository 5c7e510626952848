package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fazhi/internal/seal"
	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// BenchmarkRotateKey re-encrypts 10,000 复议 records (each with an ID
// number) and their history entries under a new key, one transaction
// (store.RotateKey, on SQLite, including the VACUUM that follows), against
// the floor of rewriting the same rows without any cryptography (one
// UPDATE of the column to itself, row by row, in one transaction).
// Figures: docs/benchmarks.md.
func BenchmarkRotateKey(b *testing.B) {
	ctx := context.Background()
	e := testdb.Engines()[0]
	db := testdb.Open(b, e)
	if _, _, err := db.SaveUnits(ctx, []ledger.Unit{{Code: "410307200", Name: "偃师区司法局"}}); err != nil {
		b.Fatal(err)
	}
	const n = 10000
	var recs []ledger.Record
	for i := 0; i < n; i++ {
		recs = append(recs, ledger.Record{"case_no": fmt.Sprintf("偃政复〔2022〕%d号", i+1), "applicant": "申请人",
			"applicant_id": "410381195110287406", "respondent": "410307200",
			"received_on": time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), "review_result": "审查中"})
	}
	if _, err := db.SaveRecords(ctx, ledger.Reconsideration, recs, []string{"case_no", "applicant", "applicant_id", "respondent", "received_on", "review_result"},
		store.Change{Actor: "bench", Source: "bench", Scope: ledger.AllScope()}); err != nil {
		b.Fatal(err)
	}
	b.Run("floor-rewrite-rows", func(b *testing.B) {
		for b.Loop() {
			tx, _ := db.SQL().BeginTx(ctx, nil)
			for id := 1; id <= n; id++ {
				if _, err := tx.ExecContext(ctx, "UPDATE ledger_reconsideration SET applicant_id = applicant_id WHERE id = ?", id); err != nil {
					b.Fatal(err)
				}
			}
			tx.Commit()
		}
	})
	b.Run("rotate", func(b *testing.B) {
		for b.Loop() {
			k, _ := seal.NewKeyring(seal.NewKey())
			m, err := db.RotateKey(ctx, k)
			if err != nil || m < 2*n {
				b.Fatalf("rotated %d rows: %v", m, err)
			}
		}
	})
}
