package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/ledger"
	"fazhi/warning"
)

// Column is one column of a generated list.
type Column struct {
	Name, Label, SortURL string
	Sorted, Desc         bool
}

// Cell is one value shown in a list.
type Cell struct{ Text, Class string }

// DueMark is one deadline state of a record.
type DueMark struct{ Label, Due, State, Days, Law string }

// Row is one record in a list.
type Row struct {
	URL   string
	Cells []Cell
	Due   []DueMark
}

// EnumFilter is a dropdown filter of an enum or 是/否 field.
type EnumFilter struct {
	Param, Label string
	Options      []Option
}

// Pager is the paging of a list.
type Pager struct {
	Total, Page, Pages int
	Prev, Next         string
}

type listData struct {
	Ledger                  *ledger.Definition
	Query                   string
	Years, Units, DueStates []Option
	EnumFilters             []EnumFilter
	Sort                    string
	Desc                    bool
	Columns                 []Column
	Rows                    []Row
	HasDue                  bool
	Span                    int
	Pager                   Pager
	CanAdd, CanImport       bool
	ExportURL               string
}

// listColumns picks the columns of a ledger's list from its definition: the
// natural key, the owner unit, then required fields, up to eight, leaving
// out prose (shown on the record's page).
func listColumns(d *ledger.Definition) []*ledger.Field {
	var out []*ledger.Field
	has := map[string]bool{}
	add := func(f *ledger.Field) {
		if f != nil && !has[f.Name] && len(out) < 8 {
			has[f.Name] = true
			out = append(out, f)
		}
	}
	for _, k := range d.Key {
		add(d.Field(k))
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Required && !long(f) && f.Type != ledger.UnitRef {
			add(f)
		}
	}
	add(d.Field(d.Owner))
	for i := range d.Fields {
		f := &d.Fields[i]
		if !long(f) && !f.Derived {
			add(f)
		}
	}
	return out
}

// dueStates are the deadline states a list filters by.
var dueStates = []string{"正常", "临期", "逾期"}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := app.Ledger(r.PathValue("ledger"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	q := r.URL.Query()
	year, _ := strconv.Atoi(q.Get("year"))
	page, _ := strconv.Atoi(q.Get("page"))
	lq := app.ListQuery{Year: year, Unit: q.Get("unit"), Text: q.Get("q"), Sort: q.Get("sort"), Desc: q.Get("desc") == "1",
		Page: page, PageSize: 50, Filters: map[string]string{}}
	if lq.Sort != "" && d.Field(lq.Sort) == nil {
		lq.Sort = ""
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		if v := q.Get("f." + f.Name); v != "" && (f.Type == ledger.Enum || f.Type == ledger.Bool) {
			lq.Filters[f.Name] = v
		}
	}
	due := q.Get("due")
	tree, err := s.app.Units(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	// Deadline states by key, on the business date: of every matching
	// record when the list is filtered by state, else of the page's only.
	var states map[string][]warning.Item
	if len(d.Deadlines) > 0 && due != "" {
		items, _, err := s.app.Due(ctx, d.ID, time.Time{}, year, lq.Unit)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		states = byKey(d, items)
	}
	var recs []app.RecordView
	total := 0
	if due != "" && states != nil {
		// Filter by deadline state over every matching record, then page.
		all := lq
		all.Page, all.PageSize = 1, 1<<30
		rp, err := s.app.ListRecords(ctx, d.ID, all)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		for _, rv := range rp.Records {
			for _, it := range states[rv.Key] {
				if it.State.String() == due {
					recs = append(recs, rv)
					break
				}
			}
		}
		total = len(recs)
		from := (max(page, 1) - 1) * lq.PageSize
		recs = recs[min(from, len(recs)):min(from+lq.PageSize, len(recs))]
		lq.Page = max(page, 1)
	} else {
		rp, err := s.app.ListRecords(ctx, d.ID, lq)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		recs, total, lq.Page = rp.Records, rp.Total, rp.Page
		if len(d.Deadlines) > 0 {
			page := make([]ledger.Record, len(recs))
			for i, rv := range recs {
				page[i] = rv.Record
			}
			items, _, err := s.app.DueOf(ctx, d.ID, page)
			if err != nil {
				s.failErr(w, r, err)
				return
			}
			states = byKey(d, items)
		}
	}
	mayWrite := s.app.MayWriteLedger(ctx, d.ID) == nil
	data := listData{Ledger: d, Query: lq.Text, Sort: lq.Sort, Desc: lq.Desc, HasDue: states != nil,
		CanAdd: mayWrite, CanImport: mayWrite,
		ExportURL: withQuery("/ledgers/"+d.ID+"/export", "year", q.Get("year"), "unit", q.Get("unit"))}
	data.Years = yearOptions(q.Get("year"), s.asOfYear(r), true)
	data.Units = unitOptions(tree, q.Get("unit"), "全部单位")
	if states != nil {
		data.DueStates = choices(dueStates, nil, due)
		data.DueStates[0].Label = "全部"
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		var vals []string
		switch f.Type {
		case ledger.Enum:
			vals = f.Enum
		case ledger.Bool:
			vals = []string{"是", "否"}
		default:
			continue
		}
		opts := choices(vals, nil, q.Get("f."+f.Name))
		opts[0].Label = "全部"
		data.EnumFilters = append(data.EnumFilters, EnumFilter{Param: "f." + f.Name, Label: f.Label, Options: opts})
	}
	base := r.URL.Path + "?" + q.Encode()
	cols := listColumns(d)
	for _, f := range cols {
		c := Column{Name: f.Name, Label: f.Label, Sorted: lq.Sort == f.Name, Desc: lq.Desc}
		desc := ""
		if c.Sorted && !lq.Desc {
			desc = "1"
		}
		c.SortURL = withQuery(base, "sort", f.Name, "desc", desc, "page", "")
		data.Columns = append(data.Columns, c)
	}
	data.Span = len(cols) + 1
	for _, rv := range recs {
		row := Row{URL: recordURL(d, rv.Key, recordDistrict(r, rv.Record))}
		for _, f := range cols {
			c := Cell{Text: f.Format(rv.Record[f.Name], tree.Name)}
			if f.Type == ledger.Int || f.Type == ledger.Decimal {
				c.Class = "num"
			}
			row.Cells = append(row.Cells, c)
		}
		for _, it := range states[rv.Key] {
			row.Due = append(row.Due, dueMark(it))
		}
		data.Rows = append(data.Rows, row)
	}
	data.Pager = pager(base, total, lq.Page, lq.PageSize)
	s.page(w, r, http.StatusOK, "list", d.Name, d.ID, data)
}

// byKey groups deadline states by their record's natural key.
func byKey(d *ledger.Definition, items []warning.Item) map[string][]warning.Item {
	out := map[string][]warning.Item{}
	for _, it := range items {
		k := d.KeyText(it.Record)
		out[k] = append(out[k], it)
	}
	return out
}

// dueMark describes one deadline state.
func dueMark(it warning.Item) DueMark {
	m := DueMark{Label: it.Ledger.Field(it.Deadline.Due).Label, Due: it.Due.Format("2006-01-02"), State: it.State.String(),
		Law: strings.TrimSpace(it.Law.Law + it.Law.Article)}
	switch it.State.String() {
	case "正常", "临期":
		m.Days = fmt.Sprintf("剩余%d天", it.Days)
	case "逾期", "超期办结":
		m.Days = fmt.Sprintf("超期%d天", it.Days)
	}
	return m
}

// recordURL is the address of one record's page; district, when not "",
// names the record's district for a reader of several (a city's or a
// province's account: natural keys are unique within a district only).
func recordURL(d *ledger.Definition, key, district string) string {
	return inDistrict("/ledgers/"+d.ID+"/record?key="+url.QueryEscape(key), district)
}

// inDistrict adds the district parameter to u (authed makes it the
// request actor's district: app.Actor.In), unless district is "".
func inDistrict(u, district string) string {
	if district == "" {
		return u
	}
	return u + "&district=" + url.QueryEscape(district)
}

// recordDistrict is the district parameter of a link to record rec: its
// district when that is not the actor's own, else "".
func recordDistrict(r *http.Request, rec ledger.Record) string {
	d, _ := rec[ledger.MetaDistrict].(string)
	if d == actorOf(r).District {
		return ""
	}
	return d
}

func pager(base string, total, page, size int) Pager {
	p := Pager{Total: total, Page: max(page, 1), Pages: (total + size - 1) / size}
	if p.Pages == 0 {
		p.Pages = 1
	}
	if p.Page > 1 {
		p.Prev = withQuery(base, "page", strconv.Itoa(p.Page-1))
	}
	if p.Page < p.Pages {
		p.Next = withQuery(base, "page", strconv.Itoa(p.Page+1))
	}
	return p
}

// yearOptions lists the years to choose from around the business year.
func yearOptions(cur string, asOf int, any bool) []Option {
	var opts []Option
	if any {
		opts = append(opts, Option{Value: "", Label: "全部年度", Selected: cur == ""})
	}
	for y := asOf + 1; y >= asOf-5; y-- {
		v := strconv.Itoa(y)
		opts = append(opts, Option{Value: v, Label: v + "年", Selected: cur == v})
	}
	return opts
}

// unitOptions lists the unit tree's units by name.
func unitOptions(tree *ledger.UnitTree, cur, all string) []Option {
	opts := []Option{{Value: "", Label: all, Selected: cur == ""}}
	units := append([]ledger.Unit(nil), tree.Units...)
	sort.SliceStable(units, func(i, j int) bool { return units[i].Code < units[j].Code })
	for _, u := range units {
		opts = append(opts, Option{Value: u.Code, Label: u.Name, Selected: cur == u.Code || cur == u.Name})
	}
	return opts
}

// asOfYear is the year of the business date (the demo: 2022).
func (s *Server) asOfYear(r *http.Request) int {
	t, err := s.app.AsOf(r.Context())
	if err != nil {
		return s.app.Today().Year()
	}
	return t.Year()
}
