package main

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fazhi/gongwen"
	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
)

// seedSentences are figure sentences of the seed report, as they must read
// in every rendering of the demo's 2022 report.
var seedSentences = []string{
	"开展习近平法治思想集中学习、专题研讨4次，专题培训2次，研究听取法治建设相关工作4次",
	"全区71家单位党政主要负责人",
	"共完成企业投资项目备案1850个，总投资371.6亿元，政府性审批55个，投资50.41亿元",
	"接到企业和群众电话评价1980多次，好评率和满意度达到100%，接待企业和群众来电、来访2010多人次",
	"31个事项办理均实现“最多跑一次”和不见面审批，事项网上办100%、一网通办100%",
	"事项信息录入和变更703次",
	"明确31项具体指标的责任单位",
	"形成53个问题整改台账",
	"印发30期《营商环境工作简报》",
	"全年组织开展合法性审查业务培训2次，对5件规范性文件进行审查备案，备案率100%",
	"印发的88件规范性文件进行全面清理核查",
	"宣布废止、失效的规范性文件38件，不再按照规范性文件管理12件，需要修改规范性文件1件",
	"全年举办重大合同研判会议7次，对以区政府名义对外签订的40份重大合同进行合法性审查",
	"2022年共收到行政复议申请案件51起，受理48起，审结44起",
	"办理政府应诉案件35件，出庭应诉35次，应诉率100%",
	"对5起重大疑难诉讼案件多次开展分析研讨",
	"对3起涉党政机关未履行生效判决问题案件开展专项清理",
	"开展理论培训4场，参训487人次；开展行政执法传帮带活动8场，现场指导行政执法89人次",
}

// docxText returns the text of a DOCX's body, paragraphs joined.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(b), "")
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pdfText extracts a PDF's text with line breaks and spaces removed.
func pdfText(t *testing.T, pdf string, args ...string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", append(args, pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// requireLibreOffice runs a PDF test only in CI or when asked
// (internal/testgate.LibreOffice): each conversion takes seconds.
func requireLibreOffice(t *testing.T) {
	t.Helper()
	testgate.LibreOffice(t)
}

func TestReport_DemoRendersEveryFigure(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := sharedDemo(t, e)
		dir := t.TempDir()
		for _, f := range []string{"md", "html", "docx"} {
			mustFazhi(t, dsn, "report", "--year", "2022", "--format", f, "-o", filepath.Join(dir, "r."+f))
		}
		texts := map[string]string{
			"md":   readFile(t, filepath.Join(dir, "r.md")),
			"html": regexp.MustCompile(`<[^>]+>`).ReplaceAllString(readFile(t, filepath.Join(dir, "r.html")), ""),
			"docx": docxText(t, filepath.Join(dir, "r.docx")),
		}
		for f, text := range texts {
			for _, s := range seedSentences {
				if !strings.Contains(text, s) {
					t.Errorf("%s lacks %q", f, s)
				}
			}
		}
		// Personal ID numbers stay out of the published HTML.
		if regexp.MustCompile(`410381(19|20)\d{9}[\dX]`).MatchString(readFile(t, filepath.Join(dir, "r.html"))) {
			t.Error("the HTML report shows an unmasked 身份证号")
		}
		findings, err := gongwen.CheckFile(filepath.Join(dir, "r.docx"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			t.Errorf("GB/T 9704: %+v", f)
		}
		out := mustFazhi(t, dsn, "report", "lint", "--year", "2022")
		if !strings.Contains(out, "未发现问题") {
			t.Errorf("lint on the demo: %s", out)
		}
	})
}

func TestReport_LintFindsPlantedNumber(t *testing.T) {
	t.Parallel()
	dsn := demoDB(t, testdb.Engines()[0])
	src := mustFazhi(t, dsn, "report", "source", "--year", "2022")
	planted := strings.Replace(src, "受理{{reconsideration.accepted}}起", "受理47起", 1)
	if planted == src {
		t.Fatal("placeholder to replace not found")
	}
	p := filepath.Join(t.TempDir(), "planted.txt")
	os.WriteFile(p, []byte(planted), 0o644)
	mustFazhi(t, dsn, "report", "save", "--year", "2022", p, "--note", "手工改数")
	out, _, err := fazhi(t, dsn, "report", "lint", "--year", "2022")
	if err == nil || !strings.Contains(out, "[数字与指标不符] 正文写“受理47起”，但指标 reconsideration.accepted（受理）为 48起") {
		t.Errorf("lint did not flag the planted figure: %v\n%s", err, out)
	}
	hist := mustFazhi(t, dsn, "report", "history", "--year", "2022")
	if !strings.Contains(hist, "第2版") || !strings.Contains(hist, "手工改数") {
		t.Errorf("history: %s", hist)
	}
	diff := mustFazhi(t, dsn, "report", "history", "--year", "2022", "--diff", "2")
	if !strings.Contains(diff, "删除1段，新增1段") || !strings.Contains(diff, "+ （四）坚持常态化的案件受理制度") || !strings.Contains(diff, "受理47起") {
		t.Errorf("diff of version 2:\n%s", diff)
	}
}

// TestReport_OneRecordChangesEveryFormat concludes one more reconsideration
// case and expects 审结45起 in all four formats with no other edit.
func TestReport_OneRecordChangesEveryFormat(t *testing.T) {
	t.Parallel()
	requireLibreOffice(t)
	dsn := demoDB(t, testdb.Engines()[0])
	dir := t.TempDir()
	render := func(tag string) map[string]string {
		out := map[string]string{}
		for _, f := range []string{"md", "html", "docx", "pdf"} {
			p := filepath.Join(dir, tag+"."+f)
			mustFazhi(t, dsn, "report", "--year", "2022", "-o", p)
			switch f {
			case "docx":
				out[f] = docxText(t, p)
			case "pdf":
				out[f] = strings.Join(strings.Fields(pdfText(t, p)), "")
			case "html":
				out[f] = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(readFile(t, p), "")
			default:
				out[f] = readFile(t, p)
			}
		}
		return out
	}
	before := render("before")
	for f, text := range before {
		if !strings.Contains(text, "审结44起") {
			t.Errorf("%s before: lacks 审结44起", f)
		}
	}
	// A clerk exports the ledger, concludes one open 2022 case in Excel on
	// 2022-12-29 and imports the file again.
	exp := filepath.Join(dir, "recon.xlsx")
	mustFazhi(t, dsn, "export", "reconsideration", "-o", exp)
	x, err := excelize.OpenFile(exp)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("行政复议案件")
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j
	}
	found := false
	for i, r := range rows {
		if len(r) > 0 && r[0] == "偃政复〔2022〕45号" {
			c1, _ := excelize.CoordinatesToCellName(col["结案日期"]+1, i+1)
			c2, _ := excelize.CoordinatesToCellName(col["结案方式"]+1, i+1)
			x.SetCellValue("行政复议案件", c1, "2022-12-29")
			x.SetCellValue("行政复议案件", c2, "维持")
			found = true
		}
	}
	if !found {
		t.Fatal("case 偃政复〔2022〕45号 not in the export")
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	if out := mustFazhi(t, dsn, "import", "reconsideration", exp); !strings.Contains(out, "更新 1，") {
		t.Errorf("re-import: %s", out)
	}
	after := render("after")
	for f, text := range after {
		if !strings.Contains(text, "审结45起") || strings.Contains(text, "审结44起") {
			t.Errorf("%s after one more conclusion: 审结45起 missing", f)
		}
	}
}

func TestReport_PDF(t *testing.T) {
	t.Parallel()
	requireLibreOffice(t)
	dsn := sharedDemo(t, testdb.Engines()[0])
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	mustFazhi(t, dsn, "report", "--year", "2022", "-o", pdf)
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Page size:\s+595\.\d* x 841\.\d* pts \(A4\)`).Match(info) {
		t.Errorf("not A4:\n%s", info)
	}
	flat := strings.Join(strings.Fields(pdfText(t, pdf)), "")
	for _, s := range seedSentences {
		if !strings.Contains(flat, s) {
			t.Errorf("PDF lacks %q", s)
		}
	}
	// Lines per page, and the side of the page number on odd and even pages.
	pages := strings.Split(pdfText(t, pdf, "-layout"), "\f")
	pageNo := regexp.MustCompile(`^(\s*)—\s*(\d+)\s*—\s*$`)
	checked := 0
	for i, pg := range pages {
		if strings.TrimSpace(pg) == "" {
			continue
		}
		body := 0
		for _, l := range strings.Split(pg, "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if m := pageNo.FindStringSubmatch(l); m != nil {
				indent := len(m[1])
				if (i+1)%2 == 1 && indent < 15 || (i+1)%2 == 0 && indent > 5 {
					t.Errorf("page %d: page number indent %d is on the wrong side", i+1, indent)
				}
				checked++
				continue
			}
			body++
		}
		if body > 22 {
			t.Errorf("page %d has %d lines of text (> 22)", i+1, body)
		}
	}
	if checked < 2 {
		t.Errorf("found page numbers on %d pages", checked)
	}
}

// TestReport_PlansCarryOver turns the 2022 report's 下步工作打算 into 2023
// tasks, drafts the 2023 report, and expects it to list each promise with
// its live status.
func TestReport_PlansCarryOver(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		out := mustFazhi(t, dsn, "report", "plans", "--year", "2022", "--apply", "--owner", "区司法局", "--deadline", "2023-11-30")
		if !strings.Contains(out, "6项工作打算分解为任务（新增 6") {
			t.Fatalf("plans: %s", out)
		}
		if out := mustFazhi(t, dsn, "report", "plans", "--year", "2022", "--apply", "--owner", "区司法局"); !strings.Contains(out, "新增 0，已有 6") {
			t.Errorf("second apply: %s", out)
		}
		mustFazhi(t, dsn, "report", "draft", "--year", "2023")
		if _, _, err := fazhi(t, dsn, "report", "draft", "--year", "2023"); err == nil || !strings.Contains(err.Error(), "未覆盖") {
			t.Errorf("a second draft overwrote the first: %v", err)
		}
		md := filepath.Join(t.TempDir(), "r23.md")
		// The draft leaves 发文字号 and 成文日期 to fill: rendering refuses
		// without --force, and a forced draft says so on top.
		if _, _, err := fazhi(t, dsn, "report", "--year", "2023", "-o", md); err == nil || !strings.Contains(err.Error(), "--force") {
			t.Errorf("a draft with fields to fill rendered without --force: %v", err)
		}
		mustFazhi(t, dsn, "report", "--year", "2023", "-o", md, "--force")
		text := readFile(t, md)
		if !strings.Contains(text, "草稿：检查未通过") {
			t.Errorf("forced draft carries no mark")
		}
		if !strings.Contains(text, "# 中共偃师区委 偃师区人民政府关于2023年度法治政府建设情况的报告") {
			t.Errorf("draft title wrong")
		}
		if n := strings.Count(text, "（牵头单位：偃师区司法局；完成时限：2023年11月30日；状态：未开始）"); n != 6 {
			t.Errorf("%d carried tasks listed, want 6", n)
		}
		// A clerk records progress on one task; the report follows.
		p := filepath.Join(t.TempDir(), "progress.csv")
		os.WriteFile(p, []byte("编号,所属文件,任务,牵头单位,完成时限,状态,进展情况\nBG2022-03,《中共偃师区委 偃师区人民政府关于2022年度法治政府建设情况的报告》下步工作打算,完善合法性审查机制,区司法局,2023-11-30,推进中,已起草合法性审查工作规则\n"), 0o644)
		mustFazhi(t, dsn, "import", "plan_task", p)
		mustFazhi(t, dsn, "report", "--year", "2023", "-o", md, "--force")
		if !strings.Contains(readFile(t, md), "3.完善合法性审查机制（牵头单位：偃师区司法局；完成时限：2023年11月30日；状态：推进中；进展：已起草合法性审查工作规则）。") {
			t.Errorf("progress not shown:\n%s", readFile(t, md))
		}
	})
}

// TestReport_NextYearDraft is issue 12's first acceptance check: after
// report draft --year 2023 on the demo, the 2023 text speaks of 2023, has
// no 2022 文号 or signing date, lint flags each field to fill, and a 2022
// figure typed into the 2023 text is flagged.
func TestReport_NextYearDraft(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		mustFazhi(t, dsn, "report", "draft", "--year", "2023")
		src := mustFazhi(t, dsn, "report", "source", "--year", "2023")
		for _, bad := range []string{"偃文〔2023〕12号", "偃文〔2024〕12号", "2023年3月22日", "2024年3月22日"} {
			if strings.Contains(src, bad) {
				t.Errorf("draft copies %s", bad)
			}
		}
		md := filepath.Join(t.TempDir(), "r23.md")
		mustFazhi(t, dsn, "report", "--year", "2023", "-o", md, "--force")
		text := readFile(t, md)
		for _, want := range []string{"关于2023年度法治政府建设情况的报告", "2023年，在市委、市政府的坚强领导下", "现将2023年法治政府建设工作情况报告如下",
			"2023年共收到行政复议申请案件", "2024年，偃师区将持续深入学习贯彻", "（2022—2025年）"} {
			if !strings.Contains(text, want) {
				t.Errorf("2023 report lacks %q", want)
			}
		}
		for _, stale := range []string{"2022年共收到", "现将2022年", "2022年，全区", "2023年，偃师区将持续"} {
			if strings.Contains(text, stale) {
				t.Errorf("2023 report still says %q", stale)
			}
		}
		out, _, err := fazhi(t, dsn, "report", "lint", "--year", "2023")
		if err == nil {
			t.Fatalf("lint passed a draft with fields to fill:\n%s", out)
		}
		for _, want := range []string{"“发文字号”尚未填写", "“成文日期”尚未填写", "日期“2022年……”"} {
			if !strings.Contains(out, want) {
				t.Errorf("lint does not flag %s:\n%s", want, out)
			}
		}
		// Staff fill the fields, but one copies last year's number and date,
		// and one types the 2022 figure where the placeholder was.
		filled := strings.Replace(strings.Replace(src, "发文字号：【待填】", "发文字号：偃文〔2023〕12号", 1), "成文日期：【待填】", "成文日期：2023年3月22日", 1)
		filled = strings.Replace(filled, "申请案件{{reconsideration.received}}起", "申请案件51起", 1)
		p := filepath.Join(t.TempDir(), "r23.txt")
		os.WriteFile(p, []byte(filled), 0o644)
		mustFazhi(t, dsn, "report", "save", "--year", "2023", p)
		out, _, _ = fazhi(t, dsn, "report", "lint", "--year", "2023")
		for _, want := range []string{"沿用其他年度的文号", "沿用其他年度的成文日期", "申请案件51起”", "reconsideration.received"} {
			if !strings.Contains(out, want) {
				t.Errorf("lint does not flag %s:\n%s", want, out)
			}
		}
		if strings.Contains(out, "尚未填写") {
			t.Errorf("filled fields still flagged:\n%s", out)
		}
	})
}
