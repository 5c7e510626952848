package web

import (
	"net/http"
	"strings"

	"fazhi/app"
)

// loginData is the login page's data.
type loginData struct {
	Name, Next, Error string
	Accounts          []DemoAccount
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, err := s.app.SessionActor(r.Context(), token(r)); err == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", &Page{Title: "登录", Data: loginData{Next: safeNext(r.URL.Query().Get("next")), Accounts: s.opts.DemoAccounts}})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	name, pw := strings.TrimSpace(r.FormValue("name")), r.FormValue("password")
	next := safeNext(r.FormValue("next"))
	act, err := s.app.Login(r.Context(), name, pw)
	if err != nil {
		st := statusOf(app.CodeOf(err))
		msg := err.Error()
		if st == http.StatusInternalServerError {
			s.log.Error("web: login", "err", err)
			msg = "系统内部错误，请稍后重试"
		}
		s.render(w, r, st, "login", &Page{Title: "登录", Data: loginData{Name: name, Next: next, Error: msg, Accounts: s.opts.DemoAccounts}})
		return
	}
	tok, err := s.app.StartSession(r.Context(), act)
	if err != nil {
		s.log.Error("web: session", "err", err)
		s.render(w, r, http.StatusInternalServerError, "login", &Page{Title: "登录", Data: loginData{Name: name, Next: next, Error: "系统内部错误，请稍后重试", Accounts: s.opts.DemoAccounts}})
		return
	}
	s.setSession(w, r, tok)
	if act.MustChangePassword {
		next = "/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps a return address on this server.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

// userOf describes an actor for the top bar.
func (s *Server) userOf(r *http.Request, act app.Actor) User {
	u := User{Name: act.Account, Display: act.Account, Role: string(act.Role), RoleName: act.Role.Label()}
	if tree, err := s.app.Units(app.WithActor(r.Context(), act)); err == nil && act.Unit != "" {
		u.UnitName = tree.Name(act.Unit)
	}
	switch act.Role {
	case app.RoleAdmin, app.RoleClerk, app.RoleUnitHead, app.RoleLeader:
		u.CanRounds = true
	}
	u.CanReport = act.Role == app.RoleAdmin || act.Role == app.RoleLeader
	u.CanRecords = act.Role == app.RoleAdmin || act.Role == app.RoleClerk || act.Role == app.RoleUnitHead || act.Role == app.RoleLeader
	actx := app.WithActor(r.Context(), act)
	u.CanWrite = s.app.MayWrite(actx) == nil
	u.CanEditReport = s.app.MayEditReport(actx) == nil
	if u.CanRecords {
		ds, err := s.app.ComparableDistricts(app.WithActor(r.Context(), act))
		u.CanDistricts = err == nil && len(ds) > 1
	}
	u.CanAudit = act.Role == app.RoleAuditor
	return u
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.app.Logout(r.Context(), token(r)); err != nil {
		s.log.Error("web: logout", "err", err)
	}
	s.clearSession(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

type passwordData struct {
	Must  bool
	Error string
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.page(w, r, http.StatusOK, "password", "修改密码", "", passwordData{Must: actorOf(r).MustChangePassword})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	act := actorOf(r)
	d := passwordData{Must: act.MustChangePassword}
	if r.FormValue("new") != r.FormValue("again") {
		d.Error = "两次输入的新密码不一致"
		s.page(w, r, http.StatusBadRequest, "password", "修改密码", "", d)
		return
	}
	if err := s.app.SetPassword(r.Context(), act.Account, r.FormValue("old"), r.FormValue("new")); err != nil {
		d.Error = err.Error()
		s.page(w, r, statusOf(app.CodeOf(err)), "password", "修改密码", "", d)
		return
	}
	s.flash(w, "密码已修改")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// user returns the request's user view.
func userOf(r *http.Request) User {
	u, _ := r.Context().Value(ctxKey{}).(User)
	return u
}

// page renders a page of the logged-in frame.
func (s *Server) page(w http.ResponseWriter, r *http.Request, status int, name, title, active string, data any) {
	u := userOf(r)
	s.render(w, r, status, name, &Page{Title: title, User: &u, Nav: s.nav(r), Active: active, Flash: s.takeFlash(w, r), Data: data})
}

// nav lists the ledgers the user may open: every ledger for a role that
// reads records, none for the three administrators.
func (s *Server) nav(r *http.Request) []NavArea {
	u := userOf(r)
	return navAreas(func(string) bool { return u.CanRecords })
}
