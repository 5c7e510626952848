package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"fazhi/app"
)

// auditData is the audit page's data: the filters as typed, the entries,
// and the links to other pages and to the export.
type auditData struct {
	Actor, Action, Target, From, To string
	Actions                         []Option
	Page                            app.AuditPage
	Error                           string
	Prev, Next, ExportURL           string
}

// auditQuery reads the filters of the audit page and its export.
func auditQuery(q url.Values) (app.AuditQuery, auditData, error) {
	d := auditData{Actor: q.Get("actor"), Action: q.Get("action"), Target: q.Get("target"), From: q.Get("from"), To: q.Get("to")}
	aq := app.AuditQuery{Actor: d.Actor, Action: d.Action, Target: d.Target}
	aq.Page, _ = strconv.Atoi(q.Get("page"))
	day := func(s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		t, err := app.ParseDate(s)
		if err != nil {
			return t, err
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, app.ChinaTime), nil
	}
	var err error
	if aq.From, err = day(d.From); err != nil {
		return aq, d, err
	}
	if aq.To, err = day(d.To); err != nil {
		return aq, d, err
	}
	if !aq.To.IsZero() {
		aq.To = aq.To.AddDate(0, 0, 1)
	}
	d.Actions = []Option{{Value: "", Label: "全部操作", Selected: d.Action == ""}}
	for _, a := range app.AuditActions {
		d.Actions = append(d.Actions, Option{Value: a.ID, Label: a.Label, Selected: d.Action == a.ID})
	}
	return aq, d, nil
}

// auditPage shows the audit trail to the 审计员 (the application layer
// refuses everyone else): filters by who, action, target and dates, newest
// first, 100 a page.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	aq, d, err := auditQuery(r.URL.Query())
	if err != nil {
		d.Error = "日期有误：" + err.Error()
		s.page(w, r, http.StatusBadRequest, "audit", "审计日志", "audit", d)
		return
	}
	p, err := s.app.AuditLog(r.Context(), aq)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	d.Page = p
	base := url.Values{}
	for k, v := range map[string]string{"actor": d.Actor, "action": d.Action, "target": d.Target, "from": d.From, "to": d.To} {
		if v != "" {
			base.Set(k, v)
		}
	}
	link := func(page int) string {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		v.Set("page", strconv.Itoa(page))
		return "/audit?" + v.Encode()
	}
	if p.Page > 1 {
		d.Prev = link(p.Page - 1)
	}
	if p.Page*p.Size < p.Total {
		d.Next = link(p.Page + 1)
	}
	d.ExportURL = "/audit/export"
	if len(base) > 0 {
		d.ExportURL += "?" + base.Encode()
	}
	s.page(w, r, http.StatusOK, "audit", "审计日志", "audit", d)
}

// auditExport downloads the filtered trail as .xlsx (审计员).
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	aq, _, err := auditQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, app.Invalid, "日期有误："+err.Error(), http.StatusBadRequest)
		return
	}
	var buf bytes.Buffer
	if _, err := s.app.ExportAudit(r.Context(), &buf, aq); err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", attachment("审计日志-"+time.Now().In(app.ChinaTime).Format("20060102")+".xlsx"))
	w.Write(buf.Bytes())
}
