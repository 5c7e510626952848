package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCrawl_Browser visits every generated page of every ledger as
// 司法局管理员 in chromium — list, add form, import page, a record's page
// and its edit form — plus the dashboard, a figure's records, 报送 and the
// report, and fails on a status other than 200, a console error, or a page
// without its heading (and, for lists and records, its rows).
func TestCrawl_Browser(t *testing.T) {
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	pages := append(crawlPages(t, c), "/", "/figures/reconsideration.accepted?year=2022", "/rounds", "/report?year=2022", "/policies")
	b := startTab(t, s)
	b.loginAs("sifaju")
	start := time.Now()
	for _, p := range pages {
		if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+p)); err != nil {
			t.Fatalf("open %s: %v", p, err)
		}
		if st := b.w.Status(b.location()); st != 200 {
			t.Errorf("%s: status %d", p, st)
		}
		if h := b.text("h1"); h == "" {
			t.Errorf("%s: empty heading", p)
		}
		rows := strings.Contains(p, "/record?") || strings.HasPrefix(p, "/figures/") ||
			strings.HasPrefix(p, "/ledgers/") && strings.Count(p, "/") == 2 && !strings.Contains(p, "?")
		if rows && b.count("table tbody tr td") == 0 {
			t.Errorf("%s: no rows", p)
		}
		for _, e := range b.w.TakeErrors() {
			t.Errorf("%s: browser error: %s", p, e)
		}
	}
	t.Logf("crawled %d pages in %.1fs", len(pages), time.Since(start).Seconds())
}
