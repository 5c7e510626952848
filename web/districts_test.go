package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fazhi/app"
)

// TestDistricts_ComparisonPage (issue 9): an account of the city (洛阳市,
// above 偃师区 and 西工区) finds 区县比较 in the navigation; the page
// compares the districts on each indicator, with a chart; an account of
// one district is offered no such page and is refused the city's.
func TestDistricts_ComparisonPage(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	local := app.WithActor(context.Background(), app.LocalActor())
	p := filepath.Join(t.TempDir(), "units.csv")
	os.WriteFile(p, []byte("单位编码,单位名称,简称,上级单位,单位类型,行政区划代码\n4103,洛阳市人民政府,市政府,,政府,410300\n410303200,洛阳市西工区人民政府,区政府,,政府,410303\n410303207,西工区司法局,区司法局,410303200,政府部门,410303\n"), 0o644)
	if _, _, _, err := a.ImportUnits(local, p); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddUser(local, app.NewAccount{Name: "shi", Role: app.RoleLeader, Unit: "4103", Password: app.DemoPassword, NoPasswordChange: true}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, s)
	c.login("shi")
	st, _, body := c.get("/")
	if st != http.StatusOK || !strings.Contains(body, `href="/districts"`) {
		t.Fatalf("city account's navigation has no 区县比较 (%d)", st)
	}
	st, _, body = c.get("/districts?year=2022")
	if st != http.StatusOK {
		t.Fatalf("/districts: %d\n%s", st, body)
	}
	for _, w := range []string{"偃师区（410307）", "西工区（410303）", "收到行政复议申请", `data-chart=`, "echarts"} {
		if !strings.Contains(body, w) {
			t.Errorf("/districts lacks %q", w)
		}
	}
	// The city's reader opens a district's record from the list, and the
	// link names the record's district (trial: every such link was 404).
	_, _, list := c.get("/ledgers/reconsideration?year=2022")
	m := regexp.MustCompile(`href="(/ledgers/reconsideration/record\?key=[^"]+)"`).FindStringSubmatch(list)
	if m == nil {
		t.Fatal("the city's list of 行政复议案件 links no record")
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	if !strings.Contains(link, "district=410307") {
		t.Errorf("record link %s names no district", link)
	}
	if st, _, body := c.get(link); st != http.StatusOK || !strings.Contains(body, "偃政复") {
		t.Errorf("the city's reader on %s: %d", link, st)
	}
	if st, _, _ := c.get("/ledgers/reconsideration?year=2022&district=410301"); st != http.StatusOK {
		t.Errorf("a district of the city as district=: %d", st)
	}
	// The public catalogue of a deployment of several districts asks which
	// (trial: a plain-text 500), then lists that district's documents.
	pub := newClient(t, s)
	if st, _, body := pub.get("/policies"); st != http.StatusOK || !strings.Contains(body, `href="/policies?district=410307"`) || !strings.Contains(body, `href="/policies?district=410303"`) {
		t.Errorf("/policies on two districts: %d, no choice of 410307 and 410303", st)
	}
	if st, _, body := pub.get("/policies?district=410307"); st != http.StatusOK || !strings.Contains(body, "偃政") || !strings.Contains(body, `name="district" value="410307"`) {
		t.Errorf("/policies?district=410307: %d, no documents or no district kept in the search form", st)
	}
	if st, _, _ := pub.get("/policies?district=419999"); st != http.StatusNotFound {
		t.Errorf("/policies of an unknown district: %d, want 404", st)
	}
	d := newClient(t, s)
	d.login("sifaju")
	if st, _, _ := d.get("/ledgers/reconsideration?year=2022&district=410303"); st != http.StatusForbidden {
		t.Errorf("a district account naming another district: %d, want 403", st)
	}
	if _, _, body := d.get("/"); strings.Contains(body, `href="/districts"`) {
		t.Error("a district account is offered the district comparison")
	}
	if st, _, _ := d.get("/districts?year=2022&region=4103"); st != http.StatusForbidden {
		t.Errorf("a district account asking for the city's comparison: %d, want 403", st)
	}
	// A unit's clerk would see its own unit's figures under the district's
	// name: refused (new-user trial finding).
	for _, name := range []string{"minzheng", "minzheng-head"} {
		u := newClient(t, s)
		u.login(name)
		// Its dashboard says which figures are the whole district's.
		if _, _, body := u.get("/"); !strings.Contains(body, "仅含偃师区民政局的记录") || !strings.Contains(body, "为全区公开台账，其指标为全区数据") {
			t.Errorf("%s's dashboard does not say which figures are the district's", name)
		}
		if st, _, _ := u.get("/districts?year=2022"); st != http.StatusForbidden {
			t.Errorf("%s (scope: own unit) opens the district comparison: %d, want 403", name, st)
		}
	}
}
