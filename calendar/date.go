package calendar

import (
	"errors"
	"fmt"
	"regexp"
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

// ParseDate is the one reader of written dates in fazhi: command-line
// arguments, notices, settings and every import cell go through it (ledger
// adds Excel serial numbers on top). It accepts 2022-09-28, 2022/9/28,
// 2022.9.28, 2022.09.28. (a trailing dot), 2022年9月28日 or 号, 20220928,
// 二〇二二年九月二十八日, full-width digits and a time of day after the date,
// and returns the day at UTC midnight. Impossible dates such as 2023-02-29 are
// refused, never normalised; years outside 1900-2999 are refused.
func ParseDate(s string) (time.Time, error) {
	t := foldDate(s)
	if t == "" {
		return time.Time{}, errors.New("日期为空")
	}
	var y, m, d int
	if g := dateYMD.FindStringSubmatch(t); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := dateCompact.FindStringSubmatch(t); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := dateHan.FindStringSubmatch(t); g != nil {
		y, m, d = hanYear(g[1]), hanNumber(g[2]), hanNumber(g[3])
		if y < 0 || m < 0 || d < 0 {
			return time.Time{}, fmt.Errorf("无法识别的日期“%s”，%s", strings.TrimSpace(s), dateHint)
		}
	} else {
		return time.Time{}, fmt.Errorf("无法识别的日期“%s”，%s", strings.TrimSpace(s), dateHint)
	}
	if y < 1900 || y > 2999 {
		return time.Time{}, fmt.Errorf("日期“%s”的年份不合理", strings.TrimSpace(s))
	}
	date := Date(y, time.Month(m), d)
	if m < 1 || m > 12 || d < 1 || date.Day() != d {
		return time.Time{}, fmt.Errorf("“%s”不是存在的日期", strings.TrimSpace(s))
	}
	return date, nil
}

// dateHint says how a date may be written.
const dateHint = "应写作 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日"

var (
	dateYMD     = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号.]?(?:\s*(?:T|\s)\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$`)
	dateCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	dateHan     = regexp.MustCompile(`^([〇○零一二三四五六七八九0-9]{4})年([〇○零一二三四五六七八九十0-9]{1,3})月([〇○零一二三四五六七八九十0-9]{1,3})[日号]$`)
)

// foldDate trims spaces (full-width too) and folds full-width digits and
// punctuation to ASCII.
func foldDate(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '－' || r == '—' || r == '–':
			return '-'
		case r == '／':
			return '/'
		case r == '．' || r == '。':
			return '.'
		case r == '\u3000' || r == '\u00a0':
			return ' '
		case r == '\u200b' || r == '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

var hanDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// hanYear reads a year written digit by digit (二〇二四), or -1.
func hanYear(s string) int {
	n := 0
	for _, r := range s {
		v, ok := hanDigits[r]
		if !ok {
			if r < '0' || r > '9' {
				return -1
			}
			v = int(r - '0')
		}
		n = n*10 + v
	}
	return n
}

// hanNumber reads 1-31 written as 八, 十, 十二, 二十, 三十一 or digits, or -1.
func hanNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		if v, ok := hanDigits[r[0]]; ok {
			return v
		}
	case len(r) == 2 && r[0] == '十':
		if v, ok := hanDigits[r[1]]; ok {
			return 10 + v
		}
	case len(r) == 2 && r[1] == '十':
		if v, ok := hanDigits[r[0]]; ok {
			return v * 10
		}
	case len(r) == 3 && r[1] == '十':
		a, ok1 := hanDigits[r[0]]
		b, ok2 := hanDigits[r[2]]
		if ok1 && ok2 {
			return a*10 + b
		}
	}
	return -1
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
