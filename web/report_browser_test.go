package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReport_Browser edits the 2022 narrative: typing a wrong number where
// the figure 受理 48 stood is flagged inline (htmx, before saving), saving
// it is held back, and the corrected text saves as a new version whose diff
// is shown.
func TestReport_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("sifaju")
	b.open("/report?year=2022")
	if h := b.text("h1"); h != "2022年度法治政府建设情况报告" {
		t.Errorf("heading %q", h)
	}
	if l := b.text("#lint"); !strings.Contains(l, "未发现问题") {
		t.Errorf("seed narrative lint: %s", l)
	}
	if p := b.text(".preview"); !strings.Contains(p, "受理48起") {
		t.Errorf("preview lacks the figure: %.300s", p)
	}
	src := b.value(`textarea[name="source"]`)
	wrong := strings.Replace(src, "受理{{reconsideration.accepted}}起", "受理50起", 1)
	if wrong == src {
		t.Fatal("the seed narrative has no 受理 placeholder")
	}
	b.do(chromedp.SetValue(chromedp.CSS(`textarea[name="source"]`), wrong),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="source"]`), " "))
	waitFor(t, func() bool { return strings.Contains(b.textNow("#lint"), "50") })
	if l := b.text("#lint"); !strings.Contains(l, "48") {
		t.Errorf("lint finding does not name the indicator's value 48: %s", l)
	}
	b.screenshot("report")
	// Saving is held back while lint finds problems.
	b.click(`button[value="save"]`)
	if e := b.text("main .error"); !strings.Contains(e, "未保存") {
		t.Errorf("save with findings: %s", e)
	}
	// The corrected text saves as version 2, with its diff.
	fixed := strings.Replace(src, "审结{{reconsideration.concluded}}起。", "审结{{reconsideration.concluded}}起，办结率稳步提高。", 1)
	b.do(chromedp.SetValue(chromedp.CSS(`textarea[name="source"]`), fixed), chromedp.SetValue(chromedp.CSS(`input[name="note"]`), "补充办结情况"))
	b.click(`button[value="save"]`)
	if f := b.text(".flash"); !strings.Contains(f, "第2版") {
		t.Fatalf("after save: %q\n%s", f, b.text("main"))
	}
	b.click(`a[href*="diff=2"]`)
	if d := b.text("#diff"); !strings.Contains(d, "第2版相对第1版") {
		t.Errorf("diff: %s", d)
	}
	if d := b.text(".diff"); !strings.Contains(d, "办结率稳步提高") {
		t.Errorf("diff lines: %s", d)
	}
}
