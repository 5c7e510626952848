package web

import (
	"context"
	"net/http"

	"fazhi/app"
)

// New builds the web interface over the application layer: it parses every
// template and indexes the embedded files, failing if any template is broken.
func New(a *app.App, opts Options) (*Server, error) {
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if opts.MaxImportRows <= 0 {
		opts.MaxImportRows = DefaultMaxImportRows
	}
	s := &Server{app: a, opts: opts, log: logger(opts.Log),
		uploads: &uploads{m: map[string]*upload{}, dir: opts.UploadDir}}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", s.assets)
	mux.HandleFunc("GET /favicon.ico", s.favicon)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("GET /policies", s.policies)

	in := func(pattern string, h func(http.ResponseWriter, *http.Request)) {
		mux.Handle(pattern, s.authed(http.HandlerFunc(h)))
	}
	in("POST /logout", s.logout)
	in("GET /password", s.passwordPage)
	in("POST /password", s.changePassword)
	in("GET /{$}", s.dashboard)
	in("GET /figures/{id}", s.figure)
	in("GET /districts", s.districts)
	in("GET /ledgers/{ledger}", s.list)
	in("GET /ledgers/{ledger}/new", s.newForm)
	in("POST /ledgers/{ledger}/new", s.add)
	in("GET /ledgers/{ledger}/record", s.record)
	in("GET /ledgers/{ledger}/edit", s.editForm)
	in("POST /ledgers/{ledger}/edit", s.edit)
	in("POST /ledgers/{ledger}/delete", s.delete)
	in("POST /ledgers/{ledger}/restore", s.restore)
	in("GET /ledgers/{ledger}/import", s.importPage)
	in("POST /ledgers/{ledger}/import", s.importUpload)
	in("POST /ledgers/{ledger}/import/confirm", s.importConfirm)
	in("POST /ledgers/{ledger}/import/preview", s.importRepreview)
	in("GET /ledgers/{ledger}/import/errors", s.importErrors)
	in("GET /ledgers/{ledger}/template", s.template)
	in("GET /ledgers/{ledger}/export", s.export)
	in("GET /rounds", s.rounds)
	in("POST /rounds", s.openRound)
	in("GET /rounds/{id}", s.round)
	in("POST /rounds/{id}/units/{unit}", s.moveSubmission)
	in("GET /report", s.reportPage)
	in("POST /report/{year}", s.reportSave)
	in("POST /report/{year}/lint", s.reportLint)
	in("GET /report/{year}/download", s.reportDownload)
	in("GET /audit", s.auditPage)
	in("GET /audit/export", s.auditExport)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, app.CodeOf(nil), "页面不存在", http.StatusNotFound)
	})
	s.handler = s.withClient(s.secure(mux))
	return s, nil
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	u, _ := s.assets.URL("icon.svg")
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}

// ctxKey keys the request's user in its context.
type ctxKey struct{}

// authed lets a request through only with a live session: the account is
// looked up again on every request, so a disabled account is out at once.
// An anonymous visitor is sent to the login page and sees no record.
func (s *Server) authed(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		act, err := s.app.SessionActor(r.Context(), token(r))
		if err != nil {
			if app.CodeOf(err) == app.Internal {
				s.log.Error("web: session", "err", err)
			}
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "未登录或登录已过期，请重新登录", http.StatusUnauthorized)
			return
		}
		if act.MustChangePassword && r.URL.Path != "/password" && r.URL.Path != "/logout" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		if dq := r.URL.Query().Get("district"); dq != "" {
			// A reader of several districts names the one a record is in.
			in, err := act.In(dq)
			if err != nil {
				s.failErr(w, r.WithContext(app.WithActor(r.Context(), act)), err)
				return
			}
			act = in
		}
		ctx := app.WithActor(r.Context(), act)
		ctx = context.WithValue(ctx, ctxKey{}, s.userOf(r, act))
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// actorOf returns the request's actor (set by authed).
func actorOf(r *http.Request) app.Actor {
	a, _ := app.ActorFrom(r.Context())
	return a
}
