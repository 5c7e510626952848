package deadline

import (
	"fmt"
	"time"

	"fazhi/calendar"
)

// State is where a record stands against its due date.
type State int

const (
	// Normal: open, and the due date is more than the 临期 window away.
	Normal State = iota + 1
	// Near: open, and due within the 临期 window (today included).
	Near
	// Overdue: open after the due date.
	Overdue
	// DoneOnTime: finished on or before the due date.
	DoneOnTime
	// DoneLate: finished after the due date.
	DoneLate
)

// String returns the Chinese label shown in ledgers.
func (s State) String() string {
	switch s {
	case Normal:
		return "正常"
	case Near:
		return "临期"
	case Overdue:
		return "逾期"
	case DoneOnTime:
		return "按期办结"
	case DoneLate:
		return "超期办结"
	}
	return "未知"
}

// Status says where a record with the given due date stands on asOf (today).
// done is the date the record was finished, nil while it is open. The day
// count is in natural days: days left for 正常/临期 (0 on the due day), days
// late for 逾期/超期办结, days to spare for 按期办结.
//
// A record is 临期 when due falls within nearWorkdays working days after asOf
// (WorkdaysBetween(asOf, due) ≤ nearWorkdays, so the due day itself is always
// 临期). Only the window's days are looked up in cal, and an error comes back
// only if they are outside the covered years; finished records need no
// calendar.
func Status(due time.Time, done *time.Time, asOf time.Time, cal *calendar.Calendar, nearWorkdays int) (State, int, error) {
	due, asOf = calendar.Day0(due), calendar.Day0(asOf)
	if done != nil {
		d := calendar.Day0(*done)
		if d.After(due) {
			return DoneLate, calendar.DaysBetween(due, d), nil
		}
		return DoneOnTime, calendar.DaysBetween(d, due), nil
	}
	if asOf.After(due) {
		return Overdue, calendar.DaysBetween(due, asOf), nil
	}
	left := calendar.DaysBetween(asOf, due)
	if cal == nil {
		return 0, 0, fmt.Errorf("没有节假日表，无法判断是否临期")
	}
	work := 0
	for d := asOf.AddDate(0, 0, 1); !d.After(due); d = d.AddDate(0, 0, 1) {
		w, err := cal.IsWorkday(d)
		if err != nil {
			return 0, 0, err
		}
		if w {
			if work++; work > nearWorkdays {
				return Normal, left, nil
			}
		}
	}
	return Near, left, nil
}

// Status is the package Status with the engine's calendar and 临期 window.
func (e Engine) Status(due time.Time, done *time.Time, asOf time.Time) (State, int, error) {
	return Status(due, done, asOf, e.Cal, e.Config.NearWorkdays)
}
