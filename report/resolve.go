package report

import (
	"fmt"
	"strconv"
	"strings"

	"fazhi/gongwen"
	"fazhi/indicator"
)

// Segment is a piece of resolved text; Ref names the indicator a figure came from.
type Segment struct {
	Text string
	Ref  string
}

// Block is a resolved paragraph.
type Block struct {
	Line  int
	Level int    // 1-4: standalone heading; 0: body paragraph
	Lead  string // run-in heading
	Segs  []Segment
}

// Text returns the block's text without its lead.
func (b Block) Text() string {
	var sb strings.Builder
	for _, s := range b.Segs {
		sb.WriteString(s.Text)
	}
	return sb.String()
}

// Report is a source with every placeholder replaced by the year's value.
type Report struct {
	Year   int
	Source *Source
	Title  string // the title with its year placeholders filled
	// DraftMark is printed on top of every format when the report is
	// rendered in spite of lint findings (--force).
	DraftMark string
	Blocks    []Block
	Values    map[string]indicator.Value
	// Unknown lists placeholders naming no indicator.
	Unknown []string
	// Plans are last year's promises with their status, for {{plans.status}}.
	Plans []PlanStatus
}

// Resolve fills the placeholders of src with values.
func Resolve(src *Source, year int, values map[string]indicator.Value) *Report {
	return ResolveWithPlans(src, year, values, nil)
}

// ResolveWithPlans also expands {{plans.status}} into one numbered
// paragraph per task carried over from last year's report.
func ResolveWithPlans(src *Source, year int, values map[string]indicator.Value, plans []PlanStatus) *Report {
	r := &Report{Year: year, Source: src, Values: values, Plans: plans, Title: ExpandYears(src.Title, year)}
	for _, p := range src.Paras {
		if strings.TrimSpace(p.Text) == PlansStatusDirective {
			if len(plans) == 0 {
				r.Blocks = append(r.Blocks, Block{Line: p.Line, Segs: []Segment{{Text: "上年度报告中的工作打算尚未分解为任务。"}}})
			}
			for i, t := range plans {
				r.Blocks = append(r.Blocks, Block{Line: p.Line, Segs: []Segment{{Text: fmt.Sprintf("%d.%s", i+1, t.Text())}}})
			}
			continue
		}
		b := Block{Line: p.Line, Level: p.Level, Segs: r.segments(ExpandYears(p.Text, year))}
		for _, sg := range r.segments(ExpandYears(p.Lead, year)) {
			b.Lead += sg.Text
		}
		r.Blocks = append(r.Blocks, b)
	}
	return r
}

// segments splits text at its placeholders, resolving each to a figure.
func (r *Report) segments(text string) []Segment {
	var out []Segment
	for {
		loc := placeholderRe.FindStringSubmatchIndex(text)
		if loc == nil {
			break
		}
		id := text[loc[2]:loc[3]]
		out = append(out, Segment{Text: text[:loc[0]]}, Segment{Text: r.figure(id), Ref: id})
		text = text[loc[1]:]
	}
	return append(out, Segment{Text: text})
}

func (r *Report) figure(id string) string {
	v, ok := r.Values[id]
	if !ok {
		r.Unknown = append(r.Unknown, id)
		return "【未知指标 " + id + "】"
	}
	if len(v.Groups) > 0 {
		return indicator.GroupText(v) // 行政处罚12起、行政许可5起
	}
	return v.Text() // "—" for a rate with nothing to divide
}

// FormatNumber writes a figure as the report prints it: no trailing zeros.
func FormatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// Document builds the 公文 of the report.
func (r *Report) Document() *gongwen.Document {
	s := r.Source
	d := &gongwen.Document{Issuer: s.Issuer, DocNumber: s.DocNumber, Signer: s.Signer, Title: r.Title,
		Addressee: s.Addressee, Signatures: s.Signatures, Date: s.Date,
		CC: s.CC, PrintedBy: s.PrintedBy, PrintedDate: s.PrintedDate, DraftMark: r.DraftMark}
	for _, b := range r.Blocks {
		if b.Level > 0 {
			d.Blocks = append(d.Blocks, gongwen.Head(b.Level, b.Text()))
			continue
		}
		var runs []gongwen.Run
		if b.Lead != "" {
			runs = append(runs, gongwen.Lead(leadLevel(b.Lead), b.Lead))
		}
		for _, sg := range b.Segs {
			if sg.Text == "" {
				continue
			}
			runs = append(runs, gongwen.Run{Text: sg.Text, Ref: sg.Ref})
		}
		d.Blocks = append(d.Blocks, gongwen.Para(runs...))
	}
	return d
}

func leadLevel(lead string) int { return Para{Lead: lead}.LeadLevel() }
