package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/excel"
	"fazhi/ledger"
)

// TestControls_FollowPermissions: a page offers only what the role may do
// (app.MayWrite, MayChange, MayEditReport), and the forms of what it may not
// do answer 403 — a clerk reading a case as its respondent (被申请人) sees
// no 修改/删除, a unit head, leader or auditor gets no add or import form,
// a leader no report editor; the writers keep theirs.
func TestControls_FollowPermissions(t *testing.T) {
	t.Parallel()
	s, a := demoServer(t)
	act, err := a.Login(context.Background(), "minzheng", app.DemoPassword)
	if err != nil {
		t.Fatal(err)
	}
	ctx := app.WithActor(context.Background(), act)
	// A record minzheng reads but another unit keeps, and one it keeps.
	var foreign, own string
	for _, d := range ledger.All() {
		pg, err := a.ListRecords(ctx, d.ID, app.ListQuery{PageSize: 1000})
		if err != nil {
			continue
		}
		for _, rv := range pg.Records {
			u := "/ledgers/" + d.ID + "?key=" + url.QueryEscape(rv.Key)
			if rv.RecordUnit == act.Unit && own == "" {
				own = u
			} else if rv.RecordUnit != act.Unit && foreign == "" {
				foreign = u
			}
		}
	}
	if foreign == "" || own == "" {
		t.Fatalf("demo data: no foreign (%q) or own (%q) record readable by minzheng", foreign, own)
	}
	recordPage := func(u string) string { return strings.Replace(u, "?key=", "/record?key=", 1) }
	editForm := func(u string) string { return strings.Replace(u, "?key=", "/edit?key=", 1) }
	hasEdit := func(body string) bool {
		return strings.Contains(body, ">修改</a>") || strings.Contains(body, "删除此记录") || strings.Contains(body, "/delete?key=")
	}

	clerk := newClient(t, s)
	clerk.login("minzheng")
	if st, _, body := clerk.get(recordPage(foreign)); st != 200 || hasEdit(body) {
		t.Errorf("minzheng on a record another unit keeps (%s): %d, edit controls shown: %v", foreign, st, hasEdit(body))
	}
	if st, _, _ := clerk.get(editForm(foreign)); st != http.StatusForbidden {
		t.Errorf("minzheng GET edit form of %s: %d, want 403", foreign, st)
	}
	if st, _, body := clerk.get(recordPage(own)); st != 200 || !hasEdit(body) {
		t.Errorf("minzheng on its own record (%s): %d, edit controls shown: %v", own, st, hasEdit(body))
	}
	if st, _, _ := clerk.get(editForm(own)); st != 200 {
		t.Errorf("minzheng GET edit form of its own %s: %d", own, st)
	}
	// The Justice Bureau's ledgers (复议 …) are not the clerk's to add to.
	if _, _, body := clerk.get("/ledgers/reconsideration"); strings.Contains(body, "新增记录") || strings.Contains(body, "/ledgers/reconsideration/import") {
		t.Errorf("minzheng's list of 行政复议案件 offers 新增记录/导入")
	}
	for _, p := range []string{"/ledgers/reconsideration/new", "/ledgers/reconsideration/import"} {
		if st, _, _ := clerk.get(p); st != http.StatusForbidden {
			t.Errorf("minzheng GET %s: %d, want 403", p, st)
		}
	}
	if _, _, body := clerk.get("/ledgers/contract"); !strings.Contains(body, "新增记录") || !strings.Contains(body, "/ledgers/contract/import") {
		t.Errorf("minzheng's list lacks 新增记录/导入")
	}

	admin := newClient(t, s)
	admin.login("sifaju")
	if st, _, body := admin.get(recordPage(foreign)); st != 200 || !hasEdit(body) {
		t.Errorf("sifaju on %s: %d, edit controls shown: %v", foreign, st, hasEdit(body))
	}
	if _, _, body := admin.get("/report?year=2022"); !strings.Contains(body, "保存为新版本") {
		t.Errorf("sifaju's report page lacks the editor")
	}

	for _, name := range []string{"minzheng-head", "shenji", "lingdao"} {
		c := newClient(t, s)
		c.login(name)
		for _, p := range []string{"/ledgers/contract/new", "/ledgers/contract/import"} {
			if st, _, _ := c.get(p); st != http.StatusForbidden {
				t.Errorf("%s GET %s: %d, want 403", name, p, st)
			}
		}
		if st, _, body := c.get("/ledgers/contract"); st == 200 && (strings.Contains(body, "新增记录") || strings.Contains(body, "/ledgers/contract/import")) {
			t.Errorf("%s's list offers 新增记录 or 导入", name)
		}
		if name == "shenji" {
			continue
		}
		if st, _, body := c.get(recordPage(own)); st == 200 && hasEdit(body) {
			t.Errorf("%s on %s: edit controls shown", name, own)
		}
		if st, _, _ := c.get(editForm(own)); st != http.StatusForbidden {
			t.Errorf("%s GET edit form of %s: %d, want 403", name, own, st)
		}
	}
	leader := newClient(t, s)
	leader.login("lingdao")
	if st, _, body := leader.get("/report?year=2022"); st != 200 || strings.Contains(body, "编辑正文") || strings.Contains(body, "保存为新版本") {
		t.Errorf("lingdao's report page: %d, offers the editor", st)
	}
}

// TestImportForm_AcceptsEveryFormat: the import form's file input offers
// every file the importer reads (excel.Extensions), not only .xlsx/.csv.
func TestImportForm_AcceptsEveryFormat(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("minzheng")
	st, _, body := c.get("/ledgers/contract/import")
	if st != 200 {
		t.Fatalf("import form: %d", st)
	}
	m := regexp.MustCompile(`accept="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no accept attribute:\n%.500s", body)
	}
	for _, ext := range []string{".xlsx", ".xls", ".et", ".ods", ".csv", ".txt", ".htm", ".html"} {
		if !slices.Contains(strings.Split(m[1], ","), ext) {
			t.Errorf("accept=%q lacks %s", m[1], ext)
		}
	}
	if !slices.Equal(strings.Split(m[1], ","), excel.Extensions) {
		t.Errorf("accept=%q, want excel.Extensions %v", m[1], excel.Extensions)
	}
}

// TestRound_BadID: a round number that is not a positive whole number is
// refused as invalid (400), not looked up as round 0.
func TestRound_BadID(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	c.login("sifaju")
	for _, id := range []string{"abc", "0", "-3", "1.5"} {
		st, _, body := c.get("/rounds/" + id)
		if st != http.StatusBadRequest || !strings.Contains(body, "编号“"+id+"”无效") || strings.Contains(body, "不存在") {
			t.Errorf("GET /rounds/%s: %d\n%.300s", id, st, body)
		}
	}
	if st, _, _ := c.post("/rounds/abc/units/x", url.Values{"action": {"accept"}}); st != http.StatusBadRequest {
		t.Errorf("POST /rounds/abc/units/x: %d", st)
	}
	if st, _, body := c.get("/rounds/999999"); st != http.StatusNotFound {
		t.Errorf("GET /rounds/999999: %d\n%.300s", st, body)
	}
}

// TestStatic_NotFoundInChinese: a missing static file says so in Chinese.
func TestStatic_NotFoundInChinese(t *testing.T) {
	t.Parallel()
	s, _ := demoServer(t)
	c := newClient(t, s)
	st, _, body := c.get("/static/nosuch.js")
	if st != http.StatusNotFound || !strings.Contains(body, "文件不存在") || strings.Contains(body, "page not found") {
		t.Errorf("GET /static/nosuch.js: %d %q", st, body)
	}
}
