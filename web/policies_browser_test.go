package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPolicies_Phone_Browser opens /policies without login on a phone-sized
// screen: the documents in force are listed, nothing overflows sideways,
// and the search narrows the list.
func TestPolicies_Phone_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile))
	b.open("/policies")
	if h := b.text("h1"); h != "现行有效的行政规范性文件" {
		t.Errorf("heading %q", h)
	}
	n := b.count("ol.policies li .ptitle")
	if n == 0 {
		t.Fatal("no document listed")
	}
	wide, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil || wide {
		t.Errorf("page wider than the phone: %v %v", wide, err)
	}
	first := b.text("ol.policies li .ptitle")
	word := string([]rune(first)[:4])
	b.fill(map[string]string{"q": word})
	b.click(`.policy-search button`)
	if m := b.count("ol.policies li .ptitle"); m == 0 || m > n || !strings.Contains(b.text("ol.policies"), word) {
		t.Errorf("search %q: %d of %d", word, m, n)
	}
	b.screenshot("policies-phone")
}
