package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestImportOptions_Browser uses the import page's controls as a clerk
// does: a file whose headers the ledger does not know gets a field to
// choose per column, an implausible amount a confirm button, the
// 清空空白单元格 box travels with the upload, and the mapping is kept.
func TestImportOptions_Browser(t *testing.T) {
	s, _ := demoServer(t)
	b := startTab(t, s)
	b.loginAs("minzheng")
	file := filepath.Join(t.TempDir(), "民政局合同登记.csv")
	os.WriteFile(file, []byte("编号,项目名称,送审日期,审查意见,出具意见日期,合同金额（万元）\nMZ-2022-961,养老服务综合体建设合同,2022-03-01,同意,2022-03-10,200000\n"), 0o644)

	b.open("/ledgers/contract/import")
	b.do(chromedp.Click(chromedp.CSS(`input[name="clear_blank"]`)))
	b.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{file}))
	b.click(`form[enctype] button[type=submit]`)
	b.expectStatusErrors()
	if n := b.count(`form.column-mapping select`); n != 6 {
		t.Fatalf("%d column dropdowns\n%s", n, b.text("main"))
	}
	b.fill(map[string]string{"map_A": "合同编号", "map_B": "合同名称"})
	b.screenshot("import-mapping")
	b.click(`form.column-mapping button`)
	b.expectStatusErrors()
	if got := b.text(".import-options"); !strings.Contains(got, "清空空白单元格：是") || !strings.Contains(got, "A=合同编号") {
		t.Errorf("options shown: %q", got)
	}
	if n := b.count(`form.confirm-amounts button`); n != 1 {
		t.Fatalf("no confirm step for the amount\n%s", b.text("main"))
	}
	b.click(`form.confirm-amounts button`)
	if n := b.text(".new"); n != "1" {
		t.Fatalf("preview new = %q\n%s", n, b.text("main"))
	}
	b.click(`form[action$="/import/confirm"] button`)
	if f := b.text(".flash"); !strings.Contains(f, "新增 1 条") || !strings.Contains(f, "列对应已保存") {
		t.Errorf("after import: %q", f)
	}
	b.open("/ledgers/contract/record?key=MZ-2022-961")
	if got := b.text("main"); !strings.Contains(got, "养老服务综合体建设合同") || !strings.Contains(got, "200000") {
		t.Errorf("record page:\n%s", got)
	}
}
