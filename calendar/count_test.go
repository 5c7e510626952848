package calendar_test

import (
	"errors"
	"strings"
	"testing"

	"fazhi/calendar"
)

// Expected dates below are worked out by hand from the notices; the comment on
// each case shows the count.
func TestCalendar_AddWorkdays(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		from string
		n    int
		want string
	}{
		// 09-29(1) 09-30(2), 10-01..07 国庆, 10-08 Sat 班(3) 10-09 Sun 班(4) 10-10(5)
		{"2022-09-28", 5, "2022-10-10"},
		{"2022-10-10", -5, "2022-09-28"},
		{"2022-09-28", 0, "2022-09-28"},
		// Spring Festival 2022: 01-29 Sat 班(1) 01-30 Sun 班(2), 01-31..02-06 off, 02-07(3)
		{"2022-01-28", 1, "2022-01-29"},
		{"2022-01-28", 3, "2022-02-07"},
		// 2023: 01-20 Fri(1), 01-21..27 off, 01-28 Sat 班(2)
		{"2023-01-19", 2, "2023-01-28"},
		// 2024: 02-03 Sat off, 02-04 Sun 班(1); 02-09 Fri(1), 02-10..17 off, 02-18 Sun 班(2)
		{"2024-02-02", 1, "2024-02-04"},
		{"2024-02-08", 2, "2024-02-18"},
		// 2025: 01-25 Sat off, 01-26 Sun 班(1), 01-27(2); 02-06(1) 02-07(2) 02-08 Sat 班(3)
		{"2025-01-24", 2, "2025-01-27"},
		{"2025-02-05", 3, "2025-02-08"},
		// 2026: 02-13 Fri(1) 02-14 Sat 班(2), 02-15..23 off, 02-24(3)
		{"2026-02-12", 3, "2026-02-24"},
		// National Day 2023: 09-28(1), 09-29..10-06 off, 10-07 Sat 班(2)
		{"2023-09-27", 2, "2023-10-07"},
		// 2024: 09-28 Sat off, 09-29 Sun 班(1), 09-30(2); 10-08 after the break; 10-11(1) 10-12 Sat 班(2)
		{"2024-09-27", 2, "2024-09-30"},
		{"2024-09-30", 1, "2024-10-08"},
		{"2024-10-10", 2, "2024-10-12"},
		// 2025: 10-01..08 off
		{"2025-09-30", 1, "2025-10-09"},
		// 2026: 09-19 Sat off, 09-20 Sun 班(1); 10-01..07 off
		{"2026-09-18", 1, "2026-09-20"},
		{"2026-09-30", 1, "2026-10-08"},
		// Year ends. 2022-12-29(1) 12-30(2), 12-31..01-02 元旦, 01-03(3) 01-04(4) 01-05(5)
		{"2022-12-28", 5, "2023-01-05"},
		// 2025-12-30(1) 12-31(2), 01-01..03 元旦, 01-04 Sun 班(3), 01-05(4) 01-06(5)
		{"2025-12-29", 5, "2026-01-06"},
		// 2023-12-29(1), 12-30..01-01 元旦, 01-02..05(2..5), 01-08..12(6..10)
		{"2023-12-28", 10, "2024-01-12"},
	}
	for _, tt := range tests {
		got, err := cal.AddWorkdays(d(tt.from), tt.n)
		if err != nil || calendar.Format(got) != tt.want {
			t.Errorf("AddWorkdays(%s, %d) = %s %v, want %s", tt.from, tt.n, calendar.Format(got), err, tt.want)
		}
	}
}

func TestCalendar_AddDays(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-03-05", 10, "2024-03-15"}, // Friday: no roll
		{"2024-03-06", 10, "2024-03-18"}, // Saturday 03-16 → Monday
		// Spring Festival: last day on the first / last day of the break
		{"2022-01-21", 10, "2022-02-07"}, // 01-31 → after 02-06
		{"2022-01-27", 10, "2022-02-07"}, // 02-06
		{"2022-01-20", 10, "2022-01-30"}, // Sunday 01-30 is a 调休 working day: no roll
		{"2023-01-11", 10, "2023-01-28"}, // 01-21 holiday, next day off-break is 01-28 Sat 班
		{"2023-01-17", 10, "2023-01-28"}, // 01-27
		{"2024-01-31", 10, "2024-02-18"}, // 02-10 → 02-18 Sun 班
		{"2024-02-07", 10, "2024-02-18"}, // 02-17
		{"2025-01-18", 10, "2025-02-05"}, // 01-28 → 02-05
		{"2025-01-25", 10, "2025-02-05"}, // 02-04
		{"2025-01-17", 10, "2025-01-27"}, // Monday before the break
		{"2026-02-05", 10, "2026-02-24"}, // 02-15 → 02-24
		{"2026-02-13", 10, "2026-02-24"}, // 02-23
		{"2026-02-04", 10, "2026-02-14"}, // Saturday 02-14 is a 调休 working day
		// National Day
		{"2022-09-21", 10, "2022-10-08"}, // 10-01 → 10-08 Sat 班
		{"2022-09-27", 10, "2022-10-08"}, // 10-07
		{"2023-09-19", 10, "2023-10-07"}, // 09-29 → 10-07 Sat 班
		{"2023-09-26", 10, "2023-10-07"}, // 10-06
		{"2024-09-21", 10, "2024-10-08"}, // 10-01
		{"2024-09-27", 10, "2024-10-08"}, // 10-07
		{"2025-09-21", 10, "2025-10-09"}, // 10-01
		{"2025-09-28", 10, "2025-10-09"}, // 10-08
		{"2026-09-21", 10, "2026-10-08"}, // 10-01
		{"2026-09-27", 10, "2026-10-08"}, // 10-07
		// across a year end: 2023-12-31 元旦 → 2024-01-02
		{"2023-12-16", 15, "2024-01-02"},
	}
	for _, tt := range tests {
		got, err := cal.AddDays(d(tt.from), tt.n)
		if err != nil || calendar.Format(got) != tt.want {
			t.Errorf("AddDays(%s, %d) = %s %v, want %s", tt.from, tt.n, calendar.Format(got), err, tt.want)
		}
	}
}

func TestCalendar_AddMonths(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2023-08-31", 6, "2024-02-29"}, // no 31st: last day of the month (民法典 art 202)
		{"2023-03-31", 6, "2023-10-07"}, // 09-30 Sat → 10-07 Sat 班 (09-29..10-06 off)
		{"2024-04-01", 6, "2024-10-08"}, // 10-01 holiday
		{"2022-11-30", 3, "2023-02-28"},
	}
	for _, tt := range tests {
		got, err := cal.AddMonths(d(tt.from), tt.n)
		if err != nil || calendar.Format(got) != tt.want {
			t.Errorf("AddMonths(%s, %d) = %s %v, want %s", tt.from, tt.n, calendar.Format(got), err, tt.want)
		}
	}
}

func TestCalendar_WorkdaysBetween(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		a, b string
		want int
	}{
		{"2022-09-28", "2022-10-10", 5},
		{"2022-12-28", "2023-01-05", 5},
		{"2023-01-05", "2022-12-28", -5},
		{"2024-02-09", "2024-02-17", 0},
		{"2026-02-13", "2026-02-28", 6}, // 02-14 Sat 班, 02-24..02-27, 02-28 Sat 班
		{"2024-05-06", "2024-05-06", 0},
	}
	for _, tt := range tests {
		got, err := cal.WorkdaysBetween(d(tt.a), d(tt.b))
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d %v, want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
}

func TestCalendar_NotCovered(t *testing.T) {
	cal := calendar.Builtin()
	if cal.Covers(2001) || cal.Covers(2099) {
		t.Fatal("Builtin covers a year lunar-go has no notice for")
	}
	_, err := cal.IsWorkday(d("2099-05-06"))
	if !errors.Is(err, calendar.ErrNotCovered) {
		t.Fatalf("IsWorkday(2099-05-06) err = %v, want ErrNotCovered", err)
	}
	for _, want := range []string{"2099-05-06", "已覆盖：2002–", "fazhi calendar import"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	last := cal.Years()[len(cal.Years())-1]
	// A count that runs past the last covered year fails instead of guessing.
	if _, err := cal.AddWorkdays(calendar.Date(last, 12, 28), 5); !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("AddWorkdays past %d: err = %v", last, err)
	}
	if _, err := cal.AddDays(calendar.Date(last, 12, 25), 10); !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("AddDays past %d: err = %v", last, err)
	}
	if _, err := cal.Year(last + 1); !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("Year(%d): err = %v", last+1, err)
	}
	empty := calendar.New(nil, nil)
	if _, err := empty.IsWorkday(d("2024-05-06")); err == nil || !strings.Contains(err.Error(), "已覆盖：无") {
		t.Errorf("empty calendar: err = %v", err)
	}
}

func TestCalendar_Merge(t *testing.T) {
	base := calendar.Builtin()
	merged := base.Merge([]calendar.Day{
		{Date: d("2099-01-01"), Kind: calendar.Holiday, Name: "元旦"},
		{Date: d("2099-01-03"), Kind: calendar.Makeup, Name: "元旦"},
		{Date: d("2026-10-08"), Kind: calendar.Holiday, Name: "国庆节"}, // override lunar-go
	}, []int{2099})
	check := func(c *calendar.Calendar, date string, want bool) {
		t.Helper()
		got, err := c.IsWorkday(d(date))
		if err != nil || got != want {
			t.Errorf("IsWorkday(%s) = %v %v, want %v", date, got, err, want)
		}
	}
	check(merged, "2099-01-01", false) // Thursday, imported holiday
	check(merged, "2099-01-02", true)  // Friday
	check(merged, "2099-01-03", true)  // Saturday, imported 班
	check(merged, "2099-01-04", false) // Sunday
	check(merged, "2026-10-08", false)
	check(base, "2026-10-08", true) // the original is unchanged
	if base.Covers(2099) || !merged.Covers(2099) || !merged.Covers(2024) {
		t.Error("Merge did not add the year to a copy only")
	}
	// A 2026 import that lists only the National Day break leaves the other
	// built-in 2026 rows in place, and Unlisted names them.
	imported := []calendar.Day{{Date: d("2026-10-01"), Kind: calendar.Holiday}}
	un := base.Unlisted(imported, []int{2026})
	// 2026 rows: 元旦 3+1, 春节 9+2, 清明 3, 劳动节 5+1, 端午 3, 中秋 3, 国庆 7+2 = 39; minus 10-01
	if len(un) != 38 || !un[0].Date.Equal(d("2026-01-01")) {
		t.Errorf("Unlisted = %d rows starting %v, want 38 from 2026-01-01", len(un), un[0].Date)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2022-09-28", "2022/9/28", "2022.9.28", "2022年9月28日", " 2022-9-28 ", "20220928", "2022年9月28号", "二〇二二年九月二十八日", "2022.09.28.", "２０２２－０９－２８", "2022-09-28 09:30:00"} {
		if got, err := calendar.ParseDate(s); err != nil || !got.Equal(calendar.Date(2022, 9, 28)) {
			t.Errorf("ParseDate(%q) = %v %v", s, got, err)
		}
	}
	for _, s := range []string{"2023-02-29", "2022-13-01", "", "明天", "二〇二二年十三月一日", "2022年9月", "1899-12-31"} {
		if _, err := calendar.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) succeeded", s)
		}
	}
}
