package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"fazhi/excel"
)

//go:embed templates
var templateFS embed.FS

// Page is what every page template receives: the frame (user, navigation,
// demo mark) and the page's own data in Data.
type Page struct {
	Title    string
	District string
	Demo     bool
	User     *User     // nil on public pages
	Nav      []NavArea // ledgers the user may open, grouped by area
	Active   string    // ledger ID or section of the current page, for the navigation
	Flash    string    // a one-time notice (保存成功 …)
	Path     string    // the request path, for the login form's return address
	Data     any
}

// pageFiles lists the page templates; each is parsed with its layout once at
// start-up, so a template error stops the server from starting.
var pageFiles = map[string]string{
	"login":     "public",
	"policies":  "public",
	"error":     "layout",
	"dashboard": "layout",
	"list":      "layout",
	"record":    "layout",
	"form":      "layout",
	"import":    "layout",
	"rounds":    "layout",
	"round":     "layout",
	"report":    "layout",
	"password":  "layout",
	"figure":    "layout",
	"districts": "layout",
	"audit":     "layout",
}

func (s *Server) parseTemplates() error {
	s.tmpl = map[string]*template.Template{}
	funcs := template.FuncMap{
		"asset": s.assets.URL,
		"json": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
		"query": func(base string, kv ...any) string { return withQuery(base, kv...) },
		"add":   func(a, b int) int { return a + b },
		// importAccept and importKinds list the files the importer takes
		// (excel.Extensions) for the file input and its label.
		"importAccept": func() string { return strings.Join(excel.Extensions, ",") },
		"importKinds":  func() string { return strings.Join(excel.Extensions, "、") },
		"sub":          func(a, b int) int { return a - b },
	}
	for name, layout := range pageFiles {
		if _, err := fs.Stat(templateFS, "templates/"+name+".html"); err != nil {
			continue // a page of a later step
		}
		t, err := template.New(layout+".html").Funcs(funcs).ParseFS(templateFS,
			"templates/"+layout+".html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("web: template %s: %w", name, err)
		}
		s.tmpl[name] = t
	}
	return nil
}

// render writes page name with status, or a 500 if the template fails; the
// page is rendered to a buffer first so a template error never leaves half a
// page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	t, ok := s.tmpl[name]
	if !ok {
		s.log.Error("web: unknown template", "name", name)
		http.Error(w, "页面模板缺失", http.StatusInternalServerError)
		return
	}
	s.frame(r, p)
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.log.Error("web: template", "name", name, "err", err)
		http.Error(w, "页面生成出错", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// withQuery returns base with the query pairs kv (key, value, key, value …)
// set; an empty value removes the key.
func withQuery(base string, kv ...any) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		k := fmt.Sprint(kv[i])
		v := fmt.Sprint(kv[i+1])
		if v == "" || v == "0" && k == "page" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// logger is the server's log when none is given.
func logger(l *slog.Logger) *slog.Logger {
	if l != nil {
		return l
	}
	return slog.Default()
}

// trimAll trims every value of a form.
func trimAll(vals map[string][]string) map[string]string {
	out := map[string]string{}
	for k, v := range vals {
		if len(v) > 0 {
			out[k] = strings.TrimSpace(v[0])
		}
	}
	return out
}
