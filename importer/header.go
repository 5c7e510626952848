package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// annotation is a bracketed note in a header: （必填）, (姓名/名称), （单位）.
var annotation = regexp.MustCompile(`\([^()]*\)`)

// The replacers of NormLabel, built once (a header search normalises
// every cell of a file's first rows).
var (
	labelBreaks = strings.NewReplacer("\n", "", "\r", "", "\t", "")
	labelMarks  = strings.NewReplacer("*", "", "＊", "", "【", "(", "】", ")", "[", "(", "]", ")")
	labelParens = strings.NewReplacer("（", "(", "）", ")")
)

// NormLabel reduces a header label to what it names: spaces and line
// breaks dropped, full/half width folded, required markers (*) and
// bracketed notes removed, an amount unit split off (returned apart).
func NormLabel(s string) (core, unit string) {
	s = labelBreaks.Replace(s)
	s = ledger.FoldLabel(s)
	s = labelMarks.Replace(s)
	s, unit = ledger.HeaderUnit(s)
	s = labelParens.Replace(s)
	for {
		t := annotation.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	s = strings.TrimRight(s, ":：")
	return s, unit
}

// labelIndex finds fields by any of their labels.
type labelIndex struct {
	d      *ledger.Definition
	byCore map[string]*ledger.Field
}

func newLabelIndex(d *ledger.Definition) *labelIndex {
	ix := &labelIndex{d: d, byCore: map[string]*ledger.Field{}}
	for i := range d.Fields {
		f := &d.Fields[i]
		for _, l := range f.Labels() {
			c, _ := NormLabel(l)
			if _, taken := ix.byCore[c]; !taken {
				ix.byCore[c] = f
			}
		}
	}
	return ix
}

// match returns the field a header names, and the unit it states.
func (ix *labelIndex) match(h string) (*ledger.Field, string) {
	c, u := NormLabel(h)
	if c == "" {
		return nil, ""
	}
	return ix.byCore[c], u
}

// field finds a field by its label, a synonym or its storage name (for --map).
func (ix *labelIndex) field(s string) *ledger.Field {
	if f, _ := ix.match(s); f != nil {
		return f
	}
	return ix.d.Field(strings.TrimSpace(s))
}

// Suggest names the labels most like an unmatched header, best first (at
// most three), for "did you mean".
func Suggest(d *ledger.Definition, header string) []string {
	h, _ := NormLabel(header)
	q := []rune(h)
	if len(q) == 0 {
		return nil
	}
	type cand struct {
		label string
		score float64
	}
	best := map[string]float64{}
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Derived {
			continue
		}
		for _, l := range f.Labels() {
			c, _ := NormLabel(l)
			r := []rune(c)
			common := ledger.LCS(q, r)
			score := float64(2*common) / float64(len(q)+len(r))
			if common >= 2 && score >= 0.5 && score > best[f.Label] {
				best[f.Label] = score
			}
		}
	}
	var cs []cand
	for l, s := range best {
		cs = append(cs, cand{l, s})
	}
	sort.Slice(cs, func(i, j int) bool {
		return cs[i].score > cs[j].score || cs[i].score == cs[j].score && cs[i].label < cs[j].label
	})
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].label)
	}
	return out
}

// ParseMapping reads a column mapping written as A=案号,收文日期=收到申请日期:
// each source is a column letter or a header label, each target a field's
// label (or synonym, or storage name).
func ParseMapping(d *ledger.Definition, s string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	ix := newLabelIndex(d)
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' }) {
		src, dst, ok := strings.Cut(part, "=")
		if !ok {
			src, dst, ok = strings.Cut(part, "＝")
		}
		src, dst = strings.TrimSpace(src), strings.TrimSpace(dst)
		if !ok || src == "" || dst == "" {
			return nil, fmt.Errorf("列对应“%s”应写作 列名或列号=字段名，如 A=案号,收文日期=收到申请日期", part)
		}
		f := ix.field(dst)
		if f == nil {
			msg := fmt.Sprintf("列对应“%s”：%s台账没有“%s”这一列", part, d.Name, dst)
			if s := Suggest(d, dst); len(s) > 0 {
				msg += "，是否为“" + strings.Join(s, "”或“") + "”？"
			}
			return nil, fmt.Errorf("%s", msg)
		}
		if f.Derived {
			return nil, fmt.Errorf("列对应“%s”：“%s”由系统自动计算，不能从文件导入", part, f.Label)
		}
		out[mappingKey(src)] = f.Name
	}
	return out, nil
}

var columnLetters = regexp.MustCompile(`^[A-Za-z]{1,3}$`)

// mappingKey is a column letter (upper case) or a normalised header label.
func mappingKey(src string) string {
	if columnLetters.MatchString(src) {
		return "#" + strings.ToUpper(src)
	}
	c, _ := NormLabel(src)
	return c
}

// columnName is the letter of 0-based column j.
func columnName(j int) string {
	s := ""
	for j++; j > 0; j = (j - 1) / 26 {
		s = string(rune('A'+(j-1)%26)) + s
	}
	return s
}

// headerCell is the text of a header cell, a horizontally merged group
// label spread over every column it covers.
func headerCell(t *excel.Table, i, j int) string {
	if v := t.Cell(i, j); ledger.Clean(v) != "" {
		return v
	}
	for _, m := range t.Merges {
		if i >= m.Top && i <= m.Bottom && j >= m.Left && j <= m.Right {
			return t.Cell(m.Top, m.Left)
		}
	}
	return ""
}

// rowShape is the normalised labels of one row, the identity of a layout.
func rowShape(t *excel.Table, i int) string {
	var ls []string
	for j := range t.Rows[i] {
		if c := ledger.Clean(headerCell(t, i, j)); c != "" {
			k, u := NormLabel(c)
			ls = append(ls, columnName(j)+"="+k+u)
		}
	}
	return strings.Join(ls, "|")
}

// shape is the layout of a header of rows rows starting at row i.
func shape(t *excel.Table, i, rows int) string {
	s := rowShape(t, i)
	if rows == 2 {
		s += "||" + rowShape(t, i+1)
	}
	return s
}

// Shapes are the layouts a file's header may have (each row near the top,
// alone and with the row under it), to find a saved column mapping.
func Shapes(t *excel.Table) []string {
	var out []string
	for i := 0; i < min(headerScan, len(t.Rows)); i++ {
		if rowShape(t, i) == "" {
			continue
		}
		out = append(out, shape(t, i, 1))
		if i+1 < len(t.Rows) {
			out = append(out, shape(t, i, 2))
		}
	}
	return out
}

// DescribeMapping prints a mapping as 列=字段, for messages.
func DescribeMapping(d *ledger.Definition, m map[string]string) string {
	var out []string
	for k, v := range m {
		l := v
		if f := d.Field(v); f != nil {
			l = f.Label
		}
		out = append(out, strings.TrimPrefix(k, "#")+"="+l)
	}
	sort.Strings(out)
	return strings.Join(out, "，")
}

// Column is one column of a file's header and the field it is read as.
type Column struct {
	Col    int    // 0-based
	Letter string // A, B, …
	Label  string // the header text
	Field  string // the field's label; "" when the column is not read
}

// HeaderColumns returns the columns of the header t most likely has (the
// best candidate row even when required columns are missing, else the
// first non-blank row near the top) with the field each is read as: what
// a page offers for the user to map by hand. Nil for a blank table.
func HeaderColumns(d *ledger.Definition, t *excel.Table, opt Options) []Column {
	var out []Column
	if h := findHeader(d, t, opt); h != nil {
		width := 0
		for j := range h.labels {
			width = max(width, j+1)
		}
		for j := 0; j < width; j++ {
			l, ok := h.labels[j]
			if !ok {
				continue
			}
			c := Column{Col: j, Letter: columnName(j), Label: l}
			if f := h.cols[j]; f != nil {
				c.Field = f.Label
			}
			out = append(out, c)
		}
		return out
	}
	for i := 0; i < min(headerScan, len(t.Rows)); i++ {
		for j, v := range t.Rows[i] {
			if l := ledger.Clean(v); l != "" {
				out = append(out, Column{Col: j, Letter: columnName(j), Label: l})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
