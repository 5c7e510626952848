package store_test

import (
	"context"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// TestRounds_SubmissionStates walks a submission through its states on both
// engines: only the allowed moves happen, and an edit reopens an accepted one.
func TestRounds_SubmissionStates(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		db, err := store.Open(ctx, e.DSN(t))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, _, err := db.SaveUnits(ctx, []ledger.Unit{{Code: "A", Name: "甲局", Kind: "政府部门"}, {Code: "B", Name: "乙局", Kind: "政府部门"}}); err != nil {
			t.Fatal(err)
		}
		d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
		id, err := db.CreateRound(ctx, store.Round{Name: "2022年度报送", Ledgers: []string{"contract", "meeting"},
			From: d("2022-01-01"), To: d("2022-12-31"), Due: d("2023-01-15"), OpenedBy: "admin"}, []string{"A", "B"})
		if err != nil {
			t.Fatal(err)
		}
		move := func(unit string, from []string, to string, want bool) {
			t.Helper()
			ok, err := db.MoveSubmission(ctx, id, unit, from, to, "someone", "")
			if err != nil || ok != want {
				t.Fatalf("move %s to %s: ok=%v err=%v, want %v", unit, to, ok, err, want)
			}
		}
		move("A", []string{store.SubmissionSubmitted}, store.SubmissionAccepted, false) // not yet submitted
		move("A", []string{store.SubmissionOpen, store.SubmissionReturned}, store.SubmissionSubmitted, true)
		move("A", []string{store.SubmissionSubmitted}, store.SubmissionAccepted, true)
		move("A", []string{store.SubmissionAccepted}, store.SubmissionOpen, true) // reopened by an edit
		if _, err := db.MoveSubmission(ctx, id, "A", []string{store.SubmissionOpen}, store.SubmissionOpen, "", "记录已修改"); err != nil {
			t.Fatal(err)
		}
		r, ok, err := db.Round(ctx, id)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		got := map[string]store.Submission{}
		for _, s := range r.Submissions {
			got[s.Unit] = s
		}
		if s := got["A"]; s.Status != store.SubmissionOpen || s.Note != "记录已修改" || s.SubmittedBy != "someone" {
			t.Errorf("A after reopen: %+v", s)
		}
		if s := got["B"]; s.Status != store.SubmissionOpen || s.SubmittedAt != "" {
			t.Errorf("B: %+v", s)
		}
		if r.Name != "2022年度报送" || len(r.Ledgers) != 2 || !r.Due.Equal(d("2023-01-15")) {
			t.Errorf("round: %+v", r)
		}
		if !r.Has("contract") || r.Has("training") {
			t.Errorf("Has: %v", r.Ledgers)
		}
		if !r.Covers([]time.Time{d("2021-05-01"), d("2022-05-01")}) || r.Covers([]time.Time{d("2021-05-01")}) || !r.Covers(nil) {
			t.Error("Covers")
		}
	})
}
