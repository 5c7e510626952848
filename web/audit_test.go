package web_test

import (
	"context"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/web"
)

// clockServer serves a fresh copy of the demo with a wall clock the test
// advances, and the given trusted proxies.
func clockServer(t *testing.T, proxies ...string) (*web.Server, *app.App, func(time.Duration)) {
	t.Helper()
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, app.ChinaTime)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	a, _, err := app.Open(context.Background(), demoDB(t), app.Existing, app.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var tp []netip.Prefix
	if len(proxies) > 0 {
		if tp, err = web.ParseTrustedProxies(strings.Join(proxies, ",")); err != nil {
			t.Fatal(err)
		}
	}
	s, err := web.New(a, web.Options{District: "偃师区", Demo: true, UploadDir: t.TempDir(), TrustedProxies: tp})
	if err != nil {
		t.Fatal(err)
	}
	return s, a, func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
}

func (c *client) loginAs(name, password string, header ...string) (int, string) {
	c.t.Helper()
	form := url.Values{"name": {name}, "password": {password}}
	req, _ := http.NewRequest(http.MethodPost, c.base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.base)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// errorText is the login page's error message.
func errorText(body string) string {
	i := strings.Index(body, `role="alert">`)
	if i < 0 {
		return ""
	}
	rest := body[i+len(`role="alert">`):]
	return rest[:strings.Index(rest, "<")]
}

// TestLogin_LockoutAndThrottle: five wrong passwords lock an account for
// 15 minutes, even against the right one; an unknown name gets the same
// answers, word for word; after 15 minutes of the app's clock the account
// logs in. Fifty failures from one address stop every login from it.
func TestLogin_LockoutAndThrottle(t *testing.T) {
	t.Parallel()
	s, a, advance := clockServer(t)
	c := newClient(t, s)
	var real, unknown []string
	for i := 1; i <= 5; i++ {
		st, body := c.loginAs("sifaju", "Wrong#pass1")
		real = append(real, errorText(body))
		st2, body2 := c.loginAs("nosuchuser", "Wrong#pass1")
		unknown = append(unknown, errorText(body2))
		want := http.StatusUnauthorized
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if st != want || st2 != want {
			t.Fatalf("failure %d: %d and %d, want %d", i, st, st2, want)
		}
	}
	for i := range real {
		if real[i] != unknown[i] {
			t.Errorf("failure %d tells an account exists: %q vs %q", i+1, real[i], unknown[i])
		}
	}
	if !strings.Contains(real[4], "锁定") {
		t.Errorf("the fifth failure should say the account is locked: %q", real[4])
	}
	if st, body := c.loginAs("sifaju", app.DemoPassword); st != http.StatusTooManyRequests || !strings.Contains(errorText(body), "已锁定") {
		t.Fatalf("a locked account logged in with the right password: %d %q", st, errorText(body))
	}
	advance(16 * time.Minute)
	if st, _ := c.loginAs("sifaju", app.DemoPassword); st != http.StatusSeeOther {
		t.Fatalf("after 15 minutes the account should log in: %d", st)
	}
	// The lockout lives in the database: another App over it sees it.
	for i := 0; i < 5; i++ {
		c.loginAs("lingdao", "Wrong#pass1")
	}
	if _, err := a.Login(context.Background(), "lingdao", app.DemoPassword); app.CodeOf(err) != app.TooMany {
		t.Fatalf("lockout not kept in the database: %v", err)
	}
	// The address throttle: 50 failures from 127.0.0.1 within 15 minutes
	// (5 since the clock moved on).
	for i := 0; i < 45; i++ {
		c.loginAs("guess"+string(rune('a'+i%26))+string(rune('a'+i/26)), "Wrong#pass1")
	}
	st, body := c.loginAs("minzheng", app.DemoPassword)
	if st != http.StatusTooManyRequests || !strings.Contains(errorText(body), "该地址") {
		t.Fatalf("the 51st attempt from one address should be refused: %d %q", st, errorText(body))
	}
	advance(16 * time.Minute)
	if st, _ := c.loginAs("minzheng", app.DemoPassword); st != http.StatusSeeOther {
		t.Fatalf("after 15 minutes the address may log in again: %d", st)
	}
}

// TestClientAddr_TrustedProxy: X-Forwarded-For is believed only from a
// trusted proxy, and then its rightmost address that is not a trusted
// proxy is the client's — as the audit trail records it.
func TestClientAddr_TrustedProxy(t *testing.T) {
	t.Parallel()
	lastLoginAddr := func(a *app.App) string {
		aud, err := a.Actor(context.Background(), "shenji")
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.AuditLog(app.WithActor(context.Background(), aud), app.AuditQuery{Action: "login", PageSize: 1})
		if err != nil || len(p.Entries) == 0 {
			t.Fatalf("no login entry: %v", err)
		}
		return p.Entries[0].Addr
	}
	xff := []string{"X-Forwarded-For", "203.0.113.9, 198.51.100.4, 10.0.0.2"}
	s, a, _ := clockServer(t)
	c := newClient(t, s)
	if st, _ := c.loginAs("sifaju", app.DemoPassword, xff...); st != http.StatusSeeOther {
		t.Fatal(st)
	}
	if got := lastLoginAddr(a); got != "127.0.0.1" {
		t.Errorf("without trusted proxies the header must be ignored: %s", got)
	}
	s, a, _ = clockServer(t, "127.0.0.1", "10.0.0.0/8")
	c = newClient(t, s)
	if st, _ := c.loginAs("sifaju", app.DemoPassword, xff...); st != http.StatusSeeOther {
		t.Fatal(st)
	}
	if got := lastLoginAddr(a); got != "198.51.100.4" {
		t.Errorf("behind trusted proxies the client is the rightmost untrusted hop: %s", got)
	}
}

// TestSession_PersistsAndExpires: a session outlives a restart of the web
// server (it is in the database) and ends after 30 minutes idle on the
// app's clock, and at logout.
func TestSession_PersistsAndExpires(t *testing.T) {
	t.Parallel()
	s, a, advance := clockServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	s2, err := web.New(a, web.Options{District: "偃师区"})
	if err != nil {
		t.Fatal(err)
	}
	c2 := newClient(t, s2)
	c2.c.Jar = c.c.Jar
	u, _ := url.Parse(c.base)
	u2, _ := url.Parse(c2.base)
	c2.c.Jar.SetCookies(u2, c.c.Jar.Cookies(u))
	if st, _, _ := c2.get("/ledgers/contract"); st != 200 {
		t.Fatalf("the session should survive a new server: %d", st)
	}
	advance(29 * time.Minute)
	if st, _, _ := c.get("/ledgers/contract"); st != 200 {
		t.Fatalf("29 minutes idle: %d", st)
	}
	advance(31 * time.Minute)
	if st, loc, _ := c.get("/ledgers/contract"); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Fatalf("31 minutes idle should end the session: %d %s", st, loc)
	}
	c.login("sifaju")
	c.post("/logout", nil)
	if st, _, _ := c.get("/ledgers/contract"); st != http.StatusSeeOther {
		t.Fatalf("after logout: %d", st)
	}
}

// TestAuditPage_AuditorOnly: the 审计员 sees the audit page in the
// navigation, filters it and downloads it as .xlsx; every other role is
// refused the page and does not see the link.
func TestAuditPage_AuditorOnly(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	admin := newClient(t, s)
	admin.login("sifaju")
	if _, _, body := admin.get("/ledgers/contract"); strings.Contains(body, `href="/audit"`) {
		t.Error("the admin's navigation links the audit page")
	}
	for _, p := range []string{"/audit", "/audit/export"} {
		if st, _, _ := admin.get(p); st != http.StatusForbidden {
			t.Errorf("admin GET %s: %d", p, st)
		}
	}
	bad := newClient(t, s)
	bad.loginAs("sifaju", "Wrong#pass1")
	aud := newClient(t, s)
	aud.login("shenji")
	st, _, body := aud.get("/audit")
	if st != 200 || !strings.Contains(body, `href="/audit"`) || !strings.Contains(body, "登录失败") || !strings.Contains(body, "导入") {
		t.Fatalf("auditor's audit page: %d\n%.500s", st, body)
	}
	st, _, body = aud.get("/audit?action=login.fail")
	if st != 200 || !strings.Contains(body, "账号 sifaju") || strings.Contains(body, "<td>导入</td>") {
		t.Errorf("filtered by action: %d", st)
	}
	if st, _, _ := aud.get("/audit?from=not-a-date"); st != http.StatusBadRequest {
		t.Errorf("a bad date: %d", st)
	}
	resp, err := aud.c.Get(aud.base + "/audit/export?action=login.fail")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") || len(b) < 1000 {
		t.Errorf("export: %d %s %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
	}
}
