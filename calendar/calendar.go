// Package calendar knows which days are working days in mainland China.
//
// Working days are not Monday to Friday: every year the General Office of the
// State Council (国务院办公厅) publishes a notice that turns some weekdays into
// holidays and some weekends into make-up working days (调休上班). A Calendar
// holds those notices as a table of special days for a set of covered years;
// every other day is a working day from Monday to Friday and a rest day on
// Saturday and Sunday. Outside the covered years it refuses to answer
// (ErrNotCovered) rather than guess.
//
// All dates are time.Time values at UTC midnight (see Date, ParseDate).
package calendar

import (
	"sort"
	"time"
)

// Kind says what sort of day a date is.
type Kind int

const (
	// Workday is an ordinary working day (Monday to Friday).
	Workday Kind = iota + 1
	// Weekend is an ordinary Saturday or Sunday.
	Weekend
	// Holiday is a rest day set by a State Council notice: a statutory
	// holiday or a day off moved by 调休, including weekends inside a break.
	Holiday
	// Makeup is a 调休 make-up working day, usually a Saturday or Sunday.
	Makeup
)

// IsWork reports whether a day of this kind is a working day.
func (k Kind) IsWork() bool { return k == Workday || k == Makeup }

// String returns the Chinese name shown to users.
func (k Kind) String() string {
	switch k {
	case Workday:
		return "工作日"
	case Weekend:
		return "休息日"
	case Holiday:
		return "节假日"
	case Makeup:
		return "调休上班"
	}
	return "未知"
}

// Day is one date with its kind. In a table of special days Kind is Holiday or
// Makeup (or Workday/Weekend to override a wrong entry) and Name is the
// festival the notice ties it to (春节, 国庆节 …).
type Day struct {
	Date time.Time
	Kind Kind
	Name string
}

// Calendar answers working-day questions for the years it covers. It is
// immutable once built and safe for concurrent use.
type Calendar struct {
	special map[time.Time]Day
	years   map[int]bool
}

// New builds a calendar from a table of special days and the years the table
// covers completely. Later rows for the same date win.
func New(days []Day, years []int) *Calendar {
	c := &Calendar{special: make(map[time.Time]Day, len(days)), years: make(map[int]bool, len(years))}
	for _, d := range days {
		d.Date = Day0(d.Date)
		c.special[d.Date] = d
	}
	for _, y := range years {
		c.years[y] = true
	}
	return c
}

// Merge returns a new calendar with days laid over c's table (a row for a date
// replaces c's row for that date) and years added to the covered years. This
// is how an administrator's imported notice overrides the built-in table.
// Rows of c that days does not mention are kept (see Unlisted): nothing is
// deleted silently.
func (c *Calendar) Merge(days []Day, years []int) *Calendar {
	all := make([]Day, 0, len(c.special)+len(days))
	for _, d := range c.special {
		all = append(all, d)
	}
	all = append(all, days...)
	return New(all, append(c.Years(), years...))
}

// Unlisted returns c's rows dated in the given years whose dates days does
// not mention, in date order. Merge keeps such rows, so `fazhi calendar
// import` can show them: to turn one back into an ordinary day, the file
// marks it 班 (weekday) or 休 (weekend).
func (c *Calendar) Unlisted(days []Day, years []int) []Day {
	listed := make(map[time.Time]bool, len(days))
	for _, d := range days {
		listed[Day0(d.Date)] = true
	}
	var out []Day
	for _, y := range years {
		for _, row := range c.Special(y) {
			if !listed[row.Date] {
				out = append(out, row)
			}
		}
	}
	return out
}

// Covers reports whether the table covers the whole of year y.
func (c *Calendar) Covers(year int) bool { return c.years[year] }

// Years returns the covered years in ascending order.
func (c *Calendar) Years() []int {
	ys := make([]int, 0, len(c.years))
	for y := range c.years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// Special returns the table's rows dated in year y (holidays and make-up
// working days), in date order.
func (c *Calendar) Special(year int) []Day {
	var out []Day
	for d, row := range c.special {
		if d.Year() == year {
			out = append(out, row)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// Lookup returns what sort of day d is, or ErrNotCovered (as a
// *NotCoveredError) when d's year is not in the table.
func (c *Calendar) Lookup(d time.Time) (Day, error) {
	d = Day0(d)
	if !c.years[d.Year()] {
		return Day{}, &NotCoveredError{Date: d, Years: c.Years()}
	}
	if row, ok := c.special[d]; ok {
		return row, nil
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Day{Date: d, Kind: Weekend}, nil
	}
	return Day{Date: d, Kind: Workday}, nil
}

// IsWorkday reports whether d is a working day: Monday to Friday unless the
// notice made it a holiday, or a weekend day the notice made a 调休 working day.
func (c *Calendar) IsWorkday(d time.Time) (bool, error) {
	day, err := c.Lookup(d)
	if err != nil {
		return false, err
	}
	return day.Kind.IsWork(), nil
}

// IsRestDay reports whether d is a rest day (weekend or holiday). Courts read
// 民诉法 art 85's 法定休假日 as every such day.
func (c *Calendar) IsRestDay(d time.Time) (bool, error) {
	w, err := c.IsWorkday(d)
	return !w && err == nil, err
}

// Year returns every date of year y with its kind and holiday name, for
// `fazhi calendar show`.
func (c *Calendar) Year(y int) ([]Day, error) {
	var out []Day
	for d := Date(y, 1, 1); d.Year() == y; d = d.AddDate(0, 0, 1) {
		day, err := c.Lookup(d)
		if err != nil {
			return nil, err
		}
		out = append(out, day)
	}
	return out, nil
}
