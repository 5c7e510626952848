package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"fazhi/internal/testdb"
)

// Reader limits and the formats and layouts of real files (issue 11, and
// the reader items of issue 13's hostile inputs).

func hostileFile(name string) string { return repoFile("testdata", "hostile", name) }

// TestImport_ZipBombsRefusedInBoundedMemory: a workbook whose directory
// claims huge parts (a 1 GiB junk part, or 4 GB parts that lie) is refused
// before anything is unpacked.
func TestImport_ZipBombsRefusedInBoundedMemory(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	for _, f := range []string{"bomb-junk-1g.xlsx", "lying-size.xlsx"} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _, err := fazhi(t, dsn, "import", "reconsideration", hostileFile(f))
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "已拒绝") {
			t.Errorf("%s: err = %v", f, err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%s: refusing it allocated %d MB", f, alloc>>20)
		}
	}
}

// TestImport_LeavesNoTempFiles: accepted or rejected, an import leaves
// nothing in the temporary folder.
func TestImport_LeavesNoTempFiles(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", hostileFile("tempfile-leak.xlsx")); err == nil {
		t.Error("tempfile-leak.xlsx imported")
	}
	mustFazhi(t, dsn, "import", "reconsideration", importFixture("B11-sheet-per-month.xlsx"))
	fazhi(t, dsn, "import", "reconsideration", hostileFile("bad-rows.xlsx"))
	left, _ := os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("left behind in the temporary folder: %s", e.Name())
	}
}

// TestImport_ControlCharactersRefused: terminal escape sequences in a text
// field are refused with row and column.
func TestImport_ControlCharactersRefused(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	_, stderr, err := fazhi(t, dsn, "import", "reconsideration", hostileFile("inj-recon.csv"))
	if err == nil || !strings.Contains(stderr, "inj-recon.csv:第7行:申请人: 含有控制字符 U+0001（第3个字符）") {
		t.Errorf("err = %v\n%s", err, stderr)
	}
	p := filepath.Join(t.TempDir(), "esc.csv")
	os.WriteFile(p, []byte("案号,申请人,被申请人,收到申请日期,审查结果,承办人\n偃政复〔2022〕1号,张三,偃师区司法局,2022-03-01,审查中,\"王\x1b[2J五\"\n"), 0o644)
	if _, stderr, err := fazhi(t, dsn, "import", "reconsideration", p); err == nil || !strings.Contains(stderr, ":第2行:承办人: 含有控制字符 U+001B") {
		t.Errorf("ESC: %v\n%s", err, stderr)
	}
}

// TestImport_ErrorsOutNeverOverwritesInput: --errors-out naming the input
// is refused and the file stays as it was; another path gets the workbook.
func TestImport_ErrorsOutNeverOverwritesInput(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	dir := t.TempDir()
	in := filepath.Join(dir, "bad-rows.xlsx")
	orig, _ := os.ReadFile(hostileFile("bad-rows.xlsx"))
	os.WriteFile(in, orig, 0o644)
	_, _, err := fazhi(t, dsn, "import", "reconsideration", in, "--errors-out", in)
	if err == nil || !strings.Contains(err.Error(), "不能覆盖") {
		t.Errorf("err = %v", err)
	}
	if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
		t.Fatal("the input file was changed")
	}
	out := filepath.Join(dir, "errors.xlsx")
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", in, "--errors-out", out); err == nil {
		t.Fatal("bad rows imported")
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Errorf("errors workbook: %v", err)
	}
	if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
		t.Error("the input file was changed")
	}
}

// soffice returns LibreOffice's path, or skips where it is not installed
// (.ci/run installs it).
func soffice(t *testing.T) string {
	t.Helper()
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("FAZHI_REQUIRE_LIBREOFFICE") != "" {
		t.Fatal("LibreOffice is required in CI")
	}
	t.Skip("LibreOffice not installed")
	return ""
}

// resave converts src with LibreOffice to ext (xlsx, xls, ods) and returns the new path.
func resave(t *testing.T, src, ext string) string {
	t.Helper()
	bin := soffice(t)
	dir := t.TempDir()
	data, err := os.ReadFile(src) // LibreOffice cannot load from a read-only folder
	if err != nil {
		t.Fatal(err)
	}
	src = filepath.Join(dir, filepath.Base(src))
	os.WriteFile(src, data, 0o644)
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", ext, "--outdir", filepath.Join(dir, "out"), src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	p := filepath.Join(dir, "out", strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"."+ext)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImport_OldFormatsThroughLibreOffice: .xls and .ods are converted
// headless; --errors-out works on a workbook LibreOffice re-saved.
func TestImport_OldFormatsThroughLibreOffice(t *testing.T) {
	if os.Getenv("FAZHI_REQUIRE_LIBREOFFICE") == "" && os.Getenv("FAZHI_TEST_LIBREOFFICE") == "" {
		t.Skip("converts through LibreOffice (about a minute): runs in .ci/run, or set FAZHI_TEST_LIBREOFFICE=1")
	}
	func(t *testing.T, e testdb.Engine) { // the reader's concern: one engine
		dsn := withUnits(t, e)
		src := importFixture("B10-total-footer.xlsx")
		for _, ext := range []string{"xls", "ods"} {
			p := resave(t, src, ext)
			mustFazhi(t, dsn, "import", "reconsideration", p)
		}
		checkStored(t, dsn, "reconsideration", want{
			"T-01": recon("申请人甲", "偃师区城市管理局", "行政强制", "2024-01-08", "受理", "2024-01-10"),
			"T-02": recon("申请人乙", "偃师区城市管理局", "行政强制", "2024-01-09", "受理", "2024-01-11"),
		})
		// A template filled in with a bad value and re-saved by LibreOffice
		// (its comments become VML shapes excelize cannot extend).
		tpl := filepath.Join(t.TempDir(), "tpl.xlsx")
		mustFazhi(t, dsn, "template", "reconsideration", "-o", tpl)
		f, _ := excelize.OpenFile(tpl)
		f.SetSheetRow("行政复议案件", "A2", &[]any{"偃政复〔2022〕9号", "张三", "自然人", "", "偃师区司法局"})
		f.SetCellValue("行政复议案件", "H2", "2022-05-05")
		f.SetCellValue("行政复议案件", "I2", "受理中")
		f.Save()
		f.Close()
		lo := resave(t, tpl, "xlsx")
		out := filepath.Join(t.TempDir(), "errors.xlsx")
		_, stderr, err := fazhi(t, dsn, "import", "reconsideration", lo, "--errors-out", out)
		if err == nil {
			t.Fatal("bad value imported")
		}
		g, gerr := excelize.OpenFile(out)
		if gerr != nil {
			t.Fatalf("errors workbook: %v\n%s", gerr, stderr)
		}
		rows, _ := g.GetRows("错误清单")
		g.Close()
		if len(rows) < 2 || !strings.Contains(rows[1][2], "受理中") {
			t.Errorf("error list: %v", rows)
		}
	}(t, testdb.Engines()[0])
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImport_TextEncodingsAndSeparators: UTF-8 (BOM or not), GB18030,
// UTF-16 BE, comma/tab/semicolon; a stray byte names its row.
func TestImport_TextEncodingsAndSeparators(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	text := "案号;申请人;被申请人;收到申请日期;审查结果\n偃政复〔2022〕1号;张建国;偃师区司法局;2022年3月1日;审查中\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(strings.ReplaceAll(text, ";", "\t"))
	var be []byte
	for _, r := range "\ufeff" + strings.ReplaceAll(text, ";", ",") {
		be = append(be, byte(r>>8), byte(r))
	}
	for name, data := range map[string][]byte{
		"semicolon.csv": []byte(text),
		"gbk-tab.txt":   []byte(gb),
		"utf16be.txt":   be,
		"bom.csv":       append([]byte("\xEF\xBB\xBF"), strings.ReplaceAll(text, ";", ",")...),
	} {
		out, stderr, err := fazhi(t, dsn, "import", "reconsideration", writeFile(t, name, data))
		if err != nil || !strings.Contains(out, "1 行") {
			t.Errorf("%s: %v %s%s", name, err, out, stderr)
		}
	}
	checkStored(t, dsn, "reconsideration", want{"偃政复〔2022〕1号": {"申请人": "张建国", "收到申请日期": "2022-03-01", "被申请人": "偃师区司法局"}})
	// UTF-8 with one stray byte on row 3: the row is named, not "找不到表头".
	stray := []byte("案号,申请人,被申请人,收到申请日期,审查结果\n偃政复〔2022〕1号,张建国,偃师区司法局,2022-03-01,审查中\n偃政复〔2022〕2号,李\xff秀兰,偃师区司法局,2022-03-01,审查中\n")
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", writeFile(t, "stray.csv", stray)); err == nil || !strings.Contains(err.Error(), "第3行有无法识别的字节 0xFF") {
		t.Errorf("stray byte: %v", err)
	}
	// Neither UTF-8 nor GB18030.
	bad := append([]byte(gb), 0x81, 0x20, '\n')
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", writeFile(t, "bad.csv", bad)); err == nil || !strings.Contains(err.Error(), "第3行有无法识别的字节 0x81") {
		t.Errorf("bad GB18030: %v", err)
	}
}

// TestImport_WorkbookLayouts: 1904 dates, hidden sheets and rows, a
// formula without a value, a merged cell in an error, two-row grouped
// headers and an explanatory row under the header.
func TestImport_WorkbookLayouts(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	yes := true
	f := excelize.NewFile()
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
	s := "Sheet1"
	f.SetSheetRow(s, "A1", &[]any{"案号", "申请人", "被申请人", "收到申请日期", "审查结果"})
	f.SetSheetRow(s, "A2", &[]any{"例：偃政复〔2022〕1号", "填写姓名或名称", "（必填）单位名录中的单位", "格式：2022-03-05", "必填"})
	f.SetSheetRow(s, "A3", &[]any{"偃政复〔2022〕1号", "张三", "偃师区司法局", 43159, "审查中"}) // 2022-03-01 in 1904 serials
	f.SetSheetRow(s, "A4", &[]any{"偃政复〔2022〕2号", "李四", "偃师区司法局", "2022-03-02", "审查中"})
	f.SetRowVisible(s, 4, false)
	f.NewSheet("旧表")
	f.SetSheetRow("旧表", "A1", &[]any{"案号", "申请人", "被申请人", "收到申请日期", "审查结果"})
	f.SetSheetRow("旧表", "A2", &[]any{"偃政复〔2022〕3号", "王五", "偃师区司法局", "2022-03-03", "审查中"})
	f.SetSheetVisible("旧表", false)
	f.NewSheet("说明")
	f.SetCellValue("说明", "A1", "本表每月报送")
	p := filepath.Join(t.TempDir(), "layouts.xlsx")
	f.SaveAs(p)
	out := mustFazhi(t, dsn, "import", "reconsideration", p)
	for _, w := range []string{"第2行（表头下的填写说明）", "第4行在表格中是隐藏行，已照常导入", "“旧表”1 行", "已跳过工作表“说明”"} {
		if !strings.Contains(out, w) {
			t.Errorf("summary lacks %q:\n%s", w, out)
		}
	}
	checkStored(t, dsn, "reconsideration", want{
		"偃政复〔2022〕1号": {"收到申请日期": "2022-03-01"},
		"偃政复〔2022〕2号": {"收到申请日期": "2022-03-02"},
		"偃政复〔2022〕3号": {"收到申请日期": "2022-03-03"},
	})

	// A formula without a computed value, and a bad merged cell, are named.
	g := excelize.NewFile()
	g.SetSheetRow(s, "A1", &[]any{"案号", "申请人", "被申请人", "收到申请日期", "审查结果"})
	g.SetSheetRow(s, "A2", &[]any{"偃政复〔2022〕4号", "赵六", "偃师区司法局", nil, "审查中"})
	g.SetCellFormula(s, "D2", "DATE(2022,3,4)")
	g.SetSheetRow(s, "A3", &[]any{"偃政复〔2022〕5号", "钱七", "偃师区司法局", "2022-03-05", "审查中"})
	g.MergeCell(s, "B3", "C3")
	q := filepath.Join(t.TempDir(), "formula.xlsx")
	g.SaveAs(q)
	_, stderr, err := fazhi(t, dsn, "import", "reconsideration", q)
	if err == nil || !strings.Contains(stderr, ":第2行:收到申请日期: 公式单元格没有计算结果") ||
		!strings.Contains(stderr, ":第3行:被申请人: 必填，不能为空（该单元格属于合并单元格 B3:C3）") {
		t.Errorf("err = %v\n%s", err, stderr)
	}

	// Two-row grouped header: merged group cells above sub-headers.
	h := excelize.NewFile()
	h.SetSheetRow(s, "A1", &[]any{"案号", "申请人", "被申请人", "收到申请", "审查", ""})
	h.SetSheetRow(s, "A2", &[]any{"", "", "", "日期", "结果", "受理日期"})
	h.MergeCell(s, "A1", "A2")
	h.MergeCell(s, "B1", "B2")
	h.MergeCell(s, "C1", "C2")
	h.MergeCell(s, "E1", "F1")
	h.SetSheetRow(s, "A3", &[]any{"偃政复〔2022〕6号", "孙八", "偃师区司法局", "2022-03-06", "受理", "2022-03-08"})
	r := filepath.Join(t.TempDir(), "grouped.xlsx")
	h.SaveAs(r)
	mustFazhi(t, dsn, "import", "reconsideration", r)
	got := exported(t, dsn, "reconsideration")["偃政复〔2022〕6号"]
	if got["收到申请日期"] != "2022-03-06" || got["审查结果"] != "受理" || got["受理日期"] != "2022-03-08" {
		t.Errorf("grouped header: %v", got)
	}
}

// TestImport_AmountsAndMapping: an amount column matching no field is an
// error; an implausible amount needs --confirm-amounts; a --map is saved
// per unit and ledger and reused for the next file of the same shape.
func TestImport_AmountsAndMapping(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	p := writeFile(t, "amount.csv", []byte("案号,申请人,被申请人,收到申请日期,审查结果,赔偿金额（元）\n偃政复〔2022〕1号,张三,偃师区司法局,2022-03-01,审查中,5000\n"))
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", p); err == nil || !strings.Contains(err.Error(), "金额列第F列“赔偿金额（元）”不属于行政复议案件台账的任何一列，不能忽略") {
		t.Errorf("unmatched amount column: %v", err)
	}
	c := writeFile(t, "contract.csv", []byte("合同编号,合同名称,送审日期,合同金额（万元）\nHT-1,某合同,2024-03-01,1280000\nHT-2,某合同,2024-03-01,1.5亿元\n"))
	_, stderr, err := fazhi(t, dsn, "import", "contract", c)
	if err == nil || !strings.Contains(stderr, ":第2行:合同金额（万元）: 1280000万元 远超常见范围") || !strings.Contains(stderr, "--confirm-amounts") {
		t.Errorf("implausible amount: %v\n%s", err, stderr)
	}
	mustFazhi(t, dsn, "import", "contract", c, "--confirm-amounts")
	checkStored(t, dsn, "contract", want{"HT-1": {"合同金额（万元）": "1280000"}, "HT-2": {"合同金额（万元）": "15000"}})

	first := writeFile(t, "m1.csv", []byte("收文编号,当事人,被申请人,收文日期,审查结果\n偃政复〔2022〕1号,张三,偃师区司法局,2022-03-01,审查中\n"))
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", first); err == nil || !strings.Contains(err.Error(), "缺少必填列：案号") {
		t.Errorf("unmapped: %v", err)
	}
	out := mustFazhi(t, dsn, "import", "reconsideration", first, "--map", "A=案号,当事人=申请人", "--unit", "区司法局")
	if !strings.Contains(out, "已保存列对应") {
		t.Errorf("mapping not saved:\n%s", out)
	}
	second := writeFile(t, "m2.csv", []byte("收文编号,当事人,被申请人,收文日期,审查结果\n偃政复〔2022〕2号,李四,偃师区司法局,2022-03-02,审查中\n"))
	out = mustFazhi(t, dsn, "import", "reconsideration", second, "--unit", "区司法局")
	if !strings.Contains(out, "沿用此前保存的列对应") {
		t.Errorf("saved mapping not reused:\n%s", out)
	}
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", second, "--unit", "区财政局"); err == nil {
		t.Error("another unit's mapping was used")
	}
	checkStored(t, dsn, "reconsideration", want{"偃政复〔2022〕1号": {"申请人": "张三"}, "偃政复〔2022〕2号": {"申请人": "李四", "收到申请日期": "2022-03-02"}})
}

// TestImport_WrittenValues: dates, deadlines, numbers with units, enum
// synonyms and case-number variants as units write them.
func TestImport_WrittenValues(t *testing.T) {
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := withUnits(t, e)
		mustFazhi(t, dsn, "import", "reconsideration", writeFile(t, "dates.csv", []byte(
			"案号,申请人,被申请人,收到申请日期,审查结果,受理日期\n"+
				"偃政复〔2024〕第7号,甲,偃师区司法局,2024年1月8号,予以受理,二〇二四年一月十日\n"+
				"偃政复〔2024〕8号,乙,偃师区司法局,2024.01.10.,已受理,20240112\n")))
		// The same cases written another way are the same records.
		out := mustFazhi(t, dsn, "import", "reconsideration", writeFile(t, "again.csv", []byte(
			"案号,申请人,被申请人,收到申请日期,审查结果,受理日期\n"+
				"偃政复[2024]0007号,甲,偃师区司法局,2024-01-08,受理,2024-01-10\n"+
				"偃政复（2024）008号,乙,偃师区司法局,2024-01-10,受理,2024-01-12\n")))
		if !strings.Contains(out, "未变 2") {
			t.Errorf("variants made new cases: %s", out)
		}
		checkStored(t, dsn, "reconsideration", want{
			"偃政复〔2024〕7号": {"收到申请日期": "2024-01-08", "受理日期": "2024-01-10", "审查结果": "受理"},
			"偃政复〔2024〕8号": {"收到申请日期": "2024-01-10", "受理日期": "2024-01-12"},
		})
		if _, stderr, err := fazhi(t, dsn, "import", "reconsideration", writeFile(t, "typo.csv", []byte(
			"案号,申请人,被申请人,收到申请日期,审查结果\n偃政复〔2022〕l号,丙,偃师区司法局,2022-03-01,审查中\n"))); err == nil || !strings.Contains(stderr, "的序号“l”不是数字") {
			t.Errorf("impossible case number: %v\n%s", err, stderr)
		}

		mustFazhi(t, dsn, "import", "plan_task", writeFile(t, "plan.csv", []byte(
			"编号,所属文件,任务,牵头单位,完成时限,状态\n"+
				"P-1,方案,任务一,偃师区司法局,2024年12月底前,正在推进\n"+
				"P-2,方案,任务二,偃师区司法局,长期坚持,推进中\n"+
				"P-3,方案,任务三,偃师区司法局,立行立改,未开始\n")))
		checkStored(t, dsn, "plan_task", want{
			"P-1": {"完成时限": "2024-12-31", "时限说明": "", "状态": "推进中"},
			"P-2": {"完成时限": "", "时限说明": "长期坚持"},
			"P-3": {"完成时限": "", "时限说明": "立行立改"},
		})
		if w := mustFazhi(t, dsn, "warnings", "--as-of", "2030-01-01"); strings.Contains(w, "任务二") || strings.Contains(w, "任务三") {
			t.Errorf("a task without a due date is warned about:\n%s", w)
		}

		mustFazhi(t, dsn, "import", "service_item", writeFile(t, "items.csv", []byte(
			"事项编码,事项名称,实施机关,法定办结时限,承诺办结时限,到办事现场次数,网上可办,一网通办\n"+
				"X1,事项一,偃师区司法局,20个工作日,即办,0次,是,是\n")))
		checkStored(t, dsn, "service_item", want{"X1": {"法定办结时限（工作日）": "20", "承诺办结时限（工作日）": "0", "跑动次数": "0", "实施主体": "偃师区司法局"}})

		mustFazhi(t, dsn, "import", "service_evaluation", writeFile(t, "eval.csv", []byte(
			"编号,日期,评价渠道,评价结果\nE1,2024-01-02,12345热线,5\nE2,2024-01-02,评价器,★★★★\nE3,2024-01-02,政务服务网,基本满意\n")))
		checkStored(t, dsn, "service_evaluation", want{
			"E1": {"渠道": "电话回访", "评价等级": "非常满意"},
			"E2": {"渠道": "现场", "评价等级": "满意"},
			"E3": {"渠道": "网上", "评价等级": "基本满意"},
		})
	})
}
