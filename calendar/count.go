package calendar

import "time"

// AddWorkdays returns the n-th working day after from. The start day is not
// counted (民诉法 art 85 para 2; 行政复议法 2023 art 88 para 2 and 2017 art 40
// make "五日" etc. working days): from a Wednesday, AddWorkdays(from, 1) is the
// next working day, Thursday. A negative n counts back to the n-th working day
// before from; n == 0 returns from unchanged.
func (c *Calendar) AddWorkdays(from time.Time, n int) (time.Time, error) {
	d := Day0(from)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		w, err := c.IsWorkday(d)
		if err != nil {
			return time.Time{}, err
		}
		if w {
			n--
		}
	}
	return d, nil
}

// AddDays counts a period of n natural days: the start day is not counted, so
// the period's last day is from + n; if that day is a rest day it moves to the
// next working day. This is 民事诉讼法 art 85 paras 2–3 ("期间开始的时和日，不计算
// 在期间内"; "期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的
// 日期"), which 行政诉讼法 art 101 and 行政复议法 (2023) art 88 para 1 apply, and
// 民法典 arts 201 and 203 state the same for civil periods. Courts read
// 法定休假日 as every non-working day, weekends included, and a 调休 Saturday is
// a working day, so the roll stops there.
func (c *Calendar) AddDays(from time.Time, n int) (time.Time, error) {
	return c.NextWorkday(Day0(from).AddDate(0, 0, n))
}

// AddMonths counts a period of n months under 民法典 arts 201–203: it ends on
// the same-numbered day of the final month (its last day when there is no
// such day), moved to the next working day if that is a rest day.
func (c *Calendar) AddMonths(from time.Time, n int) (time.Time, error) {
	return c.NextWorkday(AddMonths(from, n))
}

// NextWorkday returns d itself when it is a working day, otherwise the first
// working day after it.
func (c *Calendar) NextWorkday(d time.Time) (time.Time, error) {
	d = Day0(d)
	for {
		w, err := c.IsWorkday(d)
		if err != nil {
			return time.Time{}, err
		}
		if w {
			return d, nil
		}
		d = d.AddDate(0, 0, 1)
	}
}

// WorkdaysBetween counts the working days after a up to and including b, the
// same convention as AddWorkdays: AddWorkdays(a, WorkdaysBetween(a, b)) is b
// when b is a working day. It is negative when b is before a, and 0 when they
// are the same day.
func (c *Calendar) WorkdaysBetween(a, b time.Time) (int, error) {
	a, b = Day0(a), Day0(b)
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		w, err := c.IsWorkday(d)
		if err != nil {
			return 0, err
		}
		if w {
			n++
		}
	}
	return sign * n, nil
}
