package report

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"fazhi/gongwen"
	"fazhi/indicator"
	"fazhi/ledger"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":  FormatNumber,
	"date": gongwen.FormatDate,
	"href": func(string) string { return "" },
}).Parse(htmlTemplate))

// AppendixRows is how many records of each part the HTML appendix lists
// when the report is rendered without a server: the page stays the same
// size however many records a figure rests on.
const AppendixRows = 20

// Evidence is the records behind one figure, formatted for reading.
type Evidence struct {
	ID, Name, Unit, Definition string
	Value                      float64
	Null                       bool
	Parts                      []EvidencePart
}

// EvidencePart is one list of records (a rate has two: numerator and denominator).
type EvidencePart struct {
	Name    string
	Ledger  string
	Value   float64
	Total   int // records in all; Rows may hold only the first of them
	Columns []string
	Rows    [][]string
}

// More reports whether the part has records beyond those listed.
func (p EvidencePart) More() bool { return p.Total > len(p.Rows) }

// EvidenceFrom formats the records behind an indicator (as many as parts
// hold; use indicator.ExplainLimit to bound them). Sensitive fields are
// masked and party names left out: the internal page is read by staff who
// may print it.
func EvidenceFrom(v indicator.Value, parts []indicator.Part, unitName func(string) string) Evidence {
	e := Evidence{ID: v.ID, Name: v.Name, Unit: v.Unit, Definition: v.Definition, Value: v.Value, Null: v.Null}
	for _, p := range parts {
		ep := EvidencePart{Name: p.Indicator.Name, Ledger: p.Ledger.Name, Value: p.Value.Value, Total: max(p.Total, len(p.Records))}
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
					row[i] = ledger.Mask(row[i])
				}
			}
			ep.Rows = append(ep.Rows, row)
		}
		e.Parts = append(e.Parts, ep)
	}
	return e
}

// HTMLOptions say which HTML to write.
type HTMLOptions struct {
	// Evidence is the appendix of records behind the figures (internal
	// page rendered without a server); nil for none.
	Evidence []Evidence
	Changes  []Change // comparison with PrevYear; nil for none
	PrevYear int
	// Public writes the document for publication (督察工作规定 art 24):
	// no appendix, no links to records, no party names (PartyNames) and no
	// ID numbers in the text. 签发人 and 署名 stay.
	Public     bool
	PartyNames []string
	// RecordsBase is the web interface's base URL: figures link to its
	// record pages (indicator.RecordsPathFormat) instead of the appendix.
	RecordsBase string
}

type htmlFigure struct {
	Text, Href, Ref string
}

// WriteHTML writes the report as a page. Internal: every figure links to
// the records behind it (the web interface's page, or the bounded appendix).
// Public: the text alone.
func (r *Report) WriteHTML(w io.Writer, o HTMLOptions) error {
	rep := r
	if o.Public {
		rep = r.publicCopy(o.PartyNames)
		o.Evidence, o.RecordsBase = nil, ""
	}
	href := func(ref string) string {
		if o.Public {
			return ""
		}
		if o.RecordsBase != "" {
			if ind, ok := indicator.Get(ref); ok {
				return strings.TrimRight(o.RecordsBase, "/") + indicator.RecordsPath(ind, r.Year)
			}
		}
		return "#ind-" + ref
	}
	t, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	return t.Funcs(template.FuncMap{"href": href}).Execute(w, struct {
		*Report
		Evidence []Evidence
		Changes  []Change
		PrevYear int
		Public   bool
	}{rep, o.Evidence, o.Changes, o.PrevYear, o.Public})
}
