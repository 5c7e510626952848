package app_test

import (
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// TestRounds_AcceptedOnlyFigures: figures over accepted 报送 submissions
// differ from figures over all records while one unit's submission is still
// open, match once it is accepted, and differ again when a record of that
// accepted submission is edited (the edit reopens it).
func TestRounds_AcceptedOnlyFigures(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		const fig = "contract.reviewed"
		value := func(accepted bool) float64 {
			t.Helper()
			compute := ap.Indicators
			if accepted {
				compute = ap.IndicatorsAccepted
			}
			vs, err := compute(local, 2022, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.ID == fig {
					return v.Value
				}
			}
			t.Fatalf("no %s", fig)
			return 0
		}
		all := value(false)
		if all == 0 {
			t.Fatal("the demo has no reviewed contract")
		}
		if got := value(true); got != 0 {
			t.Fatalf("accepted-only before any round: %v, want 0", got)
		}
		id, err := ap.OpenRound(local, app.RoundInput{Name: "2022年度重大合同审查台账报送", Ledgers: []string{"contract"},
			From: "2022-01-01", To: "2022年12月31日", Due: "2023-01-15"})
		if err != nil {
			t.Fatal(err)
		}
		// The unit keeping most reviewed contracts stays open.
		_, parts, err := ap.Explain(local, fig, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, r := range parts[0].Records {
			count[r.RecordUnit]++
		}
		open, most := "", 0
		for u, n := range count {
			if n > most {
				open, most = u, n
			}
		}
		rv, err := ap.Round(local, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rv.Submissions {
			if s.Unit == open {
				continue
			}
			if err := ap.SubmitRound(local, id, s.Unit); err != nil {
				t.Fatal(err)
			}
			if err := ap.AcceptSubmission(local, id, s.Unit); err != nil {
				t.Fatal(err)
			}
		}
		if got := value(true); got != all-float64(most) {
			t.Errorf("with %s open: accepted-only %v, all %v, want %v", open, got, all, all-float64(most))
		}
		if err := ap.AcceptSubmission(local, id, open); app.CodeOf(err) != app.Conflict {
			t.Errorf("accepting an unreported submission: %v", err)
		}
		if err := ap.SubmitRound(local, id, open); err != nil {
			t.Fatal(err)
		}
		if err := ap.ReturnSubmission(local, id, open, "合同金额单位有误"); err != nil {
			t.Fatal(err)
		}
		if err := ap.SubmitRound(local, id, open); err != nil {
			t.Fatal(err)
		}
		if err := ap.AcceptSubmission(local, id, open); err != nil {
			t.Fatal(err)
		}
		if got := value(true); got != all {
			t.Errorf("all accepted: accepted-only %v, all %v", got, all)
		}
		// An edit to a record of the accepted submission reopens it.
		key := parts[0].Records[0]
		for _, r := range parts[0].Records {
			if r.RecordUnit == open {
				key = r
				break
			}
		}
		if _, err := ap.EditRecord(local, "contract", key.Key, map[string]string{"lawyer_opinion": "补充律师意见"}, 0); err != nil {
			t.Fatal(err)
		}
		rv, err = ap.Round(local, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rv.Submissions {
			if s.Unit == open && (s.Status != app.SubmissionOpen || s.Note == "") {
				t.Errorf("after the edit: %+v", s.Submission)
			}
		}
		if got := value(true); got != all-float64(most) {
			t.Errorf("after the edit reopened it: accepted-only %v, want %v", got, all-float64(most))
		}
	})
}
