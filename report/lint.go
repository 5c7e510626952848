package report

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"fazhi/ident"
	"fazhi/indicator"
)

// Finding is one problem lint found, naming the paragraph and the rule.
type Finding struct {
	Line int    // source line of the paragraph (0: the 版头)
	Para string // the paragraph's opening words
	Rule string
	Msg  string
}

func (f Finding) String() string {
	where := "版头"
	if f.Line > 0 {
		where = fmt.Sprintf("第%d行“%s”", f.Line, f.Para)
	}
	return fmt.Sprintf("%s [%s] %s", where, f.Rule, f.Msg)
}

// relation is an inequality between figures of one year that no set of
// records can break; prev names last year's stocks.
type relation struct {
	rule      string
	left      string
	right     []string // current-year IDs summed
	rightPrev []string // previous-year IDs added
}

var relations = []relation{
	{"受理不超过收到加上年结转", "reconsideration.accepted", []string{"reconsideration.received"}, []string{"reconsideration.pending_at_year_end"}},
	{"审结不超过受理加上年未结", "reconsideration.concluded", []string{"reconsideration.accepted"}, []string{"reconsideration.open_at_year_end"}},
	{"出庭次数不超过开庭案件", "litigation.head_appearances", []string{"litigation.hearings"}, nil},
}

var (
	leadingZeroDate = regexp.MustCompile(`\d{4}年0\d月|月0\d日`)
	badDocNumber    = regexp.MustCompile(`[\p{Han}]+[\[【［(（]\d{4}[\]】］)）]\d+号|〔\d{4}〕第\d+号|〔\d{4}〕0\d*号`)
)

// Lint checks a resolved report against its figures: a number typed into
// the narrative that contradicts its indicator, relations no data can break,
// a rate over 100%, a figure that fell to zero, placeholders naming no
// indicator, and 文号 and date formats off GB/T 9704.
//
// refs are other versions of the narrative (earlier versions, last year's
// report, the seed): a number typed where one of them had a placeholder is
// checked against that placeholder's indicator.
func Lint(r *Report, prev map[string]indicator.Value, refs ...*Source) []Finding {
	var out []Finding
	src := r.Source
	if src.DocNumber != "" {
		if err := ident.CheckDocNumber(src.DocNumber); err != nil {
			out = append(out, Finding{Rule: "文号格式（GB/T 9704 7.2.5）", Msg: err.Error()})
		}
	}
	if src.DateText != "" && leadingZeroDate.MatchString(src.DateText) {
		out = append(out, Finding{Rule: "日期格式（GB/T 9704 7.3.5.4）", Msg: fmt.Sprintf("成文日期“%s”不应有前导零", src.DateText)})
	}
	out = append(out, lintFields(r, refs)...)
	out = append(out, lintYears(0, "标题", src.Title, r.Year)...)
	known := anchors(append([]*Source{src}, refs...))
	for _, p := range src.Paras {
		f := func(rule, msg string) {
			out = append(out, Finding{Line: p.Line, Para: opening(p.Lead + p.Text), Rule: rule, Msg: msg})
		}
		raw := p.Lead + p.Text
		out = append(out, lintYears(p.Line, opening(raw), raw, r.Year)...)
		if strings.Contains(raw, ToFill) {
			f("待填写", "正文中仍有"+ToFill+"，请填写")
		}
		for _, m := range placeholderRe.FindAllStringSubmatch(raw, -1) {
			if _, ok := r.Values[m[1]]; !ok && m[0] != PlansStatusDirective {
				f("占位符指向未知指标", fmt.Sprintf("{{%s}} 不是已声明的指标", m[1]))
			}
		}
		// Typed figures: an indicator's name followed closely by a number
		// and the indicator's unit, outside placeholders.
		typed := placeholderRe.ReplaceAllString(raw, "〓")
		flagged := map[string]bool{}
		contradicts := func(id, shown, number string) {
			v := r.Values[id]
			if v.Null || len(v.Groups) > 0 {
				return // no single number to contradict
			}
			n, err := strconv.ParseFloat(number, 64)
			if err != nil || math.Abs(n-v.Value) < 1e-9 || flagged[shown] {
				return
			}
			flagged[shown] = true
			f("数字与指标不符", fmt.Sprintf("正文写“%s”，但指标 %s（%s）为 %s%s；请改用 {{%s}}", shown, id, v.Name, FormatNumber(v.Value), v.Unit, id))
		}
		for _, tf := range typedFigures(typed) {
			if tf.after == "%" {
				if n, _ := strconv.ParseFloat(tf.number, 64); n > 100 {
					f("比率超过100%", fmt.Sprintf("正文写“%s”", tf.text))
				}
			}
			if id := best(known, tf); id != "" {
				if _, ok := r.Values[id]; ok {
					contradicts(id, tf.text, tf.number)
				}
			}
		}
		for _, id := range sortedIDs(r.Values) {
			v := r.Values[id]
			if len([]rune(v.Name)) < 2 || v.Unit == "" {
				continue
			}
			re := typedFigureRe(v.Name, v.Unit)
			for _, m := range re.FindAllStringSubmatch(typed, -1) {
				contradicts(id, m[0], m[1])
			}
		}
		if m := leadingZeroDate.FindString(raw); m != "" {
			f("日期格式（GB/T 9704 7.3.5.4）", fmt.Sprintf("“%s”不应有前导零", m))
		}
		if m := badDocNumber.FindString(raw); m != "" {
			f("文号格式（GB/T 9704 7.2.5）", fmt.Sprintf("“%s”应写作 代字〔年份〕序号号", m))
		}
	}
	line := func(id string) (int, string) {
		for _, p := range src.Paras {
			if strings.Contains(p.Lead+p.Text, "{{"+id+"}}") {
				return p.Line, opening(p.Lead + p.Text)
			}
		}
		return 0, ""
	}
	for _, rel := range relations {
		lv, ok := r.Values[rel.left]
		if !ok {
			continue
		}
		sum, parts := 0.0, []string{}
		for _, id := range rel.right {
			sum += r.Values[id].Value
			parts = append(parts, fmt.Sprintf("%s %s", r.Values[id].Name, FormatNumber(r.Values[id].Value)))
		}
		for _, id := range rel.rightPrev {
			sum += prev[id].Value
			parts = append(parts, fmt.Sprintf("上年%s %s", prev[id].Name, FormatNumber(prev[id].Value)))
		}
		if lv.Value > sum {
			l, p := line(rel.left)
			out = append(out, Finding{Line: l, Para: p, Rule: rel.rule,
				Msg: fmt.Sprintf("%s %s 大于 %s", lv.Name, FormatNumber(lv.Value), strings.Join(parts, " + "))})
		}
	}
	for _, id := range src.Placeholders() {
		v, ok := r.Values[id]
		if !ok {
			continue
		}
		l, p := line(id)
		if v.Unit == "%" && v.Value > 100 {
			out = append(out, Finding{Line: l, Para: p, Rule: "比率超过100%", Msg: fmt.Sprintf("%s 为 %s%%", v.Name, FormatNumber(v.Value))})
		}
		if pv, ok := prev[id]; ok && v.Value == 0 && pv.Value != 0 {
			out = append(out, Finding{Line: l, Para: p, Rule: "指标为零而上年不为零",
				Msg: fmt.Sprintf("%s 今年为 0，上年为 %s%s：是否漏录台账？", v.Name, FormatNumber(pv.Value), pv.Unit)})
		}
	}
	return out
}

// LintPrevious lists the indicators whose previous-year values Lint reads
// for src: its placeholders and the stocks its relations carry over. A
// caller need not compute the others.
func LintPrevious(src *Source) []string {
	ids := src.Placeholders()
	for _, rel := range relations {
		ids = append(ids, rel.rightPrev...)
	}
	return ids
}

// typedFigureRes holds typedFigureRe's expressions, compiled once per
// name and unit.
var typedFigureRes sync.Map

// typedFigureRe matches name, up to six characters that are neither digits
// nor punctuation, a number, then unit.
func typedFigureRe(name, unit string) *regexp.Regexp {
	k := name + "\x00" + unit
	if re, ok := typedFigureRes.Load(k); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(regexp.QuoteMeta(name) + `[^\d，。；、：！？,.;:\s〓]{0,6}?(\d+(?:\.\d+)?)` + regexp.QuoteMeta(unit))
	typedFigureRes.Store(k, re)
	return re
}

func opening(s string) string {
	r := []rune(s)
	if len(r) > 16 {
		return string(r[:16]) + "……"
	}
	return s
}

var docNumberYearRe = regexp.MustCompile(`〔(\d{4})〕`)

// lintFields checks the 版头 and 版记 fields a new year must not inherit:
// fields still to fill, and a 发文字号 or 成文日期 of another year's report
// (GB/T 9704 7.2.5: the year in 〔〕 is the year of issue; a report on year
// Y is issued in Y or Y+1).
func lintFields(r *Report, refs []*Source) []Finding {
	var out []Finding
	src, y := r.Source, r.Year
	for _, k := range src.Pending {
		out = append(out, Finding{Rule: "待填写", Msg: fmt.Sprintf("“%s”尚未填写（%s）", k, ToFill)})
	}
	if m := docNumberYearRe.FindStringSubmatch(src.DocNumber); m != nil {
		if n, _ := strconv.Atoi(m[1]); n != y && n != y+1 {
			out = append(out, Finding{Rule: "文号年份与报告年度不符", Msg: fmt.Sprintf("发文字号“%s”的年份为%d，%d年度报告应在%d年或%d年发文", src.DocNumber, n, y, y, y+1)})
		}
	}
	if !src.Date.IsZero() && src.Date.Year() != y && src.Date.Year() != y+1 {
		out = append(out, Finding{Rule: "成文日期与报告年度不符", Msg: fmt.Sprintf("成文日期“%s”不在%d年或%d年", src.DateText, y, y+1)})
	}
	seenNo, seenDate := false, false
	for _, ref := range refs {
		if ref.Year == 0 || ref.Year == y {
			continue
		}
		if !seenNo && src.DocNumber != "" && ref.DocNumber == src.DocNumber {
			seenNo = true
			out = append(out, Finding{Rule: "沿用其他年度的文号", Msg: fmt.Sprintf("发文字号“%s”与%d年度报告相同，请填写本次发文的文号", src.DocNumber, ref.Year)})
		}
		if !seenDate && !src.Date.IsZero() && ref.Date.Equal(src.Date) {
			seenDate = true
			out = append(out, Finding{Rule: "沿用其他年度的成文日期", Msg: fmt.Sprintf("成文日期“%s”与%d年度报告相同，请填写本次成文日期", src.DateText, ref.Year)})
		}
	}
	return out
}

// lintYears flags a year typed in text that contradicts the report's
// period: any year other than the report year and the next (the year the
// report is written and the 下步工作打算 year). Years in 《》, 〔〕 and
// ranges are names and are skipped; {{year-1}} writes last year on purpose.
func lintYears(line int, para, text string, year int) []Finding {
	var out []Finding
	for _, ty := range typedYears(text) {
		if ty.Year == year || ty.Year == year+1 {
			continue
		}
		what := "“" + ty.Text + "”"
		if ty.Date {
			what = "日期“" + ty.Text + "……”"
		}
		out = append(out, Finding{Line: line, Para: para, Rule: "年份与报告期不符",
			Msg: fmt.Sprintf("%s不是%d年度报告的报告期：指本年度请写 %s年，确指%d年请写 %s年，文件名称请放在《》中", what, year, "{{year}}", ty.Year, yearToken(ty.Year, year))})
	}
	return out
}

// Differences compares the figures a published report froze with the same
// indicators computed now: each placeholder of src whose value changed (a
// record edited after publication) is a finding. The published report
// keeps its frozen figures; this only names the drift.
func Differences(src *Source, published, live map[string]indicator.Value) []Finding {
	var out []Finding
	for _, id := range src.Placeholders() {
		p, ok := published[id]
		if !ok {
			continue
		}
		l := live[id]
		if p.Null == l.Null && (p.Null || math.Abs(p.Value-l.Value) < 1e-9) && groupsEqual(p.Groups, l.Groups) {
			continue
		}
		line, para := 0, ""
		for _, pa := range src.Paras {
			if strings.Contains(pa.Lead+pa.Text, "{{"+id+"}}") {
				line, para = pa.Line, opening(pa.Lead+pa.Text)
				break
			}
		}
		show := func(v indicator.Value) string {
			if len(v.Groups) > 0 {
				return indicator.GroupText(v)
			}
			if v.Null {
				return "—"
			}
			return v.Text() + v.Unit
		}
		out = append(out, Finding{Line: line, Para: para, Rule: "与已发布数字不同",
			Msg: fmt.Sprintf("%s（%s）发布时为 %s，按现有台账为 %s：发布后台账有改动，已发布报告的数字不变", p.Name, id, show(p), show(l))})
	}
	return out
}

func groupsEqual(a, b []indicator.Group) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FindingsText lists up to n findings, one a line, and how many more.
func FindingsText(fs []Finding, n int) string {
	var lines []string
	for i, f := range fs {
		if i == n {
			lines = append(lines, fmt.Sprintf("……另有%d处", len(fs)-n))
			break
		}
		lines = append(lines, "  "+f.String())
	}
	return strings.Join(lines, "\n")
}

// Publishable says whether a report may be published: no lint finding,
// and 发文字号 and 成文日期 filled in.
func Publishable(src *Source, findings []Finding) error {
	switch {
	case len(findings) > 0:
		return fmt.Errorf("检查发现%d处问题：\n%s", len(findings), FindingsText(findings, 10))
	case src.DocNumber == "":
		return fmt.Errorf("发文字号尚未填写")
	case src.Date.IsZero():
		return fmt.Errorf("成文日期尚未填写")
	}
	return nil
}
