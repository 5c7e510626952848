package ledger

import (
	"fmt"
	"regexp"
	"strings"

	"fazhi/calendar"
)

// parseEnum matches a written value to the field's standard values: the
// value itself (full/half width folded), then the declared synonyms; an
// ambiguous wording is refused with the values it may mean.
func (f *Field) parseEnum(s string) (any, error) {
	k := foldValue(s)
	for _, e := range f.Enum {
		if k == foldValue(e) {
			return e, nil
		}
	}
	for w, v := range f.Values {
		if k == foldValue(w) {
			return v, nil
		}
	}
	for w, vs := range f.Ambiguous {
		if k == foldValue(w) {
			return nil, fmt.Errorf("“%s”可能指%s，请写明其中之一", s, strings.Join(quote(vs), "、"))
		}
	}
	return nil, fmt.Errorf("“%s”不是允许的值，可选：%s", s, strings.Join(f.Enum, "、"))
}

// foldValue folds a written enum value: widths, spaces, both kinds of
// brackets and a trailing full stop.
func foldValue(s string) string {
	s = Fold(s)
	s = strings.NewReplacer("（", "(", "）", ")", "【", "(", "】", ")", "[", "(", "]", ")").Replace(s)
	return strings.TrimRight(s, "。.")
}

func quote(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = "“" + v + "”"
	}
	return out
}

// numberUnit is a count written with its unit: 20个工作日, 0次, 3人次.
var numberUnit = regexp.MustCompile(`^([-+]?[\d,]+(?:\.\d+)?)\s*(?:个)?(?:工作日|自然日|日|天|次|人次|人|件|个|条|项|场|期|家|学时|课时|小时|年)$`)

// parseInt reads a whole number, written bare, with its unit (20个工作日)
// or as one of the field's words (即办).
func (f *Field) parseInt(s string) (int64, error) {
	fs := Fold(s)
	for w, n := range f.Words {
		if fs == Fold(w) {
			return n, nil
		}
	}
	if g := numberUnit.FindStringSubmatch(fs); g != nil {
		fs = g[1]
	}
	return ParseScaled(strings.TrimPrefix(fs, "+"), 0)
}

// amountUnits are the units an amount may be written in, as powers of ten of 元.
var amountUnits = map[string]int{"元": 0, "万元": 4, "亿元": 8, "万": 4, "亿": 8}

// amountCell is a number followed by its own unit: 128万元, 1,280,000元.
var amountCell = regexp.MustCompile(`^([-+]?[\d,]*\.?\d+)\s*(元|万元|亿元|万|亿)$`)

// parseAmount reads an amount into the field's unit (to, e.g. 万元) at scale:
// a unit written in the cell wins over the one the header states (from),
// which wins over the field's own. A conversion that would drop digits is
// refused, never rounded.
func parseAmount(s string, scale int, from, to string) (int64, error) {
	fs := strings.ReplaceAll(Fold(s), ",", "")
	unit := from
	if g := amountCell.FindStringSubmatch(fs); g != nil {
		fs, unit = g[1], g[2]
	}
	if unit == "" {
		unit = to
	}
	shift := amountUnits[unit] - amountUnits[to] // value_to = value_unit * 10^shift
	if shift >= -scale {
		n, err := ParseScaled(fs, scale+shift)
		if err != nil && shift != 0 {
			return 0, fmt.Errorf("“%s”换算为%s后超过%d位小数", s, to, scale)
		}
		return n, err
	}
	n, err := ParseScaled(fs, 0)
	if err != nil {
		return 0, fmt.Errorf("“%s”换算为%s后超过%d位小数", s, to, scale)
	}
	div := int64(1)
	for i := 0; i < -shift-scale; i++ {
		div *= 10
	}
	if n%div != 0 {
		return 0, fmt.Errorf("“%s”换算为%s后超过%d位小数", s, to, scale)
	}
	return n / div, nil
}

// HeaderUnit splits an amount unit stated in a header: 合同金额（元） gives
// 合同金额 and 元; a header without one is returned whole with "".
func HeaderUnit(label string) (string, string) {
	l := halfParens.Replace(Fold(label))
	for _, u := range []string{"亿元", "万元", "元"} {
		for _, form := range []string{"(" + u + ")", "(单位:" + u + ")", "(单位：" + u + ")", "/" + u, "单位:" + u} {
			if strings.HasSuffix(l, form) {
				return strings.TrimSuffix(l, form), u
			}
		}
	}
	return label, ""
}

// IsAmountLabel reports whether a header names an amount (it states 元,
// 万元 or 亿元, or contains 金额, 投资 or 资金): such a column is never
// ignored in silence (ledgers.md).
func IsAmountLabel(label string) bool {
	if _, u := HeaderUnit(label); u != "" {
		return true
	}
	for _, w := range []string{"金额", "投资", "资金", "（元）", "(元)", "万元", "亿元"} {
		if strings.Contains(label, w) {
			return true
		}
	}
	return false
}

// termWords are deadlines written as words rather than dates.
var termWords = []string{"长期坚持", "立行立改", "持续推进", "长期", "常态化", "常态化推进", "持续开展", "长期推进"}

var (
	monthEnd = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(?:底|末)(?:前|之前)?$`)
	yearEnd  = regexp.MustCompile(`^(\d{4})年(?:年)?(?:底|末)(?:前|之前)?$`)
	before   = regexp.MustCompile(`^(.+?)(?:前|之前)$`)
)

// ParseDeadline reads a time limit: any date ParseDate reads, a month or a
// year end (2024年12月底前 is 2024-12-31, 2024年底前 too), a date followed by
// 前, or wording without a date (长期坚持, 立行立改), which comes back as a
// Term.
func ParseDeadline(s string) (any, error) {
	fs := Fold(s)
	for _, w := range termWords {
		if fs == w {
			return Term(s), nil
		}
	}
	if g := monthEnd.FindStringSubmatch(fs); g != nil {
		first, err := calendar.ParseDate(g[1] + "-" + g[2] + "-1")
		if err != nil {
			return nil, fmt.Errorf("“%s”不是存在的月份", s)
		}
		return first.AddDate(0, 1, -1), nil
	}
	if g := yearEnd.FindStringSubmatch(fs); g != nil {
		return calendar.ParseDate(g[1] + "-12-31")
	}
	if t, err := ParseDate(s); err == nil {
		return t, nil
	} else if g := before.FindStringSubmatch(fs); g != nil {
		return ParseDate(g[1])
	} else {
		return nil, fmt.Errorf("%v；时限也可写作“2024年12月底前”或“长期坚持”“立行立改”", err)
	}
}
