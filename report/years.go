package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Years in the narrative that mean the report's period are placeholders:
// {{year}} is the report year, {{year-1}} the year before, {{year+1}} the
// year after (the 下步工作打算 year). Years inside 《》 titles, 〔〕 document
// numbers and ranges such as 2022—2025 are names, not periods: they stay as
// written and lint ignores them.
var (
	yearPlaceholderRe = regexp.MustCompile(`\{\{\s*year\s*(?:([+-])\s*(\d+))?\s*\}\}`)
	// typedYearRe is a year typed as a number, with what follows it: 年 or
	// 年度, and a month digit when it opens a date (2022年3月).
	typedYearRe = regexp.MustCompile(`(\d{4})(年度|年)(\d?)`)
	// protectedRe are spans whose years are names: 《…》, 〔…〕 and […],
	// and ranges of years (2022—2025, 2021年至2025年).
	protectedRe = regexp.MustCompile(`《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】|\d{4}年?\s*[—–\-~～至到]+\s*\d{4}年?`)
)

// ExpandYears replaces the year placeholders of text for a report of year.
func ExpandYears(text string, year int) string {
	return yearPlaceholderRe.ReplaceAllStringFunc(text, func(m string) string {
		return strconv.Itoa(year + yearOffset(m))
	})
}

func yearOffset(placeholder string) int {
	sm := yearPlaceholderRe.FindStringSubmatch(placeholder)
	if sm[2] == "" {
		return 0
	}
	n, _ := strconv.Atoi(sm[2])
	if sm[1] == "-" {
		return -n
	}
	return n
}

// yearToken writes the placeholder for year seen from a report of base.
func yearToken(year, base int) string {
	switch d := year - base; {
	case d == 0:
		return "{{year}}"
	case d > 0:
		return fmt.Sprintf("{{year+%d}}", d)
	default:
		return fmt.Sprintf("{{year-%d}}", -d)
	}
}

// typedYear is a year typed as digits outside a protected span.
type typedYear struct {
	Year  int
	Text  string // as typed, e.g. 2022年, 2022年度
	Start int    // byte offset in the text
	Date  bool   // opens a date (2022年3月): a day in time, not the period
	End   int
}

// typedYears lists the years typed in text (placeholders for figures and
// years excluded), outside 《》, 〔〕 and year ranges.
func typedYears(text string) []typedYear {
	var prot [][]int
	prot = append(prot, protectedRe.FindAllStringIndex(text, -1)...)
	prot = append(prot, placeholderRe.FindAllStringIndex(text, -1)...)
	inside := func(i int) bool {
		for _, p := range prot {
			if i >= p[0] && i < p[1] {
				return true
			}
		}
		return false
	}
	var out []typedYear
	for _, m := range typedYearRe.FindAllStringSubmatchIndex(text, -1) {
		if inside(m[0]) || (m[0] > 0 && isDigit(text[m[0]-1])) {
			continue
		}
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		if y < 1949 || y > 2200 {
			continue
		}
		out = append(out, typedYear{Year: y, Text: text[m[0]:m[5]], Start: m[0], End: m[5], Date: m[6] != m[7]})
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// YearsToPlaceholders rewrites the years of text that speak of a period,
// seen from a report of base: base → {{year}}, base+1 → {{year+1}},
// base−1 → {{year-1}}. Dates (2022年3月) are days in time and stay typed,
// so lint asks staff to check each in the next year's text; years in 《》,
// 〔〕 and ranges stay as written.
func YearsToPlaceholders(text string, base int) string {
	var b strings.Builder
	last := 0
	for _, y := range typedYears(text) {
		if y.Date || y.Year < base-1 || y.Year > base+1 {
			continue
		}
		b.WriteString(text[last:y.Start])
		b.WriteString(yearToken(y.Year, base))
		b.WriteString(strings.TrimPrefix(y.Text, strconv.Itoa(y.Year)))
		last = y.End
	}
	b.WriteString(text[last:])
	return b.String()
}
