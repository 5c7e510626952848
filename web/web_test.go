package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"fazhi/ledger"
)

// TestAnonymous_OnlyPoliciesAndLogin: /policies is served without login;
// every other page redirects an anonymous visitor to the login page and
// shows no record; a state-changing request without a session is refused.
func TestAnonymous_OnlyPoliciesAndLogin(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	st, _, body := c.get("/policies")
	if st != 200 || !strings.Contains(body, "现行有效的行政规范性文件") || !strings.Contains(body, "〕") {
		t.Fatalf("/policies: %d\n%.400s", st, body)
	}
	paths := []string{"/", "/rounds", "/figures/reconsideration.accepted?year=2022"}
	for _, d := range ledger.All() {
		paths = append(paths, "/ledgers/"+d.ID, "/ledgers/"+d.ID+"/new", "/ledgers/"+d.ID+"/import",
			"/ledgers/"+d.ID+"/export", "/ledgers/"+d.ID+"/template", "/ledgers/"+d.ID+"/record?key=x")
	}
	for _, p := range paths {
		st, loc, body := c.get(p)
		if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=") {
			t.Errorf("GET %s anonymous: %d %q", p, st, loc)
		}
		if strings.Contains(body, "〕") || strings.Contains(body, "<table") {
			t.Errorf("GET %s anonymous shows data:\n%.300s", p, body)
		}
	}
	if st, _, _ := c.post("/ledgers/contract/new", url.Values{"contract_no": {"X"}}); st != http.StatusUnauthorized {
		t.Errorf("anonymous POST: %d", st)
	}
}

// TestCrossOrigin_Refused: a form posted from another site is refused
// before it reaches a handler.
func TestCrossOrigin_Refused(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	req, _ := http.NewRequest(http.MethodPost, c.base+"/ledgers/contract/delete?key=x", strings.NewReader("reason=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", resp.StatusCode)
	}
}
