package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"fazhi/app"
	"fazhi/ledger"
)

type roundSummary struct {
	ID                                            int64
	Name, URL, Period, Due, Ledgers, State        string
	Total, Accepted, Submitted, NotReported, Late int
	Chase                                         []string
}

type roundForm struct{ Name, From, To, Due string }

type roundsData struct {
	Rounds                     []roundSummary
	CanOpen                    bool
	Error                      string
	Form                       roundForm
	LedgerChoices, UnitChoices []Option
}

type subRow struct {
	app.SubmissionView
	ActionURL string
	Ledgers   []roundLedger
}

// roundLedger is a link to a ledger's list for one unit.
type roundLedger struct{ Name, URL string }

type roundData struct {
	roundSummary
	Error       string
	Submissions []subRow
}

func summarize(v app.RoundView) roundSummary {
	var names []string
	for _, id := range v.Ledgers {
		if d, ok := ledger.Get(id); ok {
			names = append(names, d.Name)
		}
	}
	st := "进行中"
	if v.Total > 0 && v.Accepted == v.Total {
		st = "已全部接收"
	}
	return roundSummary{ID: v.ID, Name: v.Name, URL: fmt.Sprintf("/rounds/%d", v.ID),
		Period: v.From.Format("2006-01-02") + " 至 " + v.To.Format("2006-01-02"), Due: v.Due.Format("2006-01-02"),
		Ledgers: strings.Join(names, "、"), State: st, Total: v.Total, Accepted: v.Accepted, Submitted: v.Submitted,
		NotReported: v.NotReported, Late: v.Late, Chase: v.Chase}
}

// roundSummaries are the open rounds for the dashboard.
func (s *Server) roundSummaries(r *http.Request) ([]roundSummary, error) {
	rs, err := s.app.Rounds(r.Context())
	if err != nil {
		if app.CodeOf(err) == app.Forbidden {
			return nil, nil
		}
		return nil, err
	}
	var out []roundSummary
	for _, v := range rs {
		if sm := summarize(v); sm.Accepted < sm.Total {
			out = append(out, sm)
		}
	}
	return out, nil
}

func (s *Server) rounds(w http.ResponseWriter, r *http.Request) {
	s.showRounds(w, r, http.StatusOK, roundForm{}, nil, "")
}

func (s *Server) showRounds(w http.ResponseWriter, r *http.Request, status int, f roundForm, picked map[string]bool, msg string) {
	rs, err := s.app.Rounds(r.Context())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	act := actorOf(r)
	data := roundsData{CanOpen: act.Role == app.RoleAdmin, Error: msg, Form: f}
	for _, v := range rs {
		data.Rounds = append(data.Rounds, summarize(v))
	}
	if data.CanOpen {
		for _, d := range ledger.All() {
			data.LedgerChoices = append(data.LedgerChoices, Option{Value: d.ID, Label: d.Name, Selected: picked["l:"+d.ID]})
		}
		tree, err := s.app.Units(r.Context())
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		for _, u := range tree.Units {
			if u.Parent != "" {
				data.UnitChoices = append(data.UnitChoices, Option{Value: u.Code, Label: u.Name, Selected: picked["u:"+u.Code]})
			}
		}
	}
	s.page(w, r, status, "rounds", "报送", "rounds", data)
}

func (s *Server) openRound(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f := roundForm{Name: r.PostFormValue("name"), From: r.PostFormValue("from"), To: r.PostFormValue("to"), Due: r.PostFormValue("due")}
	in := app.RoundInput{Name: f.Name, From: f.From, To: f.To, Due: f.Due, Ledgers: r.PostForm["ledger"], Units: r.PostForm["unit"]}
	id, err := s.app.OpenRound(r.Context(), in)
	if err != nil {
		if c := app.CodeOf(err); c == app.Invalid {
			picked := map[string]bool{}
			for _, l := range in.Ledgers {
				picked["l:"+l] = true
			}
			for _, u := range in.Units {
				picked["u:"+u] = true
			}
			s.showRounds(w, r, http.StatusBadRequest, f, picked, err.Error())
			return
		}
		s.failErr(w, r, err)
		return
	}
	s.flash(w, "已发起报送“"+f.Name+"”")
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", id), http.StatusSeeOther)
}

func (s *Server) round(w http.ResponseWriter, r *http.Request) {
	s.showRound(w, r, http.StatusOK, "")
}

func (s *Server) showRound(w http.ResponseWriter, r *http.Request, status int, msg string) {
	id, ok := s.roundID(w, r)
	if !ok {
		return
	}
	v, err := s.app.Round(r.Context(), id)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data := roundData{roundSummary: summarize(v), Error: msg}
	year := v.From.Year()
	for _, sv := range v.Submissions {
		row := subRow{SubmissionView: sv, ActionURL: fmt.Sprintf("/rounds/%d/units/%s", v.ID, urlPathEscape(sv.Unit))}
		row.SubmittedAt, row.ReviewedAt = shortTime(sv.SubmittedAt), shortTime(sv.ReviewedAt)
		for _, lid := range v.Ledgers {
			if d, ok := ledger.Get(lid); ok {
				row.Ledgers = append(row.Ledgers, roundLedger{Name: d.Name, URL: withQuery("/ledgers/"+d.ID, "unit", sv.Unit, "year", strconv.Itoa(year))})
			}
		}
		data.Submissions = append(data.Submissions, row)
	}
	s.page(w, r, status, "round", v.Name, "rounds", data)
}

// moveSubmission is 报送 (unit head), 接收 or 退回修改 (administrator).
func (s *Server) moveSubmission(w http.ResponseWriter, r *http.Request) {
	id, ok := s.roundID(w, r)
	if !ok {
		return
	}
	unit := r.PathValue("unit")
	var err error
	var done string
	switch r.FormValue("action") {
	case "submit":
		err, done = s.app.SubmitRound(r.Context(), id, unit), "已报送"
	case "accept":
		err, done = s.app.AcceptSubmission(r.Context(), id, unit), "已接收"
	case "return":
		err, done = s.app.ReturnSubmission(r.Context(), id, unit, r.FormValue("reason")), "已退回修改"
	default:
		s.fail(w, r, app.Invalid, "未知的操作", http.StatusBadRequest)
		return
	}
	if err != nil {
		if c := app.CodeOf(err); c == app.Invalid || c == app.Conflict {
			s.showRound(w, r, statusOf(c), err.Error())
			return
		}
		s.failErr(w, r, err)
		return
	}
	s.flash(w, done)
	http.Redirect(w, r, fmt.Sprintf("/rounds/%d", id), http.StatusSeeOther)
}

// roundID reads the round number of the path; anything but a positive
// whole number answers 400 saying so.
func (s *Server) roundID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, app.Invalid, fmt.Sprintf("报送轮次编号“%s”无效：应为正整数", raw), http.StatusBadRequest)
		return 0, false
	}
	return id, true
}
