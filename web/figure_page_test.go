package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/indicator"
)

// TestFigurePage_Pages (issue 14): a figure's page lists 200 records of
// each part a page, says how many there are in all, and its pages together
// list every record once.
func TestFigurePage_Pages(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	ctx := app.WithActor(context.Background(), app.LocalActor())
	id, total := "", 0
	for _, ind := range indicator.All() {
		if ind.Agg != indicator.Count {
			continue
		}
		_, parts, err := a.ExplainPage(ctx, ind.ID, 2022, "", false, 1, 1)
		if err == nil && len(parts) == 1 && parts[0].Total > 200 && parts[0].Total <= 1000 {
			id, total = ind.ID, parts[0].Total
			break
		}
	}
	if id == "" {
		t.Fatal("the demo has no count figure of 200–1,000 records in 2022")
	}
	t.Logf("%s: %d records in 2022", id, total)
	c := newClient(t, s)
	c.login("sifaju")
	link := regexp.MustCompile(`<td><a href="(/ledgers/[^"]+)">`)
	seen := map[string]bool{}
	pages := (total + 199) / 200
	for p := 1; p <= pages; p++ {
		st, _, body := c.get(fmt.Sprintf("/figures/%s?year=2022&page=%d", id, p))
		if st != 200 {
			t.Fatalf("%s page %d: %d", id, p, st)
		}
		if !strings.Contains(body, fmt.Sprintf(`<span class="count">%d</span>`, total)) {
			t.Errorf("%s page %d does not say %d records in all", id, p, total)
		}
		rows := link.FindAllStringSubmatch(body, -1)
		want := min(200, total-(p-1)*200)
		if len(rows) != want {
			t.Errorf("%s page %d: %d rows, want %d", id, p, len(rows), want)
		}
		for _, m := range rows {
			if seen[m[1]] {
				t.Errorf("%s: %s listed twice", id, m[1])
			}
			seen[m[1]] = true
		}
	}
	if len(seen) != total {
		t.Errorf("%s: the pages list %d records of %d", id, len(seen), total)
	}
}
