package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"fazhi/ledger"
)

var firstRecord = regexp.MustCompile(`<td[^>]*><a href="(/ledgers/[a-z_]+/record\?key=[^"]+)"`)

// crawlPages lists every generated page of every ledger of the demo: its
// list, its add form, its import page, the page and edit form of its first
// record.
func crawlPages(t testing.TB, c *client) []string {
	t.Helper()
	var pages []string
	for _, d := range ledger.All() {
		list := "/ledgers/" + d.ID
		pages = append(pages, list, list+"/new", list+"/import")
		st, _, body := c.get(list)
		if st != 200 {
			t.Fatalf("%s: %d", list, st)
		}
		m := firstRecord.FindStringSubmatch(body)
		if m == nil {
			t.Errorf("%s: no record in the list", list)
			continue
		}
		rec := html.UnescapeString(m[1])
		pages = append(pages, rec, strings.Replace(rec, "/record?", "/edit?", 1))
	}
	return pages
}

// TestCrawl_EveryLedgerPage_HTTP fetches every generated page of every
// ledger as 司法局管理员: each answers 200 with its heading, and lists and
// records show rows; template and export files come back as workbooks.
func TestCrawl_EveryLedgerPage_HTTP(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	for _, p := range crawlPages(t, c) {
		st, _, body := c.get(p)
		if st != http.StatusOK {
			t.Errorf("GET %s: %d\n%.500s", p, st, body)
			continue
		}
		if !strings.Contains(body, "<h1>") {
			t.Errorf("GET %s: no heading", p)
		}
		if (strings.Contains(p, "/record?") || !strings.Contains(p[len("/ledgers/"):], "/")) && !strings.Contains(body, "<td") {
			t.Errorf("GET %s: no rows", p)
		}
	}
	for _, d := range ledger.All() {
		for _, p := range []string{"/ledgers/" + d.ID + "/template", "/ledgers/" + d.ID + "/export?year=2022"} {
			resp, err := c.c.Get(c.base + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
				t.Errorf("GET %s: %d %s", p, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		}
	}
	for _, p := range []string{"/", "/rounds", "/figures/reconsideration.accepted?year=2022"} {
		if st, _, body := c.get(p); st != 200 {
			t.Errorf("GET %s: %d\n%.800s", p, st, body)
		}
	}
}
