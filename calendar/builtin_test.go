package calendar_test

import (
	"testing"
	"time"

	"fazhi/calendar"
)

func d(s string) time.Time { return calendar.MustDate(s) }

// Every weekday that was a day off in 2022–2026, transcribed by hand from the
// State Council notices 国办发明电〔2021〕11号 (2022), 〔2022〕16号 (2023),
// 〔2023〕7号 (2024), 〔2024〕12号 (2025) and 〔2025〕7号 (2026).
var weekdaysOff = map[int][]string{
	2022: {"2022-01-03", // 元旦 01-01..01-03
		"2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04", // 春节 01-31..02-06
		"2022-04-04", "2022-04-05", // 清明 04-03..04-05
		"2022-05-02", "2022-05-03", "2022-05-04", // 劳动节 04-30..05-04
		"2022-06-03",                                                          // 端午 06-03..06-05
		"2022-09-12",                                                          // 中秋 09-10..09-12
		"2022-10-03", "2022-10-04", "2022-10-05", "2022-10-06", "2022-10-07"}, // 国庆 10-01..10-07
	2023: {"2023-01-02", // 元旦 2022-12-31..01-02
		"2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26", "2023-01-27", // 春节 01-21..01-27
		"2023-04-05",                             // 清明
		"2023-05-01", "2023-05-02", "2023-05-03", // 劳动节 04-29..05-03
		"2023-06-22", "2023-06-23", // 端午 06-22..06-24
		"2023-09-29", "2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05", "2023-10-06"}, // 中秋国庆 09-29..10-06
	2024: {"2024-01-01", // 元旦
		"2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", // 春节 02-10..02-17
		"2024-04-04", "2024-04-05", // 清明 04-04..04-06
		"2024-05-01", "2024-05-02", "2024-05-03", // 劳动节 05-01..05-05
		"2024-06-10",               // 端午 06-08..06-10
		"2024-09-16", "2024-09-17", // 中秋 09-15..09-17
		"2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07"}, // 国庆 10-01..10-07
	2025: {"2025-01-01", // 元旦
		"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04", // 春节 01-28..02-04
		"2025-04-04",                             // 清明 04-04..04-06
		"2025-05-01", "2025-05-02", "2025-05-05", // 劳动节 05-01..05-05
		"2025-06-02",                                                                        // 端午 05-31..06-02
		"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"}, // 国庆中秋 10-01..10-08
	2026: {"2026-01-01", "2026-01-02", // 元旦 01-01..01-03
		"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23", // 春节 02-15..02-23
		"2026-04-06",                             // 清明 04-04..04-06
		"2026-05-01", "2026-05-04", "2026-05-05", // 劳动节 05-01..05-05
		"2026-06-19",                                                          // 端午 06-19..06-21
		"2026-09-25",                                                          // 中秋 09-25..09-27
		"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}, // 国庆 10-01..10-07
}

// Every Saturday or Sunday that was a 调休 working day in 2022–2026.
var weekendsOn = map[int][]string{
	2022: {"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"},
	2023: {"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"},
	2024: {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"},
	2025: {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"},
	2026: {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"},
}

// TestBuiltin_WholeYears checks every day of 2022–2026: a weekday is a working
// day unless listed in weekdaysOff, a weekend day is a rest day unless listed
// in weekendsOn. This pins the whole table, not just sample dates.
func TestBuiltin_WholeYears(t *testing.T) {
	cal := calendar.Builtin()
	for y := 2022; y <= 2026; y++ {
		if !cal.Covers(y) {
			t.Fatalf("Covers(%d) = false", y)
		}
		off, on := set(weekdaysOff[y]), set(weekendsOn[y])
		for day := calendar.Date(y, 1, 1); day.Year() == y; day = day.AddDate(0, 0, 1) {
			weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
			want := !weekend && !off[day] || weekend && on[day]
			got, err := cal.IsWorkday(day)
			if err != nil {
				t.Fatalf("IsWorkday(%s): %v", calendar.Format(day), err)
			}
			if got != want {
				t.Errorf("IsWorkday(%s %s) = %v, want %v", calendar.Format(day), calendar.WeekdayName(day), got, want)
			}
			rest, _ := cal.IsRestDay(day)
			if rest == got {
				t.Errorf("IsRestDay(%s) = %v, IsWorkday = %v", calendar.Format(day), rest, got)
			}
		}
	}
}

// TestBuiltin_WeekendWorkdays names each 调休 working day with its kind.
func TestBuiltin_WeekendWorkdays(t *testing.T) {
	cal := calendar.Builtin()
	for y, days := range weekendsOn {
		for _, s := range days {
			got, err := cal.Lookup(d(s))
			if err != nil || got.Kind != calendar.Makeup {
				t.Errorf("%d: Lookup(%s) = %v %v, want 调休上班", y, s, got.Kind, err)
			}
		}
	}
}

// TestBuiltin_Edges checks the first and last day of each Spring Festival and
// National Day break of 2022–2026 and the day on either side.
func TestBuiltin_Edges(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		date string
		want calendar.Kind
	}{
		{"2022-01-30", calendar.Makeup}, {"2022-01-31", calendar.Holiday}, {"2022-02-06", calendar.Holiday}, {"2022-02-07", calendar.Workday},
		{"2023-01-20", calendar.Workday}, {"2023-01-21", calendar.Holiday}, {"2023-01-27", calendar.Holiday}, {"2023-01-28", calendar.Makeup},
		{"2024-02-09", calendar.Workday}, {"2024-02-10", calendar.Holiday}, {"2024-02-17", calendar.Holiday}, {"2024-02-18", calendar.Makeup},
		{"2025-01-27", calendar.Workday}, {"2025-01-28", calendar.Holiday}, {"2025-02-04", calendar.Holiday}, {"2025-02-05", calendar.Workday},
		{"2026-02-14", calendar.Makeup}, {"2026-02-15", calendar.Holiday}, {"2026-02-23", calendar.Holiday}, {"2026-02-24", calendar.Workday},
		{"2022-09-30", calendar.Workday}, {"2022-10-01", calendar.Holiday}, {"2022-10-07", calendar.Holiday}, {"2022-10-08", calendar.Makeup},
		{"2023-09-28", calendar.Workday}, {"2023-09-29", calendar.Holiday}, {"2023-10-06", calendar.Holiday}, {"2023-10-07", calendar.Makeup},
		{"2024-09-30", calendar.Workday}, {"2024-10-01", calendar.Holiday}, {"2024-10-07", calendar.Holiday}, {"2024-10-08", calendar.Workday},
		{"2025-09-30", calendar.Workday}, {"2025-10-01", calendar.Holiday}, {"2025-10-08", calendar.Holiday}, {"2025-10-09", calendar.Workday},
		{"2026-09-30", calendar.Workday}, {"2026-10-01", calendar.Holiday}, {"2026-10-07", calendar.Holiday}, {"2026-10-08", calendar.Workday},
	}
	for _, tt := range tests {
		got, err := cal.Lookup(d(tt.date))
		if err != nil || got.Kind != tt.want {
			t.Errorf("Lookup(%s) = %v %v, want %v", tt.date, got.Kind, err, tt.want)
		}
	}
}

func set(ss []string) map[time.Time]bool {
	m := map[time.Time]bool{}
	for _, s := range ss {
		m[d(s)] = true
	}
	return m
}
