package web_test

import (
	"context"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"fazhi/app"
	"fazhi/ledger"
)

// The payloads: a script element, an attribute break-out with an image
// whose error handler runs script, and a javascript: link. Each sets
// window.__xss if it ever runs (the CSP would block inline script too, so
// the test also checks the DOM: no element made from the payload).
const (
	xssScript = `<script>window.__xss=1;alert(1)</script>`
	xssImg    = `"><img src=x id=xssimg onerror="window.__xss=2;alert(2)">`
	xssLink   = `javascript:window.__xss=3;alert(3)`
)

// TestXSS_EveryTextField_Browser: a record whose every text field holds an
// XSS payload, and a report narrative holding them, are shown escaped —
// the payload's text appears literally, no element is made from it, no
// script runs, no dialog opens — on the list, the record, the list search,
// the figure drill-down, the dashboard and the report page.
func TestXSS_EveryTextField_Browser(t *testing.T) {
	s, a := demoServer(t)
	b := startTab(t, s)
	var dialogs atomic.Int32
	if err := chromedp.Listen(b.ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			// Counted; a dialog left open also blocks the next step, which
			// then fails the test by its deadline.
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatal(err)
	}
	admin, err := a.Actor(context.Background(), "sifaju")
	if err != nil {
		t.Fatal(err)
	}
	ctx := app.WithActor(context.Background(), admin)
	d, err := app.Ledger("contract")
	if err != nil {
		t.Fatal(err)
	}
	key := "XSS-1" + xssImg
	values := map[string]string{"submitted_on": "2022-12-20", "opinion": "同意", "opinion_on": "2022-12-26"}
	payloads := []string{xssScript, xssImg, xssLink}
	n := 0
	for _, f := range d.Fields {
		if f.Type != ledger.Text || f.Derived || f.Check != nil {
			continue
		}
		values[f.Name] = "XSS" + payloads[n%len(payloads)]
		n++
	}
	values["contract_no"] = key
	values["title"] = "XSS合同" + xssScript + xssImg
	if n < 3 {
		t.Fatalf("the contract ledger has %d free text fields", n)
	}
	if _, err := a.AddRecord(ctx, "contract", values); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.SaveReport(ctx, 2022, mustReportText(t, a, ctx)+"\n\n测试段落"+xssScript+xssImg+" "+xssLink+"\n", "xss"); err != nil {
		t.Fatal(err)
	}
	b.loginAs("sifaju")
	check := func(path string, literal ...string) {
		t.Helper()
		b.open(path)
		body := b.text("body")
		for _, l := range literal {
			if !strings.Contains(body, l) {
				t.Errorf("%s: the payload %q is not shown literally", path, l)
			}
		}
		if n := b.count(`#xssimg, img[src="x"], a[href^="javascript:"], [onerror]`); n != 0 {
			t.Errorf("%s: %d elements made from a payload", path, n)
		}
		scripts, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`[...document.scripts].filter(s => s.textContent.includes("__xss")).length`))
		if err != nil || scripts != 0 {
			t.Errorf("%s: %d script elements from a payload (%v)", path, scripts, err)
		}
		ran, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__xss !== undefined`))
		if err != nil || ran {
			t.Errorf("%s: a payload ran (%v)", path, err)
		}
	}
	check("/ledgers/contract?year=2022", "XSS合同"+xssScript)
	check("/ledgers/contract?text=XSS", "XSS合同"+xssScript, "XSS-1"+xssImg)
	check("/ledgers/contract/record?key="+url.QueryEscape(key), "XSS合同"+xssScript+xssImg, "XSS"+xssLink)
	check("/figures/contract.reviewed?year=2022")
	check("/")
	check("/report?year=2022", "测试段落")
	if dialogs.Load() != 0 {
		t.Errorf("%d dialogs opened", dialogs.Load())
	}
}

func mustReportText(t *testing.T, a *app.App, ctx context.Context) string {
	t.Helper()
	v, ok, err := a.ReportText(ctx, 2022, 0)
	if err != nil || !ok {
		t.Fatalf("demo report text: %v", err)
	}
	return v.Source
}
