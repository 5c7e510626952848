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
	return strings.NewReplacer("（", "(", "）", ")").Replace(s)
}

var (
	dateYMD     = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$`)
	dateCompact = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	serialRe    = regexp.MustCompile(`^\d{4,5}(?:\.\d+)?$`)
)

// excelEpoch is day 0 of Excel's 1900 date system as it counts after its
// fictitious 1900-02-29 (serials above 60 only, which covers every real date).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ParseDate reads the date forms ledgers use: 2022-03-05, 2022/3/5, 2022.3.5,
// 2022年3月5日, 20220305 and Excel serial numbers.
func ParseDate(s string) (time.Time, error) {
	s = width.Fold.String(Clean(s))
	if s == "" {
		return time.Time{}, errors.New("日期为空")
	}
	var y, m, d int
	if g := dateYMD.FindStringSubmatch(strings.ReplaceAll(s, "T", " ")); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := dateCompact.FindStringSubmatch(strings.ReplaceAll(s, " ", "")); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if serialRe.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		if f < 17899 || f >= 73416 { // 1949-01-01 .. 2100-12-31 (a fraction is a time of day)
			return time.Time{}, fmt.Errorf("“%s”不是有效的日期序列号", s)
		}
		return excelEpoch.AddDate(0, 0, int(math.Floor(f))), nil
	} else {
		return time.Time{}, fmt.Errorf("“%s”不是日期，应写作 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("“%s”不是存在的日期", s)
	}
	if y < 1949 || y > 2100 {
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
func (f *Field) Parse(raw string) (any, error) {
	s := Clean(raw)
	if s == "" {
		return nil, nil
	}
	switch f.Type {
	case Text:
		if f.Normalize != nil {
			s = f.Normalize(s)
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
		for _, e := range f.Enum {
			if s == e || Fold(s) == Fold(e) {
				return e, nil
			}
		}
		return nil, fmt.Errorf("“%s”不是允许的值，可选：%s", s, strings.Join(f.Enum, "、"))
	case Date:
		return ParseDate(s)
	case Int, Year, Decimal:
		scale := 0
		if f.Type == Decimal {
			scale = f.Scale
		}
		n, err := ParseScaled(s, scale)
		if err != nil {
			return nil, err
		}
		if f.Type == Year && (n < 1949 || n > 2100) {
			return nil, fmt.Errorf("“%s”不是有效年度", s)
		}
		if f.Min != nil && n < *f.Min {
			return nil, fmt.Errorf("“%s”不能小于%s", s, FormatScaled(*f.Min, scale))
		}
		return n, nil
	case Bool:
		return ParseBool(s)
	case UnitRef:
		return s, nil
	}
	return nil, fmt.Errorf("未知字段类型")
}
