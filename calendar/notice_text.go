package calendar

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The notice's sentences have one shape every year:
//
//	春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//	元旦：2022年12月31日至2023年1月2日放假调休，共3天。
//	元旦：1月1日放假，与周末连休。
//
// parseSentence drops the parentheses, then reads the clause before 放假 as a
// range, checks it against 共N天 when given, and reads the clause before 上班
// as a list of dates.
var (
	parenRE    = regexp.MustCompile(`（[^）]*）|\([^)]*\)`)
	cnDateRE   = regexp.MustCompile(`^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日$`)
	totalRE    = regexp.MustCompile(`共\s*(\d+)\s*天`)
	listSepSet = "、，,和及 "
)

func (p *noticeParser) parseSentence(name, rest string) error {
	year := p.titleYear
	if len(p.declared) > 0 {
		year = p.declared[0]
	}
	if year == 0 {
		return fmt.Errorf("未写明年份：请在通知正文前保留标题（“关于2027年部分节假日安排的通知”）或加一行“年份,2027”")
	}
	rest = parenRE.ReplaceAllString(rest, "")
	found := false
	for _, clause := range strings.FieldsFunc(rest, func(r rune) bool { return r == '。' || r == '；' || r == ';' }) {
		if i := strings.Index(clause, "放假"); i >= 0 {
			if err := p.sentenceBreak(name, year, clause[:i], clause); err != nil {
				return err
			}
			found = true
		}
		if i := strings.Index(clause, "上班"); i >= 0 {
			if err := p.sentenceWorkdays(name, year, clause[:i]); err != nil {
				return err
			}
		}
	}
	if !found {
		return fmt.Errorf("没有读到“某月某日至某日放假”")
	}
	return nil
}

// sentenceBreak reads "2月15日至23日" (or one date) before 放假.
func (p *noticeParser) sentenceBreak(name string, year int, span, clause string) error {
	span = strings.TrimSuffix(strings.TrimSpace(span), "调休") // older notices: "调休放假"
	parts := strings.Split(span, "至")
	if len(parts) > 2 {
		return fmt.Errorf("无法识别放假日期“%s”", span)
	}
	first, err := noticeDate(parts[0], year, 0, name)
	if err != nil {
		return err
	}
	last := first
	if len(parts) == 2 {
		if last, err = noticeDate(parts[1], first.Year(), first.Month(), name); err != nil {
			return err
		}
		if last.Before(first) { // "12月31日至1月2日" without years crosses New Year
			last = last.AddDate(1, 0, 0)
		}
	}
	if m := totalRE.FindStringSubmatch(clause); m != nil {
		n, _ := strconv.Atoi(m[1])
		if got := DaysBetween(first, last) + 1; got != n {
			return fmt.Errorf("%s 至 %s 是%d天，与“共%d天”不符", Format(first), Format(last), got, n)
		}
	}
	return p.addRange(first, last, Holiday, name)
}

// sentenceWorkdays reads "2月14日、2月28日" before 上班.
func (p *noticeParser) sentenceWorkdays(name string, year int, list string) error {
	var month time.Month
	var prev time.Time
	n := 0
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(listSepSet, r) }) {
		d, err := noticeDate(f, year, month, name)
		if err != nil {
			return err
		}
		if n > 0 && d.Before(prev) { // "12月29日、1月5日" crosses New Year
			d = d.AddDate(1, 0, 0)
		}
		month, year, prev = d.Month(), d.Year(), d
		if err := p.addRange(d, d, Makeup, name); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		return fmt.Errorf("“上班”前没有日期")
	}
	return nil
}

// noticeDate reads "2023年1月2日", "1月2日" or "2日". Missing parts come from
// year and month (month is 0 for the first date of a range or list); such a
// first date in December of a 元旦 break, with no year written, belongs to
// the year before the notice's.
func noticeDate(s string, year int, month time.Month, name string) (time.Time, error) {
	m := cnDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, fmt.Errorf("无法识别日期“%s”", strings.TrimSpace(s))
	}
	if m[2] != "" {
		inherited := month != 0
		v, _ := strconv.Atoi(m[2])
		month = time.Month(v)
		if !inherited && m[1] == "" && month == time.December && strings.Contains(name, "元旦") {
			year--
		}
	}
	if m[1] != "" {
		year, _ = strconv.Atoi(m[1])
	}
	if month == 0 {
		return time.Time{}, fmt.Errorf("日期“%s”缺少月份", strings.TrimSpace(s))
	}
	day, _ := strconv.Atoi(m[3])
	return ParseDate(fmt.Sprintf("%d-%d-%d", year, month, day))
}
