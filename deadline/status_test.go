package deadline_test

import (
	"errors"
	"testing"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
)

func TestStatus(t *testing.T) {
	cal := calendar.Builtin()
	due := "2022-10-10"
	tests := []struct {
		name       string
		done, asOf string
		near       int
		want       string
		days       int
	}{
		// working days after 09-30 up to 10-10: 10-08, 10-09, 10-10 = 3 → 临期
		{"near across the break", "", "2022-09-30", 3, "临期", 10},
		// after 09-29: 09-30, 10-08, 10-09, 10-10 = 4 → 正常
		{"normal", "", "2022-09-29", 3, "正常", 11},
		{"due today", "", "2022-10-10", 3, "临期", 0},
		{"due today, window 0", "", "2022-10-10", 0, "临期", 0},
		{"due tomorrow, window 0", "", "2022-10-09", 0, "正常", 1},
		{"overdue", "", "2022-10-11", 3, "逾期", 1},
		{"done early", "2022-10-09", "2022-11-01", 3, "按期办结", 1},
		{"done on the day", "2022-10-10", "2022-11-01", 3, "按期办结", 0},
		{"done late", "2022-10-12", "2022-11-01", 3, "超期办结", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var done *time.Time
			if tt.done != "" {
				x := d(tt.done)
				done = &x
			}
			st, n, err := deadline.Status(d(due), done, d(tt.asOf), cal, tt.near)
			if err != nil || st.String() != tt.want || n != tt.days {
				t.Errorf("Status = %s %d %v, want %s %d", st, n, err, tt.want, tt.days)
			}
		})
	}
}

func TestStatus_Window(t *testing.T) {
	// A far due date needs only the window's days from the calendar.
	st, n, err := deadline.Status(d("2031-04-30"), nil, d("2026-05-06"), calendar.Builtin(), 3)
	if err != nil || st != deadline.Normal || n != 1820 {
		t.Errorf("far due date: %s %d %v", st, n, err)
	}
	// A finished record needs no calendar at all.
	done := d("2031-05-01")
	if st, _, err := deadline.Status(d("2031-04-30"), &done, d("2099-01-01"), nil, 3); err != nil || st != deadline.DoneLate {
		t.Errorf("done without calendar: %s %v", st, err)
	}
	// A window running past the table is an error, not a guess.
	_, _, err = deadline.Status(d("2099-01-05"), nil, d("2098-12-30"), calendar.Builtin(), 3)
	if !errors.Is(err, calendar.ErrNotCovered) {
		t.Errorf("window past the table: err = %v", err)
	}
}

func TestState_Strings(t *testing.T) {
	want := map[deadline.State]string{deadline.Normal: "正常", deadline.Near: "临期", deadline.Overdue: "逾期",
		deadline.DoneOnTime: "按期办结", deadline.DoneLate: "超期办结"}
	for s, w := range want {
		if s.String() != w {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), w)
		}
	}
}

func TestEngine_Status(t *testing.T) {
	e := deadline.Engine{Cal: calendar.Builtin(), Config: deadline.DefaultConfig()}
	// 2026-02-24 is due; on 02-13 the working days up to it are 02-14 Sat 班 and 02-24 = 2 ≤ 3
	if st, n, err := e.Status(d("2026-02-24"), nil, d("2026-02-13")); err != nil || st != deadline.Near || n != 11 {
		t.Errorf("Engine.Status = %s %d %v", st, n, err)
	}
}

func TestConfigFrom(t *testing.T) {
	c, err := deadline.ConfigFrom(map[string]string{deadline.KeySwitch: "2024-03-01", deadline.KeyNear: "5", "deadline.days.normdoc.filing": "30"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.ReconsiderationSwitch.Equal(calendar.Date(2024, 3, 1)) || c.NearWorkdays != 5 || c.Periods["normdoc.filing"] != 30 {
		t.Errorf("config = %+v", c)
	}
	for _, bad := range []map[string]string{
		{"deadline.days.litigation.defence": "20"}, // statutory: not configurable
		{"deadline.days.normdoc.filing": "0"},
		{deadline.KeySwitch: "明年"},
		{"deadline.nonsense": "1"},
	} {
		if _, err := deadline.ConfigFrom(bad); err == nil {
			t.Errorf("ConfigFrom(%v) accepted", bad)
		}
	}
}
