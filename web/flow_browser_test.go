package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestImport_Browser uploads a bad file (its row errors are shown with the
// marked-up workbook to download, and nothing is written) and a good one
// (a preview of new rows, then the records in the list).
func TestImport_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("minzheng")
	dir := t.TempDir()
	bad := filepath.Join(dir, "合同-有错.csv")
	good := filepath.Join(dir, "合同.csv")
	head := "合同编号,合同名称,送审日期,审查意见,出具意见日期,合同金额（万元）\n"
	os.WriteFile(bad, []byte(head+"MZ-2022-901,社区养老服务中心运营合同,2022/2/30,同意,2022-03-10,12\nMZ-2022-902,低保信息系统运维合同,2022-04-01,可以,2022-04-09,8.5\n"), 0o644)
	os.WriteFile(good, []byte(head+"MZ-2022-901,社区养老服务中心运营合同,2022/3/1,同意,2022-03-10,12\nMZ-2022-902,低保信息系统运维合同,2022-04-01,修改后同意,2022年4月9日,8.5\n"), 0o644)

	b.open("/ledgers/contract?q=MZ-2022-90")
	if n := b.count("table.records tbody td a"); n != 0 {
		t.Fatalf("%d test contracts before the import", n)
	}
	b.open("/ledgers/contract/import")
	b.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{bad}))
	b.click(`form[enctype] button[type=submit]`)
	b.expectStatusErrors()
	errs := b.text("table.row-errors")
	if !strings.Contains(errs, "送审日期") || !strings.Contains(errs, "审查意见") || b.count("table.row-errors tbody tr") != 2 {
		t.Errorf("row errors:\n%s", errs)
	}
	if n := b.count(`a[href*="/import/errors?token="]`); n != 1 {
		t.Errorf("no error workbook link")
	}
	b.screenshot("import-errors")
	b.open("/ledgers/contract?q=MZ-2022-90")
	if n := b.count("table.records tbody td a"); n != 0 {
		t.Errorf("a bad file wrote %d records", n)
	}
	b.open("/ledgers/contract/import")
	b.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{good}))
	b.click(`form[enctype] button[type=submit]`)
	if n := b.text(".new"); n != "2" {
		t.Fatalf("preview new = %q\n%s", n, b.text("main"))
	}
	b.click(`form[action$="/import/confirm"] button`)
	if f := b.text(".flash"); !strings.Contains(f, "新增 2 条") {
		t.Errorf("after import: %q", f)
	}
	b.open("/ledgers/contract?q=MZ-2022-90")
	if n := b.count("table.records tbody td a"); n != 2 {
		t.Errorf("%d records after the import", n)
	}
	b.open("/ledgers/contract/record?key=MZ-2022-901")
	if h := b.text("table.history"); !strings.Contains(h, "来源：合同.csv") || strings.Contains(h, "/tmp") {
		t.Errorf("history names the upload as: %s", h)
	}
}

// checkUnit ticks the checkbox whose label names unit.
func (b *tab) checkUnit(name, unit string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('input[name="` + name + `"]')].filter(i => i.parentElement.textContent.trim() === ` + jsString(unit) + `).forEach(i => i.checked = true)`))
}

// TestRound_Browser walks a 报送 round from open to accepted: the
// administrator opens it, the dashboard lists the unit to chase, the unit
// head confirms, the administrator accepts.
func TestRound_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("sifaju")
	b.open("/rounds")
	b.fill(map[string]string{"name": "2022年度合同审查台账报送", "from": "2022-01-01", "to": "2022-12-31", "due": "2022-11-30"})
	b.checkUnit("ledger", "重大合同合法性审查")
	b.checkUnit("unit", "偃师区民政局")
	b.checkUnit("unit", "偃师区财政局")
	b.click(`form[action="/rounds"] button[type=submit]`)
	if h := b.text("h1"); h != "2022年度合同审查台账报送" {
		t.Fatalf("round page: %s\n%s", h, b.text("main"))
	}
	round := b.path()
	if c := b.text("#chase"); !strings.Contains(c, "偃师区民政局") || !strings.Contains(c, "偃师区财政局") {
		t.Errorf("催报 list: %s", c)
	}
	b.open("/")
	if st := b.text("#round-status"); !strings.Contains(st, "未报送 2") || !strings.Contains(st, "逾期 2") {
		t.Errorf("dashboard round status: %s", st)
	}
	b.click(`.top form[action="/logout"] button`)

	b.loginAs("minzheng-head")
	b.open(round)
	if n := b.count("table.submissions tbody tr"); n != 1 {
		t.Errorf("the unit head sees %d submissions", n)
	}
	b.click(`form input[value="submit"] + button`)
	if st := b.text("table.submissions"); !strings.Contains(st, "已报送待审核") {
		t.Errorf("after 报送: %s", st)
	}
	b.click(`.top form[action="/logout"] button`)

	b.loginAs("sifaju")
	b.open(round)
	b.click(`tr[data-unit] form input[value="accept"] + button`)
	st := b.text("table.submissions")
	if !strings.Contains(st, "已接收") {
		t.Errorf("after accept: %s", st)
	}
	if c := b.text("#chase"); strings.Contains(c, "民政局") || !strings.Contains(c, "财政局") {
		t.Errorf("催报 list after accept: %s", c)
	}
}
