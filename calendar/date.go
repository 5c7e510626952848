package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Layout is the ISO form every date in fazhi is printed in.
const Layout = "2006-01-02"

// Date returns the calendar date y-m-d as a time.Time at UTC midnight, the one
// representation of a date used throughout fazhi.
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Day0 reduces t to its calendar date (in t's own location) at UTC midnight.
func Day0(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// ParseDate reads a date written as 2022-09-28, 2022/9/28, 2022.9.28 or
// 2022年9月28日 and returns it at UTC midnight. It rejects impossible dates
// such as 2023-02-29 instead of normalising them.
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "日")
	t = strings.NewReplacer("年", "-", "月", "-", "/", "-", ".", "-", "－", "-").Replace(t)
	parts := strings.Split(t, "-")
	if len(parts) != 3 {
		return time.Time{}, fmt.Errorf("无法识别的日期“%s”，应写作 2027-02-05、2027/2/5 或 2027年2月5日", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 {
			return time.Time{}, fmt.Errorf("无法识别的日期“%s”，应写作 2027-02-05、2027/2/5 或 2027年2月5日", s)
		}
		n[i] = v
	}
	if n[0] < 1900 || n[0] > 2999 || n[1] < 1 || n[1] > 12 || n[2] < 1 {
		return time.Time{}, fmt.Errorf("无法识别的日期“%s”，应写作 2027-02-05、2027/2/5 或 2027年2月5日", s)
	}
	d := Date(n[0], time.Month(n[1]), n[2])
	if d.Day() != n[2] {
		return time.Time{}, fmt.Errorf("日期“%s”不存在", s)
	}
	return d, nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on error.
func MustDate(s string) time.Time {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Format prints d as 2006-01-02.
func Format(d time.Time) string { return d.Format(Layout) }

// weekdayNames are the Chinese names of the days of the week, Sunday first.
var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// WeekdayName returns the Chinese name of d's day of the week (星期一 …).
func WeekdayName(d time.Time) string { return weekdayNames[d.Weekday()] }

// DaysBetween returns the number of calendar days from a to b (b − a).
func DaysBetween(a, b time.Time) int {
	return int(Day0(b).Sub(Day0(a)).Hours() / 24)
}

// AddMonths adds n months to d the way 民法典 art 202 counts a month period:
// the period ends on the same-numbered day of the final month, or on that
// month's last day when it has no such day (2023-08-31 + 6 months = 2024-02-29).
// No holiday roll-forward is applied here; see Calendar.AddMonths for that.
func AddMonths(d time.Time, n int) time.Time {
	d = Day0(d)
	y, m := d.Year(), int(d.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	first := Date(y, time.Month(m+1), 1)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day()
	if day > last {
		day = last
	}
	return Date(y, time.Month(m+1), day)
}
