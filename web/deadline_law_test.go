package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestRecordPage_CitesTheLawThatApplies: a 2022 reconsideration case is
// counted under the 2017 复议法 (the revised law applies from 2024-01-01),
// and its record page cites that law, not the one in force today.
func TestRecordPage_CitesTheLawThatApplies(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	st, _, body := c.get("/ledgers/reconsideration/record?key=" + url.QueryEscape("偃政复〔2022〕35号"))
	if st != 200 {
		t.Fatalf("record page: %d", st)
	}
	if !strings.Contains(body, "行政复议法》（2017年修正）") || strings.Contains(body, "行政复议法》（2023年修订）") {
		i := strings.Index(body, "期限")
		t.Errorf("the 2022 case's deadlines do not cite the 2017 law:\n%.2000s", body[max(0, i):])
	}
}
