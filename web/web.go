// Package web is the browser interface staff work in: server-rendered
// html/template pages on the standard library's ServeMux, every ledger's
// pages generated from its ledger.Definition, with htmx and ECharts vendored,
// embedded and served from content-hashed URLs (no CDN, no request leaves
// the machine). Pages work as plain links and forms; htmx only enhances.
//
// Every use case goes through the application layer, which decides what the
// acting user may see and do; the handlers only translate HTTP to its calls
// and its coded errors to statuses (invalid 400, unauthenticated 401,
// forbidden 403, not found 404, conflict 409).
//
// The pages are CSP- and CSRF-ready: no inline script, style or handler;
// htmx is told not to inject its style element; every state-changing request
// passes the standard library's cross-origin protection, and the session
// cookie is HttpOnly and SameSite=Lax.
package web

import (
	"fazhi/app"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
)

// Options configure a Server.
type Options struct {
	// District is shown in the top bar (偃师区).
	District string
	// Demo marks every page 演示数据 and lists the demo accounts on the
	// login page.
	Demo bool
	// DemoAccounts are shown on the login page of a demo database.
	DemoAccounts []DemoAccount
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto are believed (ParseTrustedProxies); none: the
	// peer's address is the client's.
	TrustedProxies []netip.Prefix
	Log            *slog.Logger
	// UploadDir keeps uploaded files between preview and import; "" is
	// the system's temporary folder.
	UploadDir string
	// MaxUploadBytes bounds one uploaded file (0: DefaultMaxUploadBytes);
	// MaxImportRows bounds the rows of an imported file (0:
	// DefaultMaxImportRows). The command line has no limits.
	MaxUploadBytes int64
	MaxImportRows  int
}

// DemoAccount is one account printed for a demo database.
type DemoAccount struct {
	Name, Password, Role, RoleName, UnitName string
}

// User is what the pages show of the logged-in account.
type User struct {
	Name     string // login name
	Display  string // name shown in the top bar
	Role     string // role ID: clerk, unit_head, admin, leader, sysadmin, secadmin, auditor
	RoleName string // 单位填报员 …
	UnitName string
	// What the navigation offers; the application layer still decides
	// every request.
	CanRounds, CanReport, CanRecords, CanWrite bool
	// CanEditReport: the account may save the report (app.MayEditReport).
	CanEditReport bool
	// CanDistricts: the account's scope covers several districts (a city
	// or province), so the district comparison is offered.
	CanDistricts bool
	CanAudit     bool // 审计员: the audit trail
}

// Server is the web interface. Create it with New; it is an http.Handler.
type Server struct {
	app     *app.App
	uploads *uploads
	opts    Options
	log     *slog.Logger
	assets  *assets
	tmpl    map[string]*template.Template
	handler http.Handler
}

// ServeHTTP serves the interface.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// frame fills the parts of a page every template shows.
func (s *Server) frame(r *http.Request, p *Page) {
	p.District = s.opts.District
	p.Demo = s.opts.Demo
	p.Path = r.URL.RequestURI()
}
