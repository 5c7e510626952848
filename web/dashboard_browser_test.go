package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// loginAs logs in through the login form.
func (b *tab) loginAs(name string) {
	b.t.Helper()
	b.open("/login")
	b.fill(map[string]string{"name": name, "password": "Fazhi@2022"})
	b.click(`.login button[type=submit]`)
	// Each role lands on its home: the dashboard, or the audit trail (审计员).
	if p := b.path(); p != "/" && !strings.HasPrefix(p, "/?") && p != "/audit" {
		b.t.Fatalf("after login as %s: at %s: %s", name, p, b.text("main"))
	}
}

// TestDashboard_Browser: 司法局管理员 sees the seed's 2022 figures with 2021
// beside them, the charts drawn (under the CSP), the deadline warnings, and
// clicking the figure 48 lists its 48 records.
func TestDashboard_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("sifaju")
	if h := b.text("h1"); h != "工作台 · 2022年度" {
		t.Errorf("heading %q", h)
	}
	if m := b.text(".demo-mark"); m != "演示数据" {
		t.Errorf("demo mark %q", m)
	}
	if n := b.count(".chart canvas"); n < 3 {
		t.Errorf("%d charts drawn", n)
	}
	if w := b.text("#warnings"); !strings.Contains(w, "逾期") || !strings.Contains(w, "临期") {
		t.Errorf("warnings: %.300s", w)
	}
	b.screenshot("dashboard")
	fig := `#fig-reconsideration\.accepted a.fig`
	if v := b.text(fig); v != "48" {
		t.Fatalf("受理 figure = %q, want 48", v)
	}
	if prev := b.text(`#fig-reconsideration\.accepted .prev`); !strings.HasPrefix(prev, "2021年：") {
		t.Errorf("last year's figure: %q", prev)
	}
	b.click(fig)
	b.do(chromedp.WaitVisible(chromedp.CSS(".figure-part")))
	if n := b.text(".figure-part .count"); n != "48" {
		t.Errorf("records behind 48: %s", n)
	}
	if n := b.count(".figure-part tbody tr"); n != 48 {
		t.Errorf("%d rows behind the figure 48", n)
	}
}
