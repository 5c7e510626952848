// Package browser starts Debian's headless chromium for tests of what a
// person clicks. They are slow, so they run only in CI or when asked
// (internal/testgate.Chromium: FAZHI_REQUIRE_CHROMIUM=1, where a missing
// chromium fails them, or FAZHI_BROWSER=1, where it skips them).
package browser

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fazhi/internal/testgate"
)

// New returns a chromedp context on a fresh headless chromium profile.
// Extra options (a window size) follow the defaults and override them.
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	return NewFor(t, time.Minute, extra...)
}

// NewFor is New with the whole session bounded by d instead of a minute
// (a crawl of every page).
func NewFor(t testing.TB, d time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	testgate.Chromium(t)
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		// This machine has no network: keep chromium from trying.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1600),
	)
	opts = append(opts, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, d)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}
