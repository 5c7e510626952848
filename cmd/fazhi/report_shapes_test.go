package main

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fazhi/gongwen"
	"fazhi/internal/testdb"
)

const fieldReport = "../../../shared/field/report/"

// fieldFile returns a file of the shared field folder, skipping when the
// checkout has none beside it.
func fieldFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(fieldReport, name)
	if _, err := os.Stat(p); err != nil {
		p = filepath.Join("/work/shared/field", name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("field file %s not available", name)
		}
	}
	return p
}

// TestReport_CountyShapes: the county-shaped narratives of field/report
// behave as their README says (R1 refused citing GB/T 9704-2012 §7.3.5.4;
// R1b saved, rendered with the 44-character 一级 heading, 主送机关 and two
// 签发人, lint flagging the typed 24.2% and every placeholder without an
// indicator), and the same shape with its figures bound lints clean and
// renders without --force.
func TestReport_CountyShapes(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		r1 := fieldFile(t, "report/R1-report-county-shape.txt")
		if _, _, err := fazhi(t, dsn, "report", "save", "--year", "2022", r1); err == nil || !strings.Contains(err.Error(), "GB/T 9704-2012 第7.3.5.4条") {
			t.Errorf("R1 (成文日期 in Chinese numerals) saved or wrong error: %v", err)
		}
		r1b := fieldFile(t, "report/R1b-report-county-shape-arabic-date.txt")
		mustFazhi(t, dsn, "report", "save", "--year", "2022", r1b)
		out, _, err := fazhi(t, dsn, "report", "lint", "--year", "2022")
		if err == nil {
			t.Fatalf("lint passed R1b:\n%s", out)
		}
		if !strings.Contains(out, "正文写“纠错率24.2%”") {
			t.Errorf("typed 24.2%% not flagged:\n%s", out)
		}
		for _, id := range []string{"enforcement.penalty_cases", "enforcement.fines_amount", "enforcement.permits", "decision.catalog_items",
			"counsel.advisers", "counsel.public_lawyers", "mediation.people_cases"} {
			if !strings.Contains(out, "{{"+id+"}} 不是已声明的指标") {
				t.Errorf("placeholder %s without indicator not flagged", id)
			}
		}
		for _, id := range []string{"shufa.onsite_sessions", "enforcement.case_files_reviewed"} {
			if strings.Contains(out, id) {
				t.Errorf("%s flagged though it is an indicator:\n%s", id, out)
			}
		}
		dir := t.TempDir()
		for _, ext := range []string{"md", "html", "docx"} {
			mustFazhi(t, dsn, "report", "--year", "2022", "-o", filepath.Join(dir, "r1b."+ext), "--force")
		}
		heading := "一、2022年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况"
		md := readFile(t, filepath.Join(dir, "r1b.md"))
		for _, want := range []string{"## " + heading, "市委、市政府：", "签发人：某某甲　某某乙", "区政府召开现场述法会议1次"} {
			if !strings.Contains(md, want) {
				t.Errorf("markdown lacks %q", want)
			}
		}
		if html := readFile(t, filepath.Join(dir, "r1b.html")); !strings.Contains(html, "<h2>"+heading+"</h2>") {
			t.Errorf("html: the long heading is not a 一级 heading")
		}
		doc := docxXML(t, filepath.Join(dir, "r1b.docx"))
		if !regexp.MustCompile(`<w:pStyle w:val="GwHeading1"/>.{0,400}` + regexp.QuoteMeta(heading)).MatchString(doc) {
			t.Errorf("docx: the long heading is not in 一级标题")
		}
		if !regexp.MustCompile(`GwAddressee.{0,200}市委、市政府：`).MatchString(doc) {
			t.Errorf("docx: no 主送机关 line")
		}
		if !strings.Contains(doc, "某某甲　某某乙") || !strings.Contains(doc, "偃文〔2023〕99号") {
			t.Errorf("docx: 签发人 line")
		}
		if fs, err := gongwen.CheckFile(filepath.Join(dir, "r1b.docx")); err != nil || len(fs) > 0 {
			t.Errorf("GB/T 9704 check of R1b: %v %v", err, fs)
		}

		// The same shape with every figure bound: clean, renders without --force.
		text := readFile(t, r1b)
		text = strings.Replace(text, "行政复议纠错率24.2%", "行政复议纠错率{{reconsideration.correction_rate}}%", 1)
		text = regexp.MustCompile(`[^，。；]*\{\{(enforcement\.(penalty_cases|fines_amount|permits)|decision\.catalog_items|counsel\.\w+|mediation\.\w+)\}\}[^，。；]*[，；]?`).ReplaceAllString(text, "")
		text = strings.Replace(text, "一是持续抓好述法工作。", "一是持续抓好述法工作。二是发布第四季度{{reconsideration.by_admin_domain}}。", 1)
		clean := filepath.Join(dir, "clean.txt")
		os.WriteFile(clean, []byte(text), 0o644)
		mustFazhi(t, dsn, "report", "save", "--year", "2022", clean)
		if out, _, err := fazhi(t, dsn, "report", "lint", "--year", "2022"); err != nil {
			t.Errorf("county-shaped narrative with bound figures does not lint clean: %v\n%s", err, out)
		}
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", filepath.Join(dir, "clean.md"))
		if md := readFile(t, filepath.Join(dir, "clean.md")); !strings.Contains(md, "公安7起、市场监管4起") || strings.Contains(md, "草稿") {
			t.Errorf("grouped figure not rendered as a sentence list, or marked draft")
		}
	})
}

func docxXML(t *testing.T, path string) string {
	t.Helper()
	b, err := readZipPart(path, "word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReport_PublishAndPublicHTML: report publish freezes the figures; an
// edit of a concluded case afterwards leaves the published report as it was
// and report lint names the difference; the public HTML has no party name,
// no ID number and no records appendix; the internal HTML's appendix is
// bounded and its figures link to the web interface when a server is named.
func TestReport_PublishAndPublicHTML(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		dir := t.TempDir()

		// Internal HTML: bounded appendix, or links to the web interface.
		internal := filepath.Join(dir, "internal.html")
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", internal)
		h := readFile(t, internal)
		if !strings.Contains(h, "数据来源") || !strings.Contains(h, "下表列出前 20 条") {
			t.Errorf("internal html: no bounded appendix")
		}
		for _, part := range strings.Split(h, "<table>")[1:] {
			if n := strings.Count(part, "<tr>") - 1; n > 20 && !strings.Contains(part, "增减") {
				t.Errorf("appendix table with %d rows", n)
			}
		}
		linked := filepath.Join(dir, "linked.html")
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", linked, "--base-url", "http://10.1.2.3:8080/")
		h = readFile(t, linked)
		if !strings.Contains(h, `href="http://10.1.2.3:8080/ledgers/reconsideration/records?indicator=reconsideration.received&amp;year=2022"`) || strings.Contains(h, "数据来源") {
			t.Errorf("linked html: figures do not link to the web interface")
		}

		// Publishing a draft with fields to fill is refused.
		mustFazhi(t, dsn, "report", "draft", "--year", "2023")
		if _, _, err := fazhi(t, dsn, "report", "publish", "--year", "2023"); err == nil || !strings.Contains(err.Error(), "尚未填写") {
			t.Errorf("publish of an unfilled draft: %v", err)
		}
		out := mustFazhi(t, dsn, "report", "publish", "--year", "2022")
		if !strings.Contains(out, "已发布2022年度报告") {
			t.Errorf("publish: %s", out)
		}
		if _, _, err := fazhi(t, dsn, "report", "publish", "--year", "2022"); err == nil {
			t.Errorf("a year was published twice")
		}

		// Public HTML (the default for a published year).
		pub := filepath.Join(dir, "public.html")
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", pub)
		h = readFile(t, pub)
		if strings.Contains(h, "数据来源") || strings.Contains(h, `class="fig"`) || !strings.Contains(h, "收到行政复议申请案件51起") || !strings.Contains(h, "赵玉勋") {
			t.Errorf("public html: appendix or links present, or text or 签发人 missing")
		}
		for _, name := range fixtureColumn(t, "../../demo/data/reconsideration-2022.csv", "申请人", "申请人证件号") {
			if strings.Contains(h, name) {
				t.Errorf("public html names %s", name)
			}
		}
		for _, name := range fixtureColumn(t, "../../demo/data/litigation-2022.csv", "原告") {
			if strings.Contains(h, name) {
				t.Errorf("public html names plaintiff %s", name)
			}
		}
		if regexp.MustCompile(`\d{17}[\dX]`).MatchString(h) {
			t.Errorf("public html carries an ID number")
		}

		// A concluded case edited after publication: 审结 44 → 43 now.
		rows := fixtureRows(t, "../../demo/data/reconsideration-2022.csv")
		var edit [][]string
		edit = append(edit, rows[0])
		for _, r := range rows[1:] {
			if r[0] == "偃政复〔2022〕1号" {
				r[12] = "2023-01-05"
				edit = append(edit, r)
			}
		}
		p := filepath.Join(dir, "edit.csv")
		f, _ := os.Create(p)
		csv.NewWriter(f).WriteAll(edit)
		f.Close()
		mustFazhi(t, dsn, "import", "reconsideration", p)
		if v := indicatorValue(t, dsn, "2022", "reconsideration.concluded"); v != 43 {
			t.Fatalf("edit did not change the live figure: %v", v)
		}
		md := filepath.Join(dir, "published.md")
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", md)
		if !strings.Contains(readFile(t, md), "受理48起，审结44起") {
			t.Errorf("published report changed after a record edit")
		}
		out, _, err := fazhi(t, dsn, "report", "lint", "--year", "2022")
		if err == nil || !strings.Contains(out, "审结（reconsideration.concluded）发布时为 44起，按现有台账为 43起") {
			t.Errorf("lint does not name the difference: %v\n%s", err, out)
		}
		live := filepath.Join(dir, "live.md")
		fazhi(t, dsn, "report", "--year", "2022", "-o", live, "--live", "--force")
		if !strings.Contains(readFile(t, live), "审结43起") {
			t.Errorf("--live does not show current figures")
		}
	})
}

func fixtureRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func fixtureColumn(t *testing.T, path string, labels ...string) []string {
	rows := fixtureRows(t, path)
	var out []string
	for i, h := range rows[0] {
		for _, l := range labels {
			if h == l {
				for _, r := range rows[1:] {
					if r[i] != "" {
						out = append(out, r[i])
					}
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no column %v", path, labels)
	}
	return out
}

func indicatorValue(t *testing.T, dsn, year, id string) float64 {
	t.Helper()
	var vals []struct {
		ID    string   `json:"id"`
		Value *float64 `json:"value"`
	}
	if err := json.Unmarshal([]byte(mustFazhi(t, dsn, "indicators", "--year", year, "--json")), &vals); err != nil {
		t.Fatal(err)
	}
	for _, v := range vals {
		if v.ID == id && v.Value != nil {
			return *v.Value
		}
	}
	return -1
}

// TestIndicators_EmptyYear: a year with no records is refused with a clear
// message; with --allow-empty every rate is null, and --compare against it
// claims no change.
func TestIndicators_EmptyYear(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		if _, _, err := fazhi(t, dsn, "indicators", "--year", "2030"); err == nil || !strings.Contains(err.Error(), "2030年度在统计范围（全部单位）内没有任何台账记录") {
			t.Errorf("empty year: %v", err)
		}
		var vals []map[string]any
		if err := json.Unmarshal([]byte(mustFazhi(t, dsn, "indicators", "--year", "2030", "--allow-empty", "--json")), &vals); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v["unit"] == "%" && v["value"] != nil {
				t.Errorf("%s = %v in an empty year, want null", v["id"], v["value"])
			}
		}
		text := mustFazhi(t, dsn, "indicators", "--year", "2030", "--allow-empty")
		if strings.Contains(text, "0%（0/0）") || !strings.Contains(text, "—") {
			t.Errorf("text shows 0%% for 0/0:\n%s", text)
		}
		md := filepath.Join(t.TempDir(), "c.md")
		mustFazhi(t, dsn, "report", "--year", "2022", "-o", md, "--compare", "2030")
		if c := readFile(t, md); strings.Contains(c, "+100个百分点") {
			t.Errorf("--compare with an empty year claims +100个百分点")
		}
	})
}

// TestReport_OutputFormat: the format follows the extension; a --format
// that disagrees with -o is refused and writes nothing.
func TestReport_OutputFormat(t *testing.T) {
	t.Parallel()
	dsn := demoDB(t, testdb.Engines()[0])
	dir := t.TempDir()
	bad := filepath.Join(dir, "r.docx")
	if _, _, err := fazhi(t, dsn, "report", "--year", "2022", "--format", "pdf", "-o", bad); err == nil || !strings.Contains(err.Error(), "不一致") {
		t.Errorf("--format pdf -o r.docx: %v", err)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("a refused render wrote %s", bad)
	}
	if _, _, err := fazhi(t, dsn, "report", "--year", "2022", "-o", filepath.Join(dir, "r.txt")); err == nil {
		t.Errorf(".txt accepted")
	}
	mustFazhi(t, dsn, "report", "--year", "2022", "--format", "md", "-o", filepath.Join(dir, "r.md"))
}

// TestReport_HostileNarrativeMarkdown: HTML and unsafe links from the
// narrative come out inert in the Markdown report.
func TestReport_HostileNarrativeMarkdown(t *testing.T) {
	t.Parallel()
	p := filepath.Join("/work/shared/field/hostile/evil-narrative.txt")
	if _, err := os.Stat(p); err != nil {
		p = "../../../shared/field/hostile/evil-narrative.txt"
		if _, err := os.Stat(p); err != nil {
			t.Skip("evil-narrative.txt not available")
		}
	}
	dsn := demoDB(t, testdb.Engines()[0])
	// report save refuses control characters; the rest of the file is
	// saved as it is.
	raw := strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, readFile(t, p))
	p = filepath.Join(t.TempDir(), "evil.txt")
	os.WriteFile(p, []byte(raw), 0o644)
	mustFazhi(t, dsn, "report", "save", "--year", "2022", p)
	md := filepath.Join(t.TempDir(), "evil.md")
	mustFazhi(t, dsn, "report", "--year", "2022", "-o", md, "--force")
	out := readFile(t, md)
	for _, bad := range []string{"<script", "<img", "<a href", "<div", "](javascript:", "![img](", "\x1b", "\n# 伪造", "\n| 伪造"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown carries %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "注入段落"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lost %q", want)
		}
	}
}

func readZipPart(path, name string) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return "", err
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			return string(b), err
		}
	}
	return "", os.ErrNotExist
}
