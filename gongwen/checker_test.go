package gongwen

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mutate returns a copy of a DOCX with one part edited; the edit must
// change the part.
func mutate(t *testing.T, docx []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	changed := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			s := edit(string(data))
			changed = s != string(data)
			data = []byte(s)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatalf("mutation of %s changed nothing", part)
	}
	return buf.Bytes()
}

func replace(old, new string) func(string) string {
	return func(s string) string { return strings.ReplaceAll(s, old, new) }
}

func TestCheckerFindsMutations(t *testing.T) {
	seed := seedDOCX(t)
	cases := []struct {
		name, part string
		edit       func(string) string
		rule       string
		actual     string // substring of Finding.Actual
	}{
		{"top margin 25.4 mm", "word/document.xml", replace(`w:top="2098"`, `w:top="1440"`), ruleMargins, "上白边（天头） 25.4 mm"},
		{"left margin 31.8 mm", "word/document.xml", replace(`w:left="1587"`, `w:left="1800"`), ruleMargins, "左白边（订口） 31.8 mm"},
		{"right margin 25 mm", "word/document.xml", replace(`w:right="1474"`, `w:right="1400"`), ruleMargins, "右白边"},
		{"bottom margin", "word/document.xml", replace(`w:bottom="1984"`, `w:bottom="2100"`), ruleMargins, "下白边"},
		{"letter paper", "word/document.xml", replace(`<w:pgSz w:w="11906" w:h="16838"/>`, `<w:pgSz w:w="12240" w:h="15840"/>`), rulePaper, "215.9 mm × 279.4 mm"},
		{"date with leading zero", "word/document.xml", replace("2023年3月22日", "2023年03月22日"), ruleDate, "2023年03月22日"},
		{"date in Chinese numerals", "word/document.xml", replace("2023年3月22日", "二〇二三年三月二十二日"), ruleDate, "二〇二三年三月二十二日"},
		{"[2023] brackets", "word/document.xml", replace("偃文〔2023〕12号", "偃文[2023]12号"), ruleDocNumber, "偃文[2023]12号"},
		{"(2023) brackets", "word/document.xml", replace("偃文〔2023〕12号", "偃文（2023）12号"), ruleDocNumber, "（2023）"},
		{"第12号", "word/document.xml", replace("偃文〔2023〕12号", "偃文〔2023〕第12号"), ruleDocNumber, "第12号"},
		{"012号", "word/document.xml", replace("偃文〔2023〕12号", "偃文〔2023〕012号"), ruleDocNumber, "012号"},
		{"body in 宋体", "word/styles.xml", replace(`w:eastAsia="仿宋_GB2312" w:cs=`, `w:eastAsia="宋体" w:cs=`), ruleBody, "宋体"},
		{"body in 小四", "word/styles.xml", replace(`<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang`, `<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang`), ruleHeadingSz, "小四"},
		{"level-1 heading in 仿宋", "word/styles.xml", replace(`<w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>`+"\n"+`<w:style w:type="paragraph" w:customStyle="1" w:styleId="GwHeading2">`, `<w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:style>`+"\n"+`<w:style w:type="paragraph" w:customStyle="1" w:styleId="GwHeading2">`), ruleHeading1, "仿宋_GB2312"},
		{"run-in level-2 heading in 黑体", "word/styles.xml", replace(`<w:name w:val="二级标题字符"/><w:link w:val="GwHeading2"/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/>`, `<w:name w:val="二级标题字符"/><w:link w:val="GwHeading2"/><w:rPr><w:rFonts w:eastAsia="黑体"/>`), ruleHeading2, "黑体"},
		{"title in 黑体", "word/styles.xml", replace(`w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>`, `w:eastAsia="黑体"/><w:sz w:val="44"/>`), ruleTitle, "黑体"},
		{"title 小二", "word/styles.xml", replace(`<w:sz w:val="44"/><w:szCs w:val="44"/>`, `<w:sz w:val="36"/><w:szCs w:val="36"/>`), ruleTitle, "小二"},
		{"issuer black", "word/styles.xml", replace(`<w:color w:val="FF0000"/>`, `<w:color w:val="000000"/>`), ruleIssuer, "000000"},
		{"no red separator", "word/styles.xml", replace(`<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="8" w:color="FF0000"/></w:pBdr>`, ``), ruleRedLine, "未找到"},
		{"no first-line indent", "word/styles.xml", replace(`<w:ind w:firstLine="640"/>`, ``), ruleIndent, "首行起于0.0字"},
		{"signer name in 仿宋", "word/styles.xml", replace(`<w:name w:val="签发人姓名"/><w:qFormat/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/>`, `<w:name w:val="签发人姓名"/><w:qFormat/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/>`), ruleSigner, "仿宋_GB2312"},
		{"footers both right", "word/footer2.xml", replace(`<w:ind w:left="280"/><w:jc w:val="left"/>`, `<w:ind w:right="280"/><w:jc w:val="right"/>`), rulePageNumber, "双页（偶数页）页码居右"},
		{"page number 五号", "word/styles.xml", replace(`<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>`+"\n</w:styles>", `<w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>`+"\n</w:styles>"), rulePageNumber, "五号"},
		{"no PAGE field", "word/footer1.xml", replace(" PAGE ", " DATE "), rulePageNumber, "没有 PAGE 域"},
		{"no 一字线", "word/footer1.xml", replace("—", ""), rulePageNumber, "页脚文字"},
		{"no evenAndOddHeaders", "word/settings.xml", replace(`<w:evenAndOddHeaders/>`, ``), ruleEvenOdd, "未设置"},
		{"line pitch 30 pt", "word/styles.xml", replace(`w:line="579" w:lineRule="exact"`, `w:line="600" w:lineRule="exact"`), ruleLines, "每面21行"},
		{"single spacing, no grid", "word/styles.xml", replace(`w:line="579" w:lineRule="exact"`, `w:line="240" w:lineRule="auto"`), ruleLines, "未固定行距"},
		{"27 characters a line", "word/styles.xml", replace(`<w:w w:val="98"/>`, `<w:w w:val="100"/>`), ruleLines, "每行27字"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "single spacing, no grid" {
				seed := mutate(t, seed, "word/document.xml", replace(`<w:docGrid w:type="lines" w:linePitch="579"/>`, ``))
				check(t, mutate(t, seed, c.part, c.edit), c.rule, c.actual)
				return
			}
			check(t, mutate(t, seed, c.part, c.edit), c.rule, c.actual)
		})
	}
}

func check(t *testing.T, docx []byte, rule, actual string) {
	t.Helper()
	fs, err := Check(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Rule == rule && strings.Contains(f.Actual, actual) {
			t.Logf("found: %s", f)
			return
		}
	}
	t.Errorf("no finding %q with actual containing %q; got:", rule, actual)
	for _, f := range fs {
		t.Errorf("  %s", f)
	}
}

func TestCheckFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.docx")
	if err := os.WriteFile(path, mutate(t, seedDOCX(t), "word/document.xml", replace("2023年3月22日", "2023年3月02日")), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, err := CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != ruleDate || fs[0].Expected != "2023年3月2日" || fs[0].Paragraph == 0 {
		t.Errorf("findings = %v", fs)
	}
	if _, err := CheckFile(filepath.Join(t.TempDir(), "missing.docx")); err == nil {
		t.Error("missing file: no error")
	}
	bad := filepath.Join(t.TempDir(), "bad.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	if _, err := CheckFile(bad); err == nil {
		t.Error("non-zip: no error")
	}
}

// wordLikeDOCX builds a small DOCX the way Word's zh-CN Normal template
// does: theme fonts (等线), 五号, single spacing, one section with Letter
// margins, no footers.
func wordLikeDOCX(t *testing.T) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>`,
		"word/theme/theme1.xml": `<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements><a:fontScheme name="Office">` +
			`<a:majorFont><a:latin typeface="等线 Light"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont>` +
			`<a:minorFont><a:latin typeface="等线"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>`,
		"word/styles.xml": `<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
			`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi"/><w:kern w:val="2"/><w:sz w:val="21"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Fang"><w:name w:val="仿宋正文"/><w:basedOn w:val="a"/><w:rPr><w:rFonts w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr></w:style>` +
			`</w:styles>`,
		"word/document.xml": `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>关于开展法治督察的通知</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>各单位：</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr><w:r><w:t>为深入贯彻落实法治政府建设实施纲要，现就开展2025年度法治督察工作通知如下。</w:t></w:r></w:p>` +
			`<w:p><w:pPr><w:pStyle w:val="Fang"/><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:t>这一段用仿宋三号，按字符缩进两字，应当通过字体检查。</w:t></w:r></w:p>` +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>` +
			`</w:body></w:document>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, s := range parts {
		w, _ := zw.Create(name)
		io.WriteString(w, s)
	}
	zw.Close()
	return buf.Bytes()
}

func TestCheckerWordDefaults(t *testing.T) {
	rep := inspectBytes(t, wordLikeDOCX(t))
	t.Log("\n" + rep.String())
	has := func(rule, actual string) bool {
		for _, f := range rep.Findings {
			if f.Rule == rule && strings.Contains(f.Actual, actual) {
				return true
			}
		}
		return false
	}
	for _, w := range []struct{ rule, actual string }{
		{ruleMargins, "上白边（天头） 25.4 mm"},
		{ruleMargins, "左白边（订口） 31.8 mm"},
		{ruleTitle, "等线"},
		{ruleBody, "等线"},
		{ruleBody, "五号"},
		{ruleEvenOdd, "未设置"},
		{rulePageNumber, "没有页脚"},
		{ruleLines, "每面"},
	} {
		if !has(w.rule, w.actual) {
			t.Errorf("no finding %q / %q", w.rule, w.actual)
		}
	}
	// The 仿宋 三号 paragraph with a character-unit indent is fine.
	for _, f := range rep.Findings {
		if f.Paragraph == 4 {
			t.Errorf("paragraph 4 should pass: %s", f)
		}
	}
	if rep.Title != "关于开展法治督察的通知" {
		t.Errorf("title %q", rep.Title)
	}
}
