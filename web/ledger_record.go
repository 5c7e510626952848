package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/ledger"
)

type shownField struct {
	Label, Text string
	Derived     bool
}

type historyRow struct {
	At, Actor, Action, Note string
	Changes                 []string
}

type recordData struct {
	Ledger                             *ledger.Definition
	KeyText                            string
	Version                            int64
	Deleted                            bool
	DeletedAt, DeletedBy, DeleteReason string
	Fields                             []shownField
	Due                                []DueMark
	History                            []historyRow
	CanEdit, CanDelete                 bool
	EditURL, DeleteURL, RestoreURL     string
}

func (s *Server) record(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, key := r.PathValue("ledger"), r.URL.Query().Get("key")
	rv, err := s.app.GetRecord(ctx, id, key)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	d := rv.Ledger
	tree, err := s.app.Units(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	mayChange := s.app.MayChange(ctx, rv) == nil
	data := recordData{Ledger: d, KeyText: rv.Key, Version: rv.Version, Deleted: rv.Deleted,
		DeletedAt: shortTime(rv.DeletedAt), DeletedBy: rv.DeletedBy, DeleteReason: rv.DeleteWhy,
		CanEdit: mayChange, CanDelete: mayChange,
		EditURL:    inDistrict("/ledgers/"+d.ID+"/edit?key="+urlQueryEscape(rv.Key), recordDistrict(r, rv.Record)),
		DeleteURL:  inDistrict("/ledgers/"+d.ID+"/delete?key="+urlQueryEscape(rv.Key), recordDistrict(r, rv.Record)),
		RestoreURL: inDistrict("/ledgers/"+d.ID+"/restore?key="+urlQueryEscape(rv.Key), recordDistrict(r, rv.Record))}
	for i := range d.Fields {
		f := &d.Fields[i]
		data.Fields = append(data.Fields, shownField{Label: f.Label, Text: f.Format(rv.Record[f.Name], tree.Name), Derived: f.Derived})
	}
	data.Fields = append(data.Fields, shownField{Label: "录入单位", Text: tree.Name(rv.RecordUnit)}, shownField{Label: "录入人", Text: rv.CreatedBy})
	if len(d.Deadlines) > 0 && !rv.Deleted {
		items, _, err := s.app.DueOf(ctx, d.ID, []ledger.Record{rv.Record})
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		for _, it := range items {
			data.Due = append(data.Due, dueMark(it))
		}
	}
	hs, err := s.app.RecordHistory(ctx, id, key)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for i := len(hs) - 1; i >= 0; i-- { // newest first
		h := hs[i]
		row := historyRow{At: h.At.In(chinaTime).Format("2006-01-02 15:04"), Actor: h.Actor, Action: h.Action}
		if h.Action == "删除" {
			row.Note = "理由：" + h.Source
		} else if h.Source != "" {
			row.Note = "来源：" + h.Source
		}
		row.Changes = changes(d, h.Old, h.New)
		data.History = append(data.History, row)
	}
	s.page(w, r, http.StatusOK, "record", d.Name+" "+rv.Key, d.ID, data)
}

var chinaTime = time.FixedZone("CST", 8*3600)

// changes lists "字段：旧 → 新" in the ledger's field order.
func changes(d *ledger.Definition, old, new map[string]string) []string {
	var out []string
	seen := map[string]bool{}
	one := func(label string) {
		if seen[label] {
			return
		}
		seen[label] = true
		o, n := old[label], new[label]
		switch {
		case o == n:
		case old == nil:
			out = append(out, fmt.Sprintf("%s：%s", label, n))
		case new == nil:
			out = append(out, fmt.Sprintf("%s：%s", label, o))
		default:
			out = append(out, fmt.Sprintf("%s：%s → %s", label, blank(o), blank(n)))
		}
	}
	for _, f := range d.Fields {
		one(f.Label)
	}
	var rest []string
	for l := range old {
		rest = append(rest, l)
	}
	for l := range new {
		rest = append(rest, l)
	}
	sort.Strings(rest)
	for _, l := range rest {
		one(l)
	}
	return out
}

func blank(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// shortTime shows an RFC 3339 time as 2022-03-05 14:30 in China time.
func shortTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(chinaTime).Format("2006-01-02 15:04")
}

func (s *Server) delete(w http.ResponseWriter, r *http.Request) {
	id, key := r.PathValue("ledger"), r.URL.Query().Get("key")
	if err := s.app.DeleteRecord(r.Context(), id, key, strings.TrimSpace(r.FormValue("reason"))); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.flash(w, "已删除“"+key+"”，可在记录页恢复")
	d, _ := app.Ledger(id)
	http.Redirect(w, r, recordURL(d, key, r.URL.Query().Get("district")), http.StatusSeeOther)
}

func (s *Server) restore(w http.ResponseWriter, r *http.Request) {
	id, key := r.PathValue("ledger"), r.URL.Query().Get("key")
	if err := s.app.RestoreRecord(r.Context(), id, key); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.flash(w, "已恢复“"+key+"”")
	d, _ := app.Ledger(id)
	http.Redirect(w, r, recordURL(d, key, r.URL.Query().Get("district")), http.StatusSeeOther)
}
