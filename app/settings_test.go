package app_test

import (
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// TestSetSetting_RefusesPeriodPastCalendar: a period that pushes stored due
// dates past the calendar's years is refused and nothing changes; a
// reasonable one is stored with the due dates it gives.
func TestSetSetting_RefusesPeriodPastCalendar(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		due := func() string {
			p, err := ap.ListRecords(local, "normdoc", app.ListQuery{PageSize: 1})
			if err != nil || len(p.Records) == 0 {
				t.Fatal(err)
			}
			return p.Records[0].Ledger.Field("filing_due_on").Format(p.Records[0].Record["filing_due_on"], nil)
		}
		before := due()
		_, err := ap.SetSetting(local, "deadline.days.normdoc.filing", "5000")
		if app.CodeOf(err) != app.Invalid || !strings.Contains(err.Error(), "超出工作日历") {
			t.Fatalf("a period past the calendar: %v", err)
		}
		s, _ := ap.Settings(local)
		if _, stored := s["deadline.days.normdoc.filing"]; stored {
			t.Errorf("the refused setting was stored")
		}
		if got := due(); got != before {
			t.Errorf("due date changed by a refused setting: %s → %s", before, got)
		}
		n, err := ap.SetSetting(local, "deadline.days.normdoc.filing", "40")
		if err != nil || n == 0 {
			t.Fatalf("set 40: %d %v", n, err)
		}
		if got := due(); got == before {
			t.Errorf("due date unchanged after a new period")
		}
		if _, err := ap.SetSetting(as(t, ap, "minzheng"), "deadline.days.normdoc.filing", "30"); app.CodeOf(err) != app.Forbidden {
			t.Errorf("clerk changes a setting: %v", err)
		}
	})
}
