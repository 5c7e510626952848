package web_test

import (
	"testing"

	"fazhi/web"
)

// TestLoginPage_Browser opens the login page in chromium: the page and its
// embedded files load from the server alone, with no console error under the
// CSP that allows nothing inline, and a demo database marks itself.
func TestLoginPage_Browser(t *testing.T) {
	s, err := web.New(web.Options{District: "偃师区", Demo: true,
		DemoAccounts: []web.DemoAccount{{Name: "admin", Password: "demo", RoleName: "司法局管理员", UnitName: "偃师区司法局"}}})
	if err != nil {
		t.Fatal(err)
	}
	b := startTab(t, s)
	b.open("/login")
	if h := b.text("h1"); h != "登录" {
		t.Errorf("heading %q", h)
	}
	if m := b.text(".demo-mark"); m != "演示数据" {
		t.Errorf("demo mark %q", m)
	}
	if n := b.count(".demo-accounts tbody tr"); n != 1 {
		t.Errorf("%d demo accounts shown", n)
	}
	if len(b.w.Requests()) < 3 {
		t.Errorf("requests: %v", b.w.Requests())
	}
	b.screenshot("login")
}
