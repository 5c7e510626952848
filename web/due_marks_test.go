package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"fazhi/app"
)

// TestDueMarks_PageAndFilter (issue 14): the list page marks the deadline
// states of the records it shows — computed for the page's records only,
// the same states as the ledger's whole evaluation (app.Due) gives them —
// the 期限 filter lists exactly the records in that state, and a record's
// page shows its own states.
func TestDueMarks_PageAndFilter(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	act, err := a.Login(context.Background(), "sifaju", app.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	ctx := app.WithActor(context.Background(), act)
	items, _, err := a.Due(ctx, "reconsideration", time.Time{}, 2022, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{} // key → states, in rule order
	byState := map[string]map[string]bool{}
	for _, it := range items {
		k := it.Key()
		want[k] = append(want[k], it.State.String())
		if byState[it.State.String()] == nil {
			byState[it.State.String()] = map[string]bool{}
		}
		byState[it.State.String()][k] = true
	}
	if len(byState["逾期"]) == 0 && len(byState["超期办结"]) == 0 {
		t.Fatalf("demo 2022: no late case to check with: %v", byState)
	}
	c := newClient(t, s)
	c.login("sifaju")
	row := regexp.MustCompile(`(?s)<tr>.*?</tr>`)
	link := regexp.MustCompile(`record\?key=([^"]+)"`)
	mark := regexp.MustCompile(`class="state-([^"]+)"`)
	checked := 0
	for page := 1; page <= 3; page++ {
		st, _, body := c.get(fmt.Sprintf("/ledgers/reconsideration?year=2022&page=%d", page))
		if st != 200 {
			t.Fatalf("list page %d: %d", page, st)
		}
		for _, tr := range row.FindAllString(body, -1) {
			m := link.FindStringSubmatch(tr)
			if m == nil {
				continue
			}
			key, _ := url.QueryUnescape(strings.ReplaceAll(m[1], "&amp;", "&"))
			var got []string
			for _, s := range mark.FindAllStringSubmatch(tr, -1) {
				got = append(got, s[1])
			}
			if strings.Join(got, ",") != strings.Join(want[key], ",") {
				t.Errorf("page %d, %s: marks %v, want %v", page, key, got, want[key])
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("only %d rows checked", checked)
	}
	for state, keys := range byState {
		st, _, body := c.get("/ledgers/reconsideration?year=2022&due=" + url.QueryEscape(state))
		total := regexp.MustCompile(`<b class="total">(\d+)</b>`).FindStringSubmatch(body)
		if st != 200 || total == nil || total[1] != fmt.Sprint(len(keys)) {
			t.Errorf("filter %s: status %d, total %v, want %d", state, st, total, len(keys))
		}
	}
	for key, states := range want {
		_, _, body := c.get("/ledgers/reconsideration/record?key=" + url.QueryEscape(key))
		var got []string
		for _, s := range mark.FindAllStringSubmatch(body, -1) {
			got = append(got, s[1])
		}
		if strings.Join(got, ",") != strings.Join(states, ",") {
			t.Errorf("record page %s: states %v, want %v", key, got, states)
		}
		break
	}
}
