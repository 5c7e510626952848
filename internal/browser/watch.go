package browser

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Watcher records every request a page makes, every response status and
// every console error, exception and browser-log error (a CSP violation, a
// failed load).
type Watcher struct {
	host string
	mu   sync.Mutex
	reqs []string
	errs []string
	// status of the last response per URL
	status map[string]int64
}

// Watch starts recording on the tab of ctx. When the test ends it fails the
// test on any request to a host other than host (host:port of the server
// under test; data: and blob: URLs stay on the machine) and on any console
// error seen.
func Watch(t testing.TB, ctx context.Context, host string) *Watcher {
	t.Helper()
	w := &Watcher{host: host, status: map[string]int64{}}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			w.reqs = append(w.reqs, e.Request.Method+" "+e.Request.URL)
		case *network.EventResponseReceived:
			w.status[e.Response.URL] = e.Response.Status
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				w.errs = append(w.errs, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			w.errs = append(w.errs, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber, msg))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				w.errs = append(w.errs, fmt.Sprintf("browser log (%s) %s: %s", e.Entry.Source, e.Entry.URL, e.Entry.Text))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, r := range w.Foreign() {
			t.Errorf("request to another host: %s", r)
		}
		for _, e := range w.Errors() {
			t.Errorf("browser error: %s", e)
		}
	})
	return w
}

// Requests returns every request seen so far, as "METHOD URL".
func (w *Watcher) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.reqs...)
}

// Foreign returns the requests that went anywhere but the server under test.
func (w *Watcher) Foreign() []string {
	var out []string
	for _, r := range w.Requests() {
		_, raw, _ := strings.Cut(r, " ")
		u, err := url.Parse(raw)
		if err != nil {
			out = append(out, r)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Host != w.host {
			out = append(out, r)
		}
	}
	return out
}

// Errors returns the console errors seen so far.
func (w *Watcher) Errors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.errs...)
}

// TakeErrors returns the console errors seen so far and forgets them (a
// crawl reports each page's errors against that page).
func (w *Watcher) TakeErrors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.errs
	w.errs = nil
	return out
}

// Status returns the HTTP status of the last response for u (0 if none).
func (w *Watcher) Status(u string) int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.status[u]
}

// Forget clears what was recorded (a test that provoked errors on purpose
// and checked them).
func (w *Watcher) Forget() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.reqs, w.errs = nil, nil
}
