package web

import (
	"net/http"
	"strconv"

	"fazhi/ledger"
)

type figurePart struct {
	Title   string
	Ledger  *ledger.Definition
	Count   int
	Columns []Column
	Rows    []Row
}

type figureData struct {
	Name, Value, Unit, Definition string
	Year                          int
	AcceptedOnly                  bool
	Parts                         []figurePart
	Pager                         *Pager // nil when every record fits one page
}

// figurePageSize is how many records of each part a figure's page lists
// (at province scale a figure has tens of thousands).
const figurePageSize = 200

// figure lists the records behind one figure, within the user's scope.
func (s *Server) figure(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	if year == 0 {
		year = s.asOfYear(r)
	}
	accepted := q.Get("accepted") == "1"
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	v, parts, err := s.app.ExplainPage(ctx, r.PathValue("id"), year, q.Get("unit"), accepted, page, figurePageSize)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	tree, err := s.app.Units(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data := figureData{Name: v.Name, Value: figureText(v), Unit: v.Unit, Definition: v.Definition, Year: year, AcceptedOnly: accepted}
	most := 0
	for _, p := range parts {
		most = max(most, p.Total)
		fp := figurePart{Title: p.Value.Name, Ledger: p.Ledger, Count: p.Total}
		cols := listColumns(p.Ledger)
		for _, f := range cols {
			fp.Columns = append(fp.Columns, Column{Name: f.Name, Label: f.Label})
		}
		for _, rv := range p.Records {
			row := Row{URL: recordURL(p.Ledger, rv.Key, recordDistrict(r, rv.Record))}
			for _, f := range cols {
				row.Cells = append(row.Cells, Cell{Text: f.Format(rv.Record[f.Name], tree.Name)})
			}
			fp.Rows = append(fp.Rows, row)
		}
		data.Parts = append(data.Parts, fp)
	}
	if most > figurePageSize {
		// Every part pages together: page n shows records n·size… of each.
		pg := pager(r.URL.Path+"?"+q.Encode(), most, page, figurePageSize)
		data.Pager = &pg
	}
	s.page(w, r, http.StatusOK, "figure", v.Name, "dashboard", data)
}
