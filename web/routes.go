package web

import (
	"net/http"
	"time"
)

// New builds the web interface: it parses every template and indexes the
// embedded files, failing if any template is broken.
func New(opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, log: logger(opts.Log)}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", s.assets)
	mux.HandleFunc("GET /login", s.loginPage)
	s.handler = secure(mux)
	return s, nil
}

// loginData is the login page's data.
type loginData struct {
	Name, Next, Error string
	Accounts          []DemoAccount
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", &Page{Title: "登录", Data: loginData{Next: r.URL.Query().Get("next"), Accounts: s.opts.DemoAccounts}})
}
