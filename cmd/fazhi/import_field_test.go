package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// The files of testdata/import are shaped like what units really send
// (copied from the field folder; README.md there says what is right). Each
// test declares the values the file must store, imports it, exports the
// ledger and compares cell by cell, so a dropped, shifted or mis-scaled
// value fails.

// want is the values of some records, by natural key and header label.
type want map[string]map[string]string

// exported reads the ledger's export back as key → label → cell text.
func exported(t *testing.T, dsn, ledgerID string) map[string]map[string]string {
	t.Helper()
	d, _ := ledger.Get(ledgerID)
	p := filepath.Join(t.TempDir(), "export.xlsx")
	mustFazhi(t, dsn, "export", ledgerID, "-o", p)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(d.Name)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	key := d.Field(d.Key[0]).Label
	for _, r := range rows[1:] {
		rec := map[string]string{}
		for j, h := range rows[0] {
			if j < len(r) {
				rec[h] = r[j]
			}
		}
		out[rec[key]] = rec
	}
	return out
}

// checkStored compares the export with the declared values, cell by cell,
// and the number of records.
func checkStored(t *testing.T, dsn, ledgerID string, w want) {
	t.Helper()
	got := exported(t, dsn, ledgerID)
	if len(got) != len(w) {
		t.Errorf("%s: %d records stored, want %d", ledgerID, len(got), len(w))
	}
	for k, cells := range w {
		rec, ok := got[k]
		if !ok {
			t.Errorf("%s: record %s not stored", ledgerID, k)
			continue
		}
		for label, v := range cells {
			if rec[label] != v {
				t.Errorf("%s %s %s = %q, want %q", ledgerID, k, label, rec[label], v)
			}
		}
	}
}

func importFixture(name string) string { return repoFile("testdata", "import", name) }

// recon is a reconsideration record of the fixtures.
func recon(applicant, respondent, act, received, result, accepted string) map[string]string {
	return map[string]string{"申请人": applicant, "被申请人": respondent, "行为类别": act, "收到申请日期": received, "审查结果": result, "受理日期": accepted}
}

func TestImportField_SheetPerMonth(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		out := mustFazhi(t, dsn, "import", "reconsideration", importFixture("B11-sheet-per-month.xlsx"))
		if !strings.Contains(out, "已读取工作表：“1月”1 行、“2月”1 行、“3月”1 行") {
			t.Errorf("summary does not name the sheets read:\n%s", out)
		}
		checkStored(t, dsn, "reconsideration", want{
			"S-01": recon("申请人1", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"S-02": recon("申请人2", "偃师区城市管理局", "行政强制", "2024-02-08", "受理", "2024-02-10"),
			"S-03": recon("申请人3", "偃师区城市管理局", "行政强制", "2024-03-08", "受理", "2024-03-10"),
		})
		if got := indicators(t, dsn, "2024")["reconsideration.received"].Value; got != 3 {
			t.Errorf("received 2024 = %v, want 3", got)
		}
	})
}

func TestImportField_MergedCells(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		mustFazhi(t, dsn, "import", "reconsideration", importFixture("B1-merged-cells.xlsx"))
		checkStored(t, dsn, "reconsideration", want{
			"M-01": recon("申请人甲", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"M-02": recon("申请人乙", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"M-03": recon("申请人丙", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
		})
		if got := indicators(t, dsn, "2024")["reconsideration.received"].Value; got != 3 {
			t.Errorf("received 2024 = %v, want 3", got)
		}
	})
}

func TestImportField_TotalFooter(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		out := mustFazhi(t, dsn, "import", "reconsideration", importFixture("B10-total-footer.xlsx"))
		for _, w := range []string{"已跳过第5行（合计行）", "已跳过第6行（签署行）", "已跳过第7行（注释行）"} {
			if !strings.Contains(out, w) {
				t.Errorf("summary lacks %q:\n%s", w, out)
			}
		}
		checkStored(t, dsn, "reconsideration", want{
			"T-01": recon("申请人甲", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"T-02": recon("申请人乙", "偃师区城市管理局", "行政强制", "2024-01-09", "受理", "2024-01-11"),
		})
	})
}

func TestImportField_AmountInYuan(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		mustFazhi(t, dsn, "import", "contract", importFixture("L6-hetong-yuan.xlsx"))
		checkStored(t, dsn, "contract", want{
			"HT-2024-01": {"合同金额（万元）": "128", "审查意见": "同意", "相对方统一社会信用代码": "91350100M000100Y43", "承办单位": "偃师区交通运输局", "出具意见日期": "2024-03-08"},
			"HT-2024-02": {"合同金额（万元）": "128", "审查意见": "同意", "承办单位": "偃师区商务局"},
			"HT-2024-03": {"合同金额（万元）": "350", "审查意见": "修改后同意", "送审日期": "2024-03-03"},
		})
	})
}

func TestImportField_RealValues(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		src := importFixture("L2-fuyi-real-values.xlsx")
		_, stderr, err := fazhi(t, dsn, "import", "reconsideration", src)
		if err == nil {
			t.Fatal("ambiguous 终止/驳回 accepted")
		}
		for _, w := range []string{
			":第5行:结案方式: “终止”可能指“和解后终止”、“撤回申请终止”、“其他终止”",
			":第6行:结案方式: “驳回”可能指“驳回复议请求”、“驳回申请”",
		} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q:\n%s", w, stderr)
			}
		}
		if n := strings.Count(stderr, ":第"); n != 2 {
			t.Errorf("%d problems reported, want only the 2 ambiguous values:\n%s", n, stderr)
		}
		// The clerk writes what was meant; everything else is taken as it is.
		f, err := excelize.OpenFile(src)
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellValue("Sheet1", "I5", "撤回申请终止")
		f.SetCellValue("Sheet1", "I6", "驳回复议请求")
		fixed := filepath.Join(t.TempDir(), "fixed.xlsx")
		if err := f.SaveAs(fixed); err != nil {
			t.Fatal(err)
		}
		f.Close()
		mustFazhi(t, dsn, "import", "reconsideration", fixed)
		checkStored(t, dsn, "reconsideration", want{
			"F-01": {"结案方式": "撤销并责令重作", "结案日期": "2024-03-01", "被申请人": "偃师区市场监督管理局"},
			"F-02": {"结案方式": "责令履行", "被申请人": "洛阳市公安局偃师分局"},
			"F-03": {"结案方式": "撤回申请终止", "行为类别": "举报投诉处理"},
			"F-04": {"结案方式": "驳回复议请求"},
			"F-05": {"行为类别": "举报投诉处理", "结案方式": ""},
			"F-06": {"行为类别": "工伤认定", "被申请人": "偃师区人力资源和社会保障局"},
			"F-07": {"审查结果": "受理", "受理日期": "2024-01-18"},
			"F-08": {"被申请人": "偃师区司法局"},
			"F-09": {"被申请人": "偃师区岳滩镇", "受理日期": "2024-01-22"},
			"F-10": {"收到申请日期": "2024-01-17", "受理日期": "2024-01-22"},
			"F-11": {"收到申请日期": "2024-01-18", "受理日期": "2024-01-23"},
			"F-12": {"收到申请日期": "2024-01-19", "受理日期": "2024-01-24"},
		})
		// 撤销并责令重作 is a correction (复议法 art 64), as 责令履行 is.
		r := indicators(t, dsn, "2024")["reconsideration.correction_rate"]
		if r.Numerator == nil || *r.Numerator != 2 || *r.Denominator != 4 {
			t.Errorf("correction_rate = %+v, want 2/4", r)
		}
	})
}

func TestImportField_UnitAliases(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		src := importFixture("L8b-unit-aliases.csv")
		_, stderr, err := fazhi(t, dsn, "import", "bizenv_issue", src)
		if err == nil {
			t.Fatal("unknown abbreviations accepted without aliases")
		}
		for _, w := range []string{
			":第2行:责任单位: 单位“区发改委”不在单位名录中，是否为“偃师区发展和改革委员会”？",
			":第3行:责任单位: 单位“偃师区发改委”不在单位名录中，是否为“偃师区发展和改革委员会”？",
			":第4行:责任单位: 单位“区自然资源局”不在单位名录中，是否为“洛阳市自然资源和规划局偃师分局”？",
			":第6行:责任单位: 单位“区政数局”不在单位名录中，是否为“偃师区政务服务和大数据管理局”？",
		} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr lacks %q:\n%s", w, stderr)
			}
		}
		if strings.Contains(stderr, ":第5行:") || strings.Contains(stderr, ":第7行:") {
			t.Errorf("偃师区人民政府 and 岳滩镇 name units plainly:\n%s", stderr)
		}
		mustFazhi(t, dsn, "units", "alias", "区发改委", "偃师区发展和改革委员会")
		mustFazhi(t, dsn, "units", "alias", "区自然资源局", "洛阳市自然资源和规划局偃师分局")
		mustFazhi(t, dsn, "units", "alias", "区政数局", "偃师区政务服务和大数据管理局")
		if out := mustFazhi(t, dsn, "units", "alias", "list"); !strings.Contains(out, "区政数局 → 偃师区政务服务和大数据管理局") {
			t.Errorf("alias list:\n%s", out)
		}
		mustFazhi(t, dsn, "import", "bizenv_issue", src)
		unit := func(u string) map[string]string {
			return map[string]string{"责任单位": u, "整改时限": "2024-06-30", "整改状态": "整改中"}
		}
		checkStored(t, dsn, "bizenv_issue", want{
			"YS-11": unit("偃师区发展和改革委员会"),
			"YS-12": unit("偃师区发展和改革委员会"),
			"YS-13": unit("洛阳市自然资源和规划局偃师分局"),
			"YS-14": unit("洛阳市偃师区人民政府"),
			"YS-15": unit("偃师区政务服务和大数据管理局"),
			"YS-16": unit("偃师区岳滩镇"),
		})
		// A cell naming two units is refused, naming both.
		two := filepath.Join(t.TempDir(), "two.csv")
		os.WriteFile(two, []byte("问题编号,问题描述,责任单位,整改时限,整改状态\nYS-20,某问题,区发改委、区财政局,2024-06-30,整改中\n"), 0o644)
		_, stderr, err = fazhi(t, dsn, "import", "bizenv_issue", two)
		if err == nil || !strings.Contains(stderr, "一个单元格只能填一个单位，这里写了“区发改委”和“区财政局”") {
			t.Errorf("two units in a cell: %v\n%s", err, stderr)
		}
	})
}

func TestImportField_HTMLSavedAsXLS(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		mustFazhi(t, dsn, "import", "reconsideration", importFixture("B8-html-as-xls.xls"))
		checkStored(t, dsn, "reconsideration", want{
			"G-01": recon("申请人甲", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"G-02": recon("申请人乙", "偃师区城市管理局", "行政强制", "2024-01-09", "受理", "2024-01-11"),
		})
	})
}

func TestImportField_UTF16Text(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		mustFazhi(t, dsn, "import", "reconsideration", importFixture("B7c-utf16-unicode-text.txt"))
		checkStored(t, dsn, "reconsideration", want{
			"G-01": recon("申请人甲", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"G-02": recon("申请人乙", "偃师区城市管理局", "行政强制", "2024-01-09", "受理", "2024-01-11"),
		})
	})
}

func TestImportField_HeaderDecorations(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		out := mustFazhi(t, dsn, "import", "reconsideration", importFixture("B9-header-decorations.xlsx"))
		if strings.Contains(out, "审查结果") || strings.Contains(out, "收到申请") {
			t.Errorf("a decorated header was ignored:\n%s", out)
		}
		checkStored(t, dsn, "reconsideration", want{
			"H-01": recon("申请人甲", "偃师区城市管理局", "", "2024-01-08", "受理", "2024-01-10"),
		})
	})
}

func TestImportField_CaseSystemExport(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		src := importFixture("L1-fuyi-system-export.xlsx")
		_, _, err := fazhi(t, dsn, "import", "reconsideration", src)
		if err == nil || !strings.Contains(err.Error(), "缺少必填列：审查结果（表头在第2行）") {
			t.Fatalf("the missing 审查结果 is not named as the only gap: %v", err)
		}
		// With the one missing column added, every other header matches
		// through its declared synonym.
		f, _ := excelize.OpenFile(src)
		f.SetCellValue("Sheet1", "O2", "审查结果")
		f.SetCellValue("Sheet1", "O3", "审查中")
		f.SetCellValue("Sheet1", "O4", "审查中")
		fixed := filepath.Join(t.TempDir(), "fixed.xlsx")
		f.SaveAs(fixed)
		f.Close()
		mustFazhi(t, dsn, "import", "reconsideration", fixed)
		checkStored(t, dsn, "reconsideration", want{
			"偃政复〔2024〕1号": {"收到申请日期": "2024-01-08", "申请人": "申请人甲", "申请人类型": "自然人", "申请人证件号": "11010519491231002X",
				"被申请人": "偃师区市场监督管理局", "行为类别": "举报投诉处理", "申请方式": "邮寄", "审查结果": "审查中"},
			"偃政复〔2024〕2号": {"收到申请日期": "2024-01-15", "申请人": "洛阳某某物流有限公司", "申请人类型": "法人", "申请人证件号": "91350100M000100Y43",
				"被申请人": "偃师区岳滩镇", "行为类别": "行政强制", "申请方式": "网上"},
		})
	})
}
