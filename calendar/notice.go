package calendar

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ParseNotice reads a holiday notice that an administrator typed from the
// 国务院办公厅关于YYYY年部分节假日安排的通知, for `fazhi calendar import`.
//
// The file is UTF-8 text, one entry per line:
//
//	# 国务院办公厅关于2027年部分节假日安排的通知        ← '#' starts a comment
//	年份,2027                                        ← the year(s) the notice covers
//	2027-01-01,2027-01-03,元旦,休                    ← a break: first day, last day, name, 休
//	2027-02-05,2027-02-13,春节,休
//	2027-01-31,春节,班                               ← one 调休 working day: date, name, 班
//	2027-06-09,端午节,休                             ← a one-day break
//
// Fields are separated by ',', '，', spaces or a tab. Dates may be written 2027-02-05,
// 2027/2/5 or 2027年2月5日. The last field is 休 (also 放假, 休息) or 班 (also
// 上班, 补班); the name may be left empty. A range may not exceed 31 days.
//
// The notice's own sentences are accepted too, pasted one festival per line
// after its title, e.g. "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正
// 月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"; the year
// comes from the 年份 line or the title ("关于2027年…"), other prose is skipped.
//
// Without a 年份 line the covered years are those of the rows, where a 元旦
// row dated in December belongs to the next year's notice. With one, every
// row must belong to a declared year and every declared year needs a row.
// Errors name the line number.
func ParseNotice(r io.Reader) ([]Day, []int, error) {
	p := &noticeParser{seen: map[time.Time]seenDay{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var bad []error // every bad line, so an administrator fixes them in one pass
	for sc.Scan() {
		p.line++
		if err := p.parseLine(sc.Text()); err != nil {
			bad = append(bad, fmt.Errorf("第%d行：%w", p.line, err))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("读取节假日安排文件：%w", err)
	}
	if len(bad) > 0 {
		return nil, nil, errors.Join(bad...)
	}
	return p.finish()
}

type seenDay struct {
	Day
	line int
	year int // the notice year the row belongs to
}

type noticeParser struct {
	line      int
	declared  []int // from 年份 lines
	titleYear int   // from the notice's title, for sentence lines
	seen      map[time.Time]seenDay
}

var (
	yearLineRE  = regexp.MustCompile(`^(?:年份|年度|year)\s*[,，:：\t ]\s*(.*)$`)
	titleYearRE = regexp.MustCompile(`(?:关于|现将)\s*(\d{4})\s*年`)
	sentenceRE  = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.．]\s*)?([^：:，,。；]{1,12})[：:](.+)$`)
	signatureRE = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)
	foldDigits  = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
		"５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "－", "-", "／", "/", "\u3000", " ")
)

func (p *noticeParser) parseLine(raw string) error {
	if !utf8.ValidString(raw) {
		return fmt.Errorf("不是 UTF-8 文本（请在记事本或 WPS 中另存为 UTF-8 编码）")
	}
	if i := strings.IndexFunc(raw, isControl); i >= 0 {
		return fmt.Errorf("第%d个字符是控制字符 %U，请删除", utf8.RuneCountInString(raw[:i])+1, []rune(raw[i:])[0])
	}
	s := strings.TrimSpace(foldDigits.Replace(strings.TrimPrefix(raw, "\ufeff")))
	switch {
	case s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "//"):
		return nil
	case yearLineRE.MatchString(s):
		return p.parseYears(yearLineRE.FindStringSubmatch(s)[1])
	case signatureRE.MatchString(s):
		return nil // the date under the notice's signature
	case s[0] >= '0' && s[0] <= '9':
		return p.parseRow(s)
	}
	if m := sentenceRE.FindStringSubmatch(s); m != nil && strings.Contains(m[2], "放假") {
		return p.parseSentence(strings.TrimSpace(m[1]), m[2])
	}
	if m := titleYearRE.FindStringSubmatch(s); m != nil && p.titleYear == 0 {
		p.titleYear, _ = strconv.Atoi(m[1])
	}
	return nil // prose of the notice: salutation, closing remarks, signature
}

func (p *noticeParser) parseYears(list string) error {
	for _, f := range strings.FieldsFunc(list, func(r rune) bool { return strings.ContainsRune(",，、 \t", r) }) {
		y, err := strconv.Atoi(f)
		if err != nil || y < 1949 || y > 2999 {
			return fmt.Errorf("年份“%s”无效，应写作“年份,2027”", f)
		}
		p.declared = append(p.declared, y)
	}
	if len(p.declared) == 0 {
		return fmt.Errorf("年份行没有年份，应写作“年份,2027”")
	}
	return nil
}

// parseRow reads "first[,last][,name],休|班".
func (p *noticeParser) parseRow(s string) error {
	f := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",， \t", r) })
	if len(f) < 2 {
		return fmt.Errorf("格式应为“开始日期,结束日期,名称,休”或“日期,名称,班”")
	}
	kind, err := parseKind(f[len(f)-1])
	if err != nil {
		return err
	}
	first, err := ParseDate(f[0])
	if err != nil {
		return err
	}
	last, mid := first, f[1:len(f)-1]
	if len(mid) > 0 && mid[0][0] >= '0' && mid[0][0] <= '9' {
		if last, err = ParseDate(mid[0]); err != nil {
			return err
		}
		mid = mid[1:]
	}
	if len(mid) > 1 {
		return fmt.Errorf("栏数过多：格式应为“开始日期,结束日期,名称,休”或“日期,名称,班”")
	}
	name := ""
	if len(mid) == 1 {
		name = mid[0]
		if name[0] >= '0' && name[0] <= '9' {
			// It would read back as a date (WriteNotice writes the name there).
			return fmt.Errorf("名称“%s”不能以数字开头（不是日期时请写名称，如“春节”）", name)
		}
	}
	return p.addRange(first, last, kind, name)
}

func parseKind(s string) (Kind, error) {
	switch s {
	case "休", "放假", "休息", "休假":
		return Holiday, nil
	case "班", "上班", "补班", "调休上班":
		return Makeup, nil
	}
	return 0, fmt.Errorf("最后一栏应为“休”或“班”，实际是“%s”", s)
}

// addRange records first..last inclusive as kind.
func (p *noticeParser) addRange(first, last time.Time, kind Kind, name string) error {
	if last.Before(first) {
		return fmt.Errorf("结束日期 %s 早于开始日期 %s", Format(last), Format(first))
	}
	if DaysBetween(first, last) > 30 {
		return fmt.Errorf("%s 至 %s 超过31天，请检查日期", Format(first), Format(last))
	}
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if old, ok := p.seen[d]; ok && old.Kind != kind {
			return fmt.Errorf("%s 已在第%d行标为“%s”，此处又标为“%s”", Format(d), old.line, old.Kind, kind)
		}
		year := d.Year()
		if d.Month() == time.December && strings.Contains(name, "元旦") {
			year++ // the 元旦 break of the next year's notice
		}
		p.seen[d] = seenDay{Day: Day{Date: d, Kind: kind, Name: name}, line: p.line, year: year}
	}
	return nil
}

func (p *noticeParser) finish() ([]Day, []int, error) {
	if len(p.seen) == 0 {
		return nil, nil, fmt.Errorf("节假日安排文件中没有任何放假或调休上班的日期")
	}
	rowYears := map[int]bool{}
	var days []Day
	for _, s := range p.seen {
		rowYears[s.year] = true
		days = append(days, s.Day)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Date.Before(days[j].Date) })
	if len(p.declared) == 0 {
		var ys []int
		for y := range rowYears {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		return days, ys, nil
	}
	declared := map[int]bool{}
	for _, y := range p.declared {
		declared[y] = true
	}
	for _, d := range days {
		if s := p.seen[d.Date]; !declared[s.year] {
			return nil, nil, fmt.Errorf("第%d行：%s 不属于声明的年份（%s）", s.line, Format(d.Date), YearRanges(sortedKeys(declared)))
		}
	}
	for _, y := range sortedKeys(declared) {
		if !rowYears[y] {
			return nil, nil, fmt.Errorf("声明了年份 %d，但文件中没有该年的放假安排", y)
		}
	}
	return days, sortedKeys(declared), nil
}

// isControl reports a C0 or C1 control character other than TAB (a field
// separator) or DEL: text that would corrupt a terminal or an export.
func isControl(r rune) bool {
	return r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0)
}

func sortedKeys(m map[int]bool) []int {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// WriteNotice writes days and years in the file format ParseNotice reads,
// joining consecutive days of the same kind and name into one range. It is
// the canonical form in which an imported notice can be stored.
func WriteNotice(w io.Writer, days []Day, years []int) error {
	sorted := append([]Day(nil), days...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Date.Before(sorted[j].Date) })
	var b strings.Builder
	if len(years) > 0 {
		ys := make([]string, len(years))
		for i, y := range years {
			ys[i] = strconv.Itoa(y)
		}
		fmt.Fprintf(&b, "年份,%s\n", strings.Join(ys, ","))
	}
	for _, run := range runs(sorted) {
		mark := "休"
		if run.Kind.IsWork() {
			mark = "班"
		}
		if run.first.Equal(run.last) {
			fmt.Fprintf(&b, "%s,%s,%s\n", Format(run.first), run.Name, mark)
		} else {
			fmt.Fprintf(&b, "%s,%s,%s,%s\n", Format(run.first), Format(run.last), run.Name, mark)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// run is a stretch of consecutive days of one kind and name.
type run struct {
	Day
	first, last time.Time
}

func runs(days []Day) []run {
	var out []run
	for _, d := range days {
		if n := len(out); n > 0 && out[n-1].Kind == d.Kind && out[n-1].Name == d.Name &&
			out[n-1].last.AddDate(0, 0, 1).Equal(d.Date) {
			out[n-1].last = d.Date
			continue
		}
		out = append(out, run{Day: d, first: d.Date, last: d.Date})
	}
	return out
}
