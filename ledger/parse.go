package ledger

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"fazhi/calendar"
)

// Clean trims the spaces that real ledgers carry: ASCII, full-width (U+3000),
// no-break spaces and zero-width characters.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			return -1
		case '\u00a0', '\u3000', '\t', '\r', '\n':
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Fold turns full-width letters and digits into their ASCII forms and drops
// inner spaces: for numbers, dates and codes, not for names.
func Fold(s string) string {
	s = width.Fold.String(Clean(s))
	return strings.ReplaceAll(s, " ", "")
}

// FoldLabel normalises a header label for matching: spaces dropped,
// full-width and half-width forms folded, required markers (*) removed.
func FoldLabel(s string) string {
	s = Fold(s)
	s = strings.TrimLeft(s, "*＊")
	s = strings.TrimRight(s, "*＊")
	return halfParens.Replace(s)
}

// halfParens folds full-width parentheses to half-width ones (built once:
// every header cell of an import passes through it).
var halfParens = strings.NewReplacer("（", "(", "）", ")")

var serialRe = regexp.MustCompile(`^\d{4,5}(?:\.\d+)?$`)

// excelEpoch is day 0 of Excel's 1900 date system as it counts after its
// fictitious 1900-02-29 (serials above 60 only, which covers every real date).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Date1904Offset is the number of days between the 1900 and the 1904 date
// systems: a serial of a date1904 workbook plus this is the 1900 serial.
const Date1904Offset = 1462

// ParseDate reads a date cell: an Excel serial number (1900 date system), or
// any written form calendar.ParseDate reads (the one date parser of fazhi:
// 2022-03-05, 2022/3/5, 2022.3.5, 2022年3月5日 or 号, 20220305,
// 二〇二二年三月五日 …). Years outside 1949-2100 are refused.
func ParseDate(s string) (time.Time, error) {
	s = width.Fold.String(Clean(s))
	if s == "" {
		return time.Time{}, errors.New("日期为空")
	}
	if serialRe.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		if f < 17899 || f >= 73416 { // 1949-01-01 .. 2100-12-31 (a fraction is a time of day)
			return time.Time{}, fmt.Errorf("“%s”不是有效的日期序列号", s)
		}
		return excelEpoch.AddDate(0, 0, int(math.Floor(f))), nil
	}
	t, err := calendar.ParseDate(s)
	if err != nil {
		return time.Time{}, err
	}
	if y := t.Year(); y < 1949 || y > 2100 {
		return time.Time{}, fmt.Errorf("日期“%s”的年份不合理", s)
	}
	return t, nil
}

// ParseScaled reads a decimal number (thousands separators allowed) into an
// int64 scaled by 10^scale, refusing more decimals than scale allows.
func ParseScaled(s string, scale int) (int64, error) {
	s = strings.ReplaceAll(Fold(s), ",", "")
	s = strings.TrimSuffix(s, "万元")
	if s == "" {
		return 0, errors.New("数值为空")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	if ip == "" {
		ip = "0"
	}
	for _, r := range ip + fp {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("“%s”不是数字", s)
		}
	}
	fp = strings.TrimRight(fp, "0")
	if len(fp) > scale {
		// Excel stores decimals as binary doubles: 3.3 may arrive as
		// 3.3000000000000003. Accept what is that close to the scale.
		if x, err := strconv.ParseFloat(ip+"."+fp, 64); err == nil && len(fp) >= 12 {
			p := math.Pow10(scale)
			if r := math.Round(x * p); math.Abs(x*p-r) < 1e-6*max(1, math.Abs(x*p)) {
				if neg {
					r = -r
				}
				return int64(r), nil
			}
		}
		if scale == 0 {
			return 0, fmt.Errorf("“%s”应为整数", s)
		}
		return 0, fmt.Errorf("“%s”小数位数超过%d位", s, scale)
	}
	fp += strings.Repeat("0", scale-len(fp))
	n, err := strconv.ParseInt(ip+fp, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("“%s”数值过大", s)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// ParseBool reads 是/否 and their common variants.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(Fold(s)) {
	case "是", "y", "yes", "true", "1", "√", "✓", "有":
		return true, nil
	case "否", "n", "no", "false", "0", "×", "无":
		return false, nil
	}
	return false, fmt.Errorf("“%s”应填“是”或“否”", s)
}

// Parse converts the text of one cell into the field's value. An empty cell
// yields nil. UnitRef values come back as cleaned text, to be resolved
// against the unit tree by the caller.
func (f *Field) Parse(raw string) (any, error) { return f.ParseCell(raw, CellContext{}) }

// CellContext is what a cell's column and workbook say about its value.
type CellContext struct {
	Unit     string // amount unit stated by the header (元, 万元, 亿元), "" if none
	Date1904 bool   // the workbook counts serial dates from 1904
	// Confirmed accepts a value outside the field's plausible range.
	Confirmed bool
}

// Term is the value ParseCell returns for a deadline written as words
// (长期坚持, 立行立改): the date stays empty and the wording goes to
// Field.Term.
type Term string

// ParseCell is Parse with the column's context: a header-stated amount unit
// and the workbook's date system. Control characters other than TAB, LF and
// CR are refused in every field, and text longer than the field's MaxLen.
func (f *Field) ParseCell(raw string, ctx CellContext) (any, error) {
	if err := checkControl(raw); err != nil {
		return nil, err
	}
	s := Clean(raw)
	if s == "" {
		return nil, nil
	}
	switch f.Type {
	case Text:
		if f.Normalize != nil {
			s = f.Normalize(s)
		}
		if n, max := len([]rune(s)), f.maxLen(); n > max {
			return nil, fmt.Errorf("内容有%d个字符，超过本列上限%d个字符", n, max)
		}
		// A masked copy of a stored value (an export of a reader without
		// clearance) is checked by storage against the stored value.
		if f.Check != nil && !f.LooksMasked(s) {
			if err := f.Check(s); err != nil {
				return nil, err
			}
		}
		return s, nil
	case Enum:
		return f.parseEnum(s)
	case Date:
		if ctx.Date1904 && serialRe.MatchString(Fold(s)) {
			if x, err := strconv.ParseFloat(Fold(s), 64); err == nil {
				s = strconv.FormatFloat(x+Date1904Offset, 'f', -1, 64)
			}
		}
		if f.Term != "" {
			return ParseDeadline(s)
		}
		return ParseDate(s)
	case Decimal:
		if f.AmountUnit != "" {
			n, err := parseAmount(s, f.Scale, ctx.Unit, f.AmountUnit)
			if err != nil {
				return nil, err
			}
			return f.checkRange(s, n, f.Scale, ctx.Confirmed)
		}
		n, err := ParseScaled(s, f.Scale)
		if err != nil {
			return nil, err
		}
		return f.checkRange(s, n, f.Scale, ctx.Confirmed)
	case Int, Year:
		n, err := f.parseInt(s)
		if err != nil {
			return nil, err
		}
		if f.Type == Year && (n < 1949 || n > 2100) {
			return nil, fmt.Errorf("“%s”不是有效年度", s)
		}
		return f.checkRange(s, n, 0, ctx.Confirmed)
	case Bool:
		return ParseBool(s)
	case UnitRef:
		if n := len([]rune(s)); n > 200 {
			return nil, fmt.Errorf("单位名称有%d个字符，不像一个单位", n)
		}
		return s, nil
	}
	return nil, fmt.Errorf("未知字段类型")
}

func (f *Field) maxLen() int {
	if f.MaxLen > 0 {
		return f.MaxLen
	}
	return CellMaxLen
}

func (f *Field) checkRange(s string, n int64, scale int, confirmed bool) (any, error) {
	if f.Min != nil && n < *f.Min {
		return nil, fmt.Errorf("“%s”不能小于%s", s, FormatScaled(*f.Min, scale))
	}
	if f.PlausibleMax > 0 && n > f.PlausibleMax && !confirmed {
		return nil, &ImplausibleError{Value: FormatScaled(n, scale) + f.AmountUnit, Max: FormatScaled(f.PlausibleMax, scale) + f.AmountUnit}
	}
	return n, nil
}

// ImplausibleError is a value far outside the field's plausible range: an
// amount in 元 typed under a 万元 header. The user may confirm it.
type ImplausibleError struct{ Value, Max string }

func (e *ImplausibleError) Error() string {
	return fmt.Sprintf("%s 远超常见范围（通常不超过 %s），请核对金额单位（元/万元/亿元）", e.Value, e.Max)
}

// checkControl refuses C0 control characters other than TAB, LF and CR, and
// DEL: terminal escape sequences have no place in a ledger.
func checkControl(s string) error {
	for i, r := range []rune(s) {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return fmt.Errorf("含有控制字符 U+%04X（第%d个字符），请删除后再导入", r, i+1)
		}
	}
	return nil
}
