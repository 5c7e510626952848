package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestWatcher_CatchesForeignRequestsAndCSPViolations proves the browser
// tests' guard works: a page with an inline script (refused by the CSP the
// server sends) and an image on another host is reported on both counts.
func TestWatcher_CatchesForeignRequestsAndCSPViolations(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src *")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><title>x</title><h1>x</h1><script>document.title="ran"</script><img src="http://192.0.2.1:9/x.png">`))
	})
	b := startTab(t, h)
	b.open("/")
	deadline := time.Now().Add(5 * time.Second)
	for len(b.w.Errors()) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if f := b.w.Foreign(); len(f) != 1 || !strings.Contains(f[0], "192.0.2.1") {
		t.Errorf("foreign requests = %v", f)
	}
	if e := strings.Join(b.w.Errors(), "\n"); !strings.Contains(e, "Content Security Policy") {
		t.Errorf("console errors = %q, want the CSP violation", e)
	}
	b.w.Forget()
}
