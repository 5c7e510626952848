package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"fazhi/app"
)

// TestAccess_ByURL: what a role may not do is refused whatever URL it
// types — decided by the application layer, mapped to HTTP statuses.
func TestAccess_ByURL(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	clerk := newClient(t, s)
	clerk.login("minzheng")
	other := url.QueryEscape("偃师区人力资源和社会保障局")
	for _, p := range []string{
		"/ledgers/reconsideration?unit=" + other,
		"/ledgers/reconsideration/export?unit=" + other,
		"/figures/reconsideration.received?year=2022&unit=" + other,
		"/ledgers/reconsideration/record?key=" + url.QueryEscape("偃政复〔2022〕38号"),
		"/report?year=2022",
	} {
		if st, _, body := clerk.get(p); st != http.StatusForbidden {
			t.Errorf("clerk GET %s: %d\n%.300s", p, st, body)
		}
	}
	head := newClient(t, s)
	head.login("minzheng-head")
	if st, _, _ := head.post("/ledgers/contract/new", url.Values{"contract_no": {"X-1"}, "title": {"x"}, "submitted_on": {"2022-01-05"}}); st != http.StatusForbidden {
		t.Errorf("unit head adds a record: %d", st)
	}
	leader := newClient(t, s)
	leader.login("lingdao")
	if st, _, body := leader.get("/report?year=2022"); st != 200 || !strings.Contains(body, "受理48起") {
		t.Errorf("leader reads the report: %d", st)
	}
	if st, _, _ := leader.post("/report/2022", url.Values{"source": {"x"}, "action": {"save"}, "force": {"1"}}); st != http.StatusBadRequest && st != http.StatusForbidden {
		t.Errorf("leader saves the report: %d", st)
	}
	audit := newClient(t, s)
	audit.login("shenji")
	if st, _, _ := audit.get("/ledgers/contract"); st != http.StatusForbidden {
		t.Errorf("auditor lists records: %d", st)
	}
}

// TestReportDownloads: the report comes as DOCX, HTML and Markdown.
func TestReportDownloads(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	for format, want := range map[string]string{"docx": "wordprocessingml", "html": "text/html", "md": "text/markdown"} {
		resp, err := c.c.Get(c.base + "/report/2022/download?format=" + format)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), want) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %s %s", format, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
		}
	}
}

// TestFirstLogin_PasswordChange: an account whose password an
// administrator set must change it before any page.
func TestFirstLogin_PasswordChange(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	ctx := app.WithActor(context.Background(), app.LocalActor())
	if _, err := a.AddUser(ctx, app.NewAccount{Name: "caizheng", Role: app.RoleClerk, Unit: "偃师区财政局", Password: "Init#2022x"}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s)
	st, loc, _ := c.post("/login", url.Values{"name": {"caizheng"}, "password": {"Init#2022x"}})
	if st != http.StatusSeeOther || loc != "/password" {
		t.Fatalf("first login: %d %s", st, loc)
	}
	if st, loc, _ := c.get("/ledgers/contract"); st != http.StatusSeeOther || loc != "/password" {
		t.Errorf("before the change: %d %s", st, loc)
	}
	if st, _, body := c.post("/password", url.Values{"old": {"Init#2022x"}, "new": {"short"}, "again": {"short"}}); st != http.StatusBadRequest || !strings.Contains(body, "密码至少8位") {
		t.Errorf("weak password: %d", st)
	}
	if st, loc, _ := c.post("/password", url.Values{"old": {"Init#2022x"}, "new": {"Lvyin#2023x"}, "again": {"Lvyin#2023x"}}); st != http.StatusSeeOther || loc != "/" {
		t.Fatalf("change: %d %s", st, loc)
	}
	if st, _, _ := c.get("/ledgers/contract"); st != 200 {
		t.Errorf("after the change: %d", st)
	}
	if st, _, body := c.post("/login", url.Values{"name": {"caizheng"}, "password": {"wrong"}}); st != http.StatusUnauthorized || !strings.Contains(body, "账号或密码不正确") {
		t.Errorf("wrong password: %d", st)
	}
}

// TestReportDownload_DraftOnlyWhenAsked: a narrative whose lint finds
// problems is not downloaded as a report; the page's links then ask for
// the draft, which carries its mark.
func TestReportDownload_DraftOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	ctx := app.WithActor(context.Background(), app.LocalActor())
	v, _, err := a.ReportText(ctx, 2022, 0)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(v.Source, "{{reconsideration.accepted}}", "47", 1)
	if text == v.Source {
		t.Fatal("the demo narrative has no {{reconsideration.accepted}}")
	}
	if _, _, err := a.SaveReport(ctx, 2022, text, "手工改数"); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s)
	c.login("sifaju")
	if st, _, body := c.get("/report/2022/download?format=md"); st != http.StatusBadRequest || !strings.Contains(body, "未生成") {
		t.Errorf("download with findings: %d", st)
	}
	_, _, page := c.get("/report?year=2022")
	if !regexp.MustCompile(`/report/2022/download\?[^"]*force=1`).MatchString(page) {
		t.Errorf("the report page does not link the draft:\n%s", page[strings.Index(page, "toolbar"):][:600])
	}
	if st, _, body := c.get("/report/2022/download?format=md&force=1"); st != http.StatusOK || !strings.Contains(body, "草稿：检查未通过") {
		t.Errorf("draft download: %d", st)
	}
}
