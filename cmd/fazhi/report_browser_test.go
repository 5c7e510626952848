package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"fazhi/internal/browser"
	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
)

// TestReportHTML_FigureOpensItsRecords opens the demo's 2022 report in
// chromium, clicks the figure 51 (收到行政复议申请) and expects to land on
// the list of the 51 records behind it.
func TestReportHTML_FigureOpensItsRecords(t *testing.T) {
	t.Parallel()
	testgate.Chromium(t)
	dsn := sharedDemo(t, testdb.Engines()[0])
	page := filepath.Join(t.TempDir(), "report.html")
	mustFazhi(t, dsn, "report", "--year", "2022", "-o", page, "--compare", "2021")
	ctx := browser.New(t)

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	fig := chromedp.CSS(`a.fig[href="#ind-reconsideration.received"]`)
	text, err := chromedp.Run(ctx, chromedp.Text(fig))
	if err != nil {
		t.Fatal(err)
	}
	if text != "51" {
		t.Fatalf("figure text = %q, want 51", text)
	}
	if err := chromedp.Do(ctx, chromedp.Click(fig)); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "#ind-reconsideration.received") {
		t.Errorf("location after click = %s", loc)
	}
	section, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`section:target`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(section, "收到行政复议申请：51起") || !strings.Contains(section, "51 条记录") || !strings.Contains(section, "偃政复〔2022〕1号") {
		t.Errorf("target section:\n%s", section[:min(len(section), 400)])
	}
	// The year comparison is on the page too.
	cmp, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#compare`)))
	if err != nil || !strings.Contains(cmp, "主要指标与2021年对比") {
		t.Errorf("comparison table: %v %q", err, cmp)
	}
	if dir := os.Getenv("FAZHI_SCREENSHOTS"); dir != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err == nil {
			if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
				os.WriteFile(filepath.Join(dir, "report-html.jpg"), png, 0o644)
			}
		}
	}
}
