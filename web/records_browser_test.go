package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRoles_Browser logs in as each demo role: the records roles land on
// the dashboard; the three administrators see no ledger.
func TestRoles_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	for _, c := range []struct {
		name, role string
		ledgers    bool
	}{
		{"sifaju", "司法局管理员", true}, {"minzheng", "单位填报员", true}, {"minzheng-head", "单位负责人", true},
		{"lingdao", "领导", true}, {"xitong", "系统管理员", false}, {"anquan", "安全管理员", false}, {"shenji", "审计员", false},
	} {
		b.loginAs(c.name)
		if who := b.text(".top .who"); !strings.Contains(who, c.role) {
			t.Errorf("%s: top bar %q", c.name, who)
		}
		if n := b.count(`.side a[href^="/ledgers/"]`); (n > 0) != c.ledgers {
			t.Errorf("%s: %d ledgers in the navigation", c.name, n)
		}
		b.click(`.top form[action="/logout"] button`)
		if p := b.path(); p != "/login" {
			t.Errorf("%s: after logout at %s", c.name, p)
		}
	}
}

// TestClerkScope_Browser: a clerk of 区民政局 sees only its own unit's
// records, and opening another unit's record, list or figure by URL is
// refused or shows nothing of it.
func TestClerkScope_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("minzheng")
	b.open("/ledgers/reconsideration")
	if n := b.count("table.records tbody tr td a"); n == 0 {
		t.Fatal("the clerk sees no reconsideration case of its unit")
	}
	units := b.text("table.records tbody")
	if !strings.Contains(units, "民政局") || strings.Contains(units, "人力资源") {
		t.Errorf("clerk's list shows other units:\n%.500s", units)
	}
	// Another unit's case, by URL: 偃政复〔2022〕38号 is against 人社局.
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+"/ledgers/reconsideration/record?key="+url.QueryEscape("偃政复〔2022〕38号"))); err != nil {
		t.Fatal(err)
	}
	b.wantStatus(403)
	if body := b.text("main"); strings.Contains(body, "人力资源") {
		t.Errorf("forbidden page shows the record: %s", body)
	}
	// Another unit's list, by URL.
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+"/ledgers/reconsideration?unit="+url.QueryEscape("偃师区人力资源和社会保障局"))); err != nil {
		t.Fatal(err)
	}
	b.wantStatus(403)
	b.open("/figures/reconsideration.received?year=2022")
	if body := b.text("main"); strings.Contains(body, "人力资源") {
		t.Errorf("figure drill-down shows another unit's records")
	}
	b.expectStatusErrors()
}

// TestRecordLifecycle_Browser adds, edits, deletes and restores one record
// through the forms and sees the list and the history change; a form with
// errors shows each beside its field and keeps what was typed.
func TestRecordLifecycle_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("minzheng")
	b.open("/ledgers/contract/new")
	b.fill(map[string]string{"contract_no": "HT-TEST-001", "title": "养老服务中心物业服务合同", "submitted_on": "2022年13月1日", "amount": "abc"})
	b.click(`form.record button[type=submit]`)
	b.wantStatus(400)
	b.expectStatusErrors()
	if n := b.count(`form.record .field .err`); n < 2 {
		t.Errorf("%d field errors shown", n)
	}
	if v := b.value(`[name="title"]`); v != "养老服务中心物业服务合同" {
		t.Errorf("typed value lost: %q", v)
	}
	b.screenshot("form-errors")
	b.fill(map[string]string{"submitted_on": "2022/3/5", "amount": "12.5", "opinion": "同意", "opinion_on": "2022年3月10日"})
	b.click(`form.record button[type=submit]`)
	if h := b.text("h1"); !strings.Contains(h, "HT-TEST-001") {
		t.Fatalf("after add: %s\n%s", h, b.text("main"))
	}
	b.open("/ledgers/contract?q=" + url.QueryEscape("养老服务"))
	if body := b.text("table.records"); !strings.Contains(body, "HT-TEST-001") {
		t.Errorf("new record not in the list: %s", body)
	}
	// Edit one field.
	b.open("/ledgers/contract/edit?key=HT-TEST-001")
	b.fill(map[string]string{"amount": "30"})
	b.click(`form.record button[type=submit]`)
	if body := b.text("main"); !strings.Contains(body, "第 2 版") || !strings.Contains(body, "12.5 → 30") {
		t.Errorf("after edit:\n%s", body)
	}
	// Delete with a reason, then restore.
	b.fill(map[string]string{"reason": "重复录入"})
	b.do(chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`))
	b.click(`form[action*="/delete"] button`)
	if body := b.text("main"); !strings.Contains(body, "已删除") || !strings.Contains(body, "重复录入") {
		t.Errorf("after delete:\n%s", body)
	}
	b.open("/ledgers/contract?q=HT-TEST-001")
	if n := b.count("table.records tbody td a"); n != 0 {
		t.Errorf("deleted record still listed")
	}
	b.open("/ledgers/contract/record?key=HT-TEST-001")
	b.click(`form[action*="/restore"] button`)
	body := b.text("main")
	if strings.Contains(body, "已删除") || !strings.Contains(body, "恢复") || !strings.Contains(body, "新增") || !strings.Contains(body, "修改") {
		t.Errorf("after restore, history:\n%s", body)
	}
	b.open("/ledgers/contract?q=HT-TEST-001")
	if n := b.count("table.records tbody td a"); n != 1 {
		t.Errorf("restored record listed %d times", n)
	}
}

// TestSearchChinese_Browser types a Chinese substring into a list's search
// box: htmx narrows the list without a page load, and the address keeps
// the query (a plain link to the same list).
func TestSearchChinese_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("sifaju")
	b.open("/ledgers/contract")
	all := b.text(".pager .total")
	b.do(chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "代建"))
	waitFor(t, func() bool { v := b.textNow(".pager .total"); return v != "" && v != all })
	rows := b.text("table.records tbody")
	if !strings.Contains(rows, "代建") {
		t.Errorf("search 代建 rows:\n%s", rows)
	}
	if loc := b.location(); !strings.Contains(loc, "q=%E4%BB%A3%E5%BB%BA") {
		t.Errorf("address after search: %s", loc)
	}
	b.screenshot("list")
}
