package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
	"fazhi/web"
)

func TestMain(m *testing.M) { testfix.Main(m) }

// demoDB returns a copy of the demo on SQLite for the test alone (the demo
// is loaded once per test binary: internal/testfix).
func demoDB(t testing.TB) string {
	t.Helper()
	return testfix.Demo(t, testdb.Engines()[0])
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
