package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fazhi/app"
	"fazhi/web"
)

// The demo is loaded once per test binary into a SQLite file; each test
// gets its own copy, so tests that write do not see each other.
var (
	demoOnce sync.Once
	demoPath string
	demoErr  error
)

func demoDB(t testing.TB) string {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fazhi-web-test-")
		if err != nil {
			demoErr = err
			return
		}
		demoPath = filepath.Join(dir, "demo.db")
		ctx := context.Background()
		a, _, err := app.Open(ctx, demoPath, app.Create, app.Options{})
		if err != nil {
			demoErr = err
			return
		}
		defer a.Close()
		_, _, _, demoErr = a.LoadDemo(app.WithActor(ctx, app.LocalActor()), func(app.DemoFile) {})
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	dst := filepath.Join(t.TempDir(), "demo.db")
	for _, suf := range []string{"", "-wal"} {
		b, err := os.ReadFile(demoPath + suf)
		if err != nil {
			if suf != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suf, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// demoServer serves the web interface over a fresh copy of the demo.
func demoServer(t testing.TB) (*web.Server, *app.App) {
	t.Helper()
	ctx := context.Background()
	a, _, err := app.Open(ctx, demoDB(t), app.Existing, app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	opts := web.Options{District: "偃师区", Demo: true, UploadDir: t.TempDir()}
	for _, d := range app.DemoAccounts {
		opts.DemoAccounts = append(opts.DemoAccounts, web.DemoAccount{Name: d.Name, Password: d.Password, Role: string(d.Role), RoleName: d.Role.Label(), UnitName: d.Unit})
	}
	s, err := web.New(a, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, a
}

// client is a cookie-keeping HTTP client on a test server; it does not
// follow redirects, so tests see them.
type client struct {
	t    testing.TB
	base string
	c    *http.Client
}

func newClient(t testing.TB, h http.Handler) *client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: srv.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// get returns the status, Location and body of GET path.
func (c *client) get(path string) (int, string, string) {
	c.t.Helper()
	resp, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// post submits a form as the server's own page would (same origin).
func (c *client) post(path string, form url.Values) (int, string, string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// login logs in as a demo account.
func (c *client) login(name string) {
	c.t.Helper()
	st, loc, body := c.post("/login", url.Values{"name": {name}, "password": {app.DemoPassword}})
	if st != http.StatusSeeOther || loc != "/" {
		c.t.Fatalf("login %s: %d %s\n%s", name, st, loc, body)
	}
}
