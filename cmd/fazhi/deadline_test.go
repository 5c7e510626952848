package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

func TestDeadlineCommand(t *testing.T) {
	t.Parallel()
	dsn := testdb.Engines()[0].DSN(t)
	for _, tc := range []struct {
		args []string
		due  string
		cite string
	}{
		// 2022-10-01..07 National Day; 10-08 (Sat) and 10-09 (Sun) were 调休 working days:
		// 09-29, 09-30, 10-08, 10-09, 10-10.
		{[]string{"reconsideration.acceptance", "--from", "2022-09-28"}, "2022-10-10", "第十七条"},
		// 2024 case, 2023 law: 60 days from 2024-03-01 (30 left in March + 30 in April) is
		// 04-30, a Tuesday before the 05-01..05 holiday: not moved.
		{[]string{"reconsideration.decision", "--from", "2024-03-01"}, "2024-04-30", "第六十二条"},
		// Extended: 90 days → 2024-05-30 (Thursday).
		{[]string{"reconsideration.decision", "--from", "2024-03-01", "--extended"}, "2024-05-30", "第六十二条"},
		// Suspended 2024-03-10 to 03-20: 10 days do not count → 05-10 (Friday).
		{[]string{"reconsideration.decision", "--from", "2024-03-01", "--suspend", "2024-03-10:2024-03-20"}, "2024-05-10", "第六十二条"},
		// 15 days from 2023-01-13 = 01-28, a 调休 Saturday working day.
		{[]string{"litigation.defence", "--from", "2023-01-13"}, "2023-01-28", "第六十七条"},
		// Filing: 30 days (overridden) from 2022-04-25 = 05-25.
		{[]string{"normdoc.filing", "--from", "2022-04-25", "--days", "30"}, "2022-05-25", ""},
	} {
		out := mustFazhi(t, dsn, append([]string{"deadline"}, tc.args...)...)
		first, rest, _ := strings.Cut(out, "\n")
		if first != tc.due {
			t.Errorf("deadline %v: first line %q, want %q\n%s", tc.args, first, tc.due, out)
		}
		if !strings.Contains(rest, tc.cite) {
			t.Errorf("deadline %v: no citation %q\n%s", tc.args, tc.cite, out)
		}
	}
	list := mustFazhi(t, dsn, "deadline", "--list")
	for _, id := range []string{"reconsideration.acceptance", "reconsideration.decision", "litigation.defence", "normdoc.filing"} {
		if !strings.Contains(list, id) {
			t.Errorf("--list lacks %s", id)
		}
	}
	if _, _, err := fazhi(t, dsn, "deadline", "litigation.defence", "--from", "2031-03-01"); err == nil || !strings.Contains(err.Error(), "超出节假日表覆盖的年份") {
		t.Errorf("a date outside the table: %v", err)
	}
}

func TestCalendarImport(t *testing.T) {
	t.Parallel()
	dsn := testdb.Engines()[0].DSN(t)
	if _, _, err := fazhi(t, dsn, "calendar", "show", "2031"); err == nil {
		t.Error("calendar show 2031 succeeded before the notice was imported")
	}
	notice := filepath.Join(t.TempDir(), "2031.txt")
	os.WriteFile(notice, []byte("# 国务院办公厅关于2031年部分节假日安排的通知（测试用）\n年份,2031\n2031-01-01,2031-01-01,元旦,休\n2031-01-22,2031-01-28,春节,休\n2031-01-19,春节,班\n2031-10-01,2031-10-07,国庆节,休\n2031-10-11,国庆节,班\n"), 0o644)
	mustFazhi(t, dsn, "calendar", "import", notice)
	out := mustFazhi(t, dsn, "calendar", "show", "2031")
	if !strings.Contains(out, "春节") {
		t.Errorf("calendar show 2031:\n%s", out)
	}
	// 2031-09-30 + 5 working days: 10-01..07 off, 10-08, 09, 10, 11 (调休 Saturday), 13.
	got := mustFazhi(t, dsn, "deadline", "reconsideration.acceptance", "--from", "2031-09-30")
	if first, _, _ := strings.Cut(got, "\n"); first != "2031-10-13" {
		t.Errorf("after import: %s", got)
	}
	bad := filepath.Join(t.TempDir(), "bad.txt")
	os.WriteFile(bad, []byte("2032-02-30,春节,休\n2032-01-01,元旦,休\n2032-13-01,春节,班\n"), 0o644)
	if _, _, err := fazhi(t, dsn, "calendar", "import", bad); err == nil || !strings.Contains(err.Error(), "第1行") || !strings.Contains(err.Error(), "第3行") {
		t.Errorf("bad notice, every bad line named: %v", err)
	}
}

// TestWarnings_Demo checks the warnings as of 2022-12-01 against the cases
// the demo places for that purpose (demo/cases.go, demo/bizenv.go, demo/plan.go).
func TestWarnings_Demo(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := sharedDemo(t, e)
		out := mustFazhi(t, dsn, "warnings", "--as-of", "2022-12-01")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if lines[0] != "截至 2022-12-01：逾期 4 项，临期 5 项（3个工作日内到期）" {
			t.Errorf("summary: %s", lines[0])
		}
		want := []string{ // most urgent first
			"逾期 超期31天 2022-10-31 RW2022-14",
			"逾期 超期13天 2022-11-18 YSYH-2022-047",
			"逾期 超期2天 2022-11-29 偃政复〔2022〕38号",
			"逾期 超期1天 2022-11-30 YSYH-2022-049",
			"临期 剩0天 2022-12-01 偃政复〔2022〕35号",
			"临期 剩1天 2022-12-02 ",
			"临期 剩1天 2022-12-02 ",
			"临期 剩4天 2022-12-05 ",
			"临期 剩4天 2022-12-05 ",
		}
		if len(lines) != len(want)+2 {
			t.Fatalf("got %d lines:\n%s", len(lines), out)
		}
		for i, w := range want {
			f := strings.Fields(lines[i+2])
			got := strings.Join([]string{f[0], f[1], f[2], f[len(f)-2]}, " ")
			if !strings.HasPrefix(got+" ", w) && !strings.HasPrefix(got, strings.TrimSpace(w)) {
				t.Errorf("line %d = %q, want %q", i+1, got, w)
			}
		}
		for _, key := range []string{"（2022）豫0381行初92号", "偃政复〔2022〕36号", "YSYH-2022-051", "YSYH-2022-052"} {
			if !strings.Contains(out, key) {
				t.Errorf("warnings lack %s", key)
			}
		}
		// One unit's view shows only its own items.
		own := mustFazhi(t, dsn, "warnings", "--as-of", "2022-12-01", "--unit", "偃师区民政局")
		if !strings.Contains(own, "偃政复〔2022〕35号") || strings.Contains(own, "YSYH") {
			t.Errorf("unit scope:\n%s", own)
		}
		// Each record shows its state: concluded cases are 按期办结.
		due := mustFazhi(t, dsn, "due", "reconsideration", "--as-of", "2022-12-31", "--year", "2022")
		for _, s := range []string{"按期办结", "逾期", "偃政复〔2022〕38号"} {
			if !strings.Contains(due, s) {
				t.Errorf("due lacks %s", s)
			}
		}
	})
}

// TestDeadlines_CorrectionAndSettings: a case waiting for 补正 materials is
// not overdue; review runs again from the day they arrive; a changed period
// recomputes stored due dates; a deadline past the calendar keeps the record.
func TestDeadlines_CorrectionAndSettings(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		f := filepath.Join(t.TempDir(), "recon.csv")
		os.WriteFile(f, []byte("案号,申请人,被申请人,收到申请日期,审查结果,补正通知日期,补正材料收到日期,受理日期\n"+
			"偃政复〔2024〕1号,甲,偃师区司法局,2024-06-03,告知补正,2024-06-04,,\n"+ // waiting
			"偃政复〔2024〕2号,乙,偃师区司法局,2024-06-03,受理,2024-06-04,2024-06-20,2024-06-24\n"+
			"偃政复〔2027〕3号,丙,偃师区司法局,2027-12-20,受理,,,2027-12-22\n"), 0o644)
		out := mustFazhi(t, dsn, "import", "reconsideration", f)
		if !strings.Contains(out, "3 行（新增 3") || !strings.Contains(out, "提示：1 条记录已导入，但其法定期限暂无法计算") {
			t.Errorf("import: %s", out)
		}
		due := mustFazhi(t, dsn, "due", "reconsideration", "--as-of", "2024-07-01")
		for _, want := range []string{
			// 1号: review paused; the applicant has 10 working days from the notice: 06-05..07, 06-11..14 (06-10 端午), 06-17..19 → 06-19.
			"偃政复〔2024〕1号", "2024-06-19  逾期",
			// 2号: review restarts at 06-20: 06-21, 24, 25, 26, 27 → 06-27; accepted 06-24.
			"2024-06-27  按期办结",
		} {
			if !strings.Contains(due, want) {
				t.Errorf("due lacks %q:\n%s", want, due)
			}
		}
		if strings.Contains(due, "行政复议申请审查（决定是否受理）  2024-06-11") {
			t.Errorf("a case waiting for 补正 got a review due date:\n%s", due)
		}
		// Settings: a 30-day filing period, stored due dates follow.
		n := filepath.Join(t.TempDir(), "normdoc.csv")
		os.WriteFile(n, []byte("文号,标题,制定机关,公布日期,状态\n偃政〔2024〕3号,关于试行的规定,区政府,2024-04-25,有效\n"), 0o644)
		mustFazhi(t, dsn, "import", "normdoc", n)
		if out := mustFazhi(t, dsn, "due", "normdoc", "--as-of", "2024-05-01"); !strings.Contains(out, "2024-05-10") { // 15 days: 05-10
			t.Errorf("default filing due:\n%s", out)
		}
		mustFazhi(t, dsn, "config", "set", "deadline.days.normdoc.filing", "30")
		if out := mustFazhi(t, dsn, "due", "normdoc", "--as-of", "2024-05-01"); !strings.Contains(out, "2024-05-27") { // 30 days: 05-25 is a Saturday → 05-27
			t.Errorf("configured filing due:\n%s", out)
		}
		if _, _, err := fazhi(t, dsn, "config", "set", "deadline.days.litigation.defence", "20"); err == nil {
			t.Error("a statutory period was made configurable")
		}
	})
}
