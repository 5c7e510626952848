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
}

// figure lists the records behind one figure, within the user's scope.
func (s *Server) figure(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	if year == 0 {
		year = s.asOfYear(r)
	}
	accepted := q.Get("accepted") == "1"
	explain := s.app.Explain
	if accepted {
		explain = s.app.ExplainAccepted
	}
	v, parts, err := explain(ctx, r.PathValue("id"), year, q.Get("unit"))
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
	for _, p := range parts {
		fp := figurePart{Title: p.Value.Name, Ledger: p.Ledger, Count: len(p.Records)}
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
	s.page(w, r, http.StatusOK, "figure", v.Name, "dashboard", data)
}
