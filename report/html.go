package report

import (
	_ "embed"
	"html/template"
	"io"

	"fazhi/gongwen"
	"fazhi/indicator"
	"fazhi/ledger"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":  FormatNumber,
	"date": gongwen.FormatDate,
}).Parse(htmlTemplate))

// Evidence is the records behind one figure, formatted for reading.
type Evidence struct {
	ID, Name, Unit, Definition string
	Value                      float64
	Parts                      []EvidencePart
}

// EvidencePart is one list of records (a rate has two: numerator and denominator).
type EvidencePart struct {
	Name    string
	Ledger  string
	Value   float64
	Columns []string
	Rows    [][]string
}

// EvidenceFrom formats the records behind an indicator.
func EvidenceFrom(v indicator.Value, parts []indicator.Part, unitName func(string) string) Evidence {
	e := Evidence{ID: v.ID, Name: v.Name, Unit: v.Unit, Definition: v.Definition, Value: v.Value}
	for _, p := range parts {
		ep := EvidencePart{Name: p.Indicator.Name, Ledger: p.Ledger.Name, Value: p.Value.Value}
		var cols []*ledger.Field
		for i := range p.Ledger.Fields {
			f := &p.Ledger.Fields[i]
			for _, r := range p.Records {
				if _, ok := r[f.Name]; ok {
					cols = append(cols, f)
					break
				}
			}
		}
		for _, f := range cols {
			ep.Columns = append(ep.Columns, f.Label)
		}
		for _, r := range p.Records {
			row := make([]string, len(cols))
			for i, f := range cols {
				row[i] = f.Format(r[f.Name], unitName)
				if f.Sensitive {
					row[i] = ledger.Mask(row[i]) // the HTML report is for publication
				}
			}
			ep.Rows = append(ep.Rows, row)
		}
		e.Parts = append(e.Parts, ep)
	}
	return e
}

// WriteHTML writes the report as a page in which every figure links to the
// records behind it (listed after the report); changes may be nil.
func (r *Report) WriteHTML(w io.Writer, evidence []Evidence, changes []Change, prevYear int) error {
	return htmlTmpl.Execute(w, struct {
		*Report
		Evidence []Evidence
		Changes  []Change
		PrevYear int
	}{r, evidence, changes, prevYear})
}
