package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fazhi/internal/browser"
	"fazhi/internal/testgate"
)

// tab is one headless chromium tab on a server the test started on a free
// loopback port. Every request the tab makes is recorded; the test fails on
// a request to any other host and on any console error.
type tab struct {
	t    testing.TB
	ctx  context.Context
	base string
	w    *browser.Watcher
}

// startTab serves h on a free loopback port and opens a 1366×768 tab on it.
//
// The browser tests take minutes, so `go test ./...` skips them; they run
// in CI (.ci/run sets FAZHI_REQUIRE_CHROMIUM=1) or with FAZHI_BROWSER=1.
func startTab(t testing.TB, h http.Handler) *tab {
	t.Helper()
	testgate.Chromium(t)
	if os.Getenv("FAZHI_TEST_PG") != "" && os.Getenv("FAZHI_BROWSER") != "1" {
		// The pages read a SQLite copy of the demo whatever the engine
		// under test; CI ran them in its SQLite pass already.
		t.Skip("browser test: already run in the SQLite pass")
	}
	ctx := browser.NewFor(t, browserBudget, chromedp.WindowSize(1366, 768))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return &tab{t: t, ctx: ctx, base: srv.URL, w: browser.Watch(t, ctx, u.Host)}
}

// open navigates to path and fails unless the page answered 200.
func (b *tab) open(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+path)); err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	b.wantStatus(200)
}

// wantStatus checks the status of the page now shown.
func (b *tab) wantStatus(code int64) {
	b.t.Helper()
	loc := b.location()
	if st := b.w.Status(loc); st != code {
		b.t.Fatalf("%s: status %d, want %d", loc, st, code)
	}
}

func (b *tab) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return loc
}

// path is the location without the server's address.
func (b *tab) path() string { return strings.TrimPrefix(b.location(), b.base) }

// text returns the text of the first element matching css.
func (b *tab) text(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("text %s at %s: %v", css, b.path(), err)
	}
	return strings.TrimSpace(s)
}

// textNow returns the text of the first element matching css as the page
// is at this instant ("" when none matches), for polling a page that htmx
// is changing: b.text waits for a node that a swap may replace between
// finding it and reading it ("No node with given id found").
func (b *tab) textNow(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector(`+jsString(css)+`) || {}).textContent || ""`))
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimSpace(s)
}

// count returns how many elements match css.
func (b *tab) count(css string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(css)+`).length`))
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

// do runs actions, failing the test on error.
func (b *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("at %s: %v", b.path(), err)
	}
}

// fill sets form fields by name and submits the form of the last one by
// clicking sel.
func (b *tab) fill(fields map[string]string) {
	b.t.Helper()
	for name, v := range fields {
		sel := chromedp.CSS(`[name="` + name + `"]`)
		b.do(chromedp.SetValue(sel, v))
	}
}

// click clicks css and waits until the page it leads to has loaded.
func (b *tab) click(css string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`window.__stay = true`))
	b.do(chromedp.Click(chromedp.CSS(css)))
	b.waitNewPage()
}

// waitNewPage waits until the page was replaced and has loaded.
func (b *tab) waitNewPage() {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!window.__stay && document.readyState === "complete"`))
		if err == nil && v {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("no new page after the click (at %s)", b.path())
}

// screenshot saves the whole page as docs/screenshots/name.jpg when
// FAZHI_SCREENSHOTS names a folder (the committed ones were made with
// FAZHI_SCREENSHOTS=docs/screenshots).
func (b *tab) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("FAZHI_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // tests run in web/
	}
	img, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(85))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".jpg"), img, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "$", `\$`)
	return "`" + r.Replace(s) + "`"
}

// browserBudget bounds one browser test.
const browserBudget = 5 * time.Minute

// value returns the value of the form control matching css.
func (b *tab) value(css string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// waitFor polls cond for up to ten seconds.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("condition not met within 10s")
}

// expectStatusErrors forgets the console's "failed to load" lines of pages
// the test opened knowing they answer 4xx (a refused URL, a form with
// errors); every other console error still fails the test.
func (b *tab) expectStatusErrors() {
	b.t.Helper()
	for _, e := range b.w.TakeErrors() {
		if !strings.Contains(e, "Failed to load resource: the server responded with a status of 4") {
			b.t.Errorf("browser error: %s", e)
		}
	}
}
