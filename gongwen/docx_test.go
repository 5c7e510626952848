package gongwen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

func inspectBytes(t *testing.T, data []byte) *Report {
	t.Helper()
	rep, err := Inspect(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestSeedDocumentPassesCheck(t *testing.T) {
	rep := inspectBytes(t, seedDOCX(t))
	for _, f := range rep.Findings {
		t.Errorf("unexpected finding: %s", f)
	}
	if rep.LinesPerPage != 22 || rep.CharsPerLine != 28 {
		t.Errorf("grid: %d lines × %d chars, want 22 × 28", rep.LinesPerPage, rep.CharsPerLine)
	}
	if rep.DocNumber != "偃文〔2023〕12号" {
		t.Errorf("DocNumber = %q", rep.DocNumber)
	}
	if rep.Title != "中共偃师区委 偃师区人民政府关于2022年度法治政府建设情况的报告" {
		t.Errorf("Title = %q", rep.Title)
	}
	want := Margins{Top: 2098, Bottom: 1984, Left: 1587, Right: 1474}
	if rep.Margins != want || rep.PageWidth != 11906 || rep.PageHeight != 16838 {
		t.Errorf("page %d×%d margins %+v", rep.PageWidth, rep.PageHeight, rep.Margins)
	}
	if !rep.EvenAndOddHeaders || len(rep.Footers) != 2 {
		t.Errorf("footers: evenAndOdd=%v %v", rep.EvenAndOddHeaders, rep.Footers)
	}
	if rep.BodyFont != "仿宋_GB2312" || rep.BodySize != 32 {
		t.Errorf("body font %q size %d", rep.BodyFont, rep.BodySize)
	}
	t.Log("\n" + rep.String())
}

func TestFullDocumentPassesCheck(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, fullDocument()); err != nil {
		t.Fatal(err)
	}
	rep := inspectBytes(t, buf.Bytes())
	for _, f := range rep.Findings {
		t.Errorf("unexpected finding: %s", f)
	}
	body := partText(t, buf.Bytes(), "word/document.xml")
	for _, s := range []string{
		`w:framePr`, `w:yAlign="bottom"`, // 版记 pinned to the bottom
		`抄送：区委办公室，区人大常委会办公室，区政协办公室。`,
		`2025年1月6日印发`, `（此件公开发布）`, `附件：1.偃师区2025年法治政府建设工作要点`,
		`<w:pStyle w:val="GwHeading4"/>`, `<w:rStyle w:val="GwHeading3Char"/>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("document.xml lacks %s", s)
		}
	}
	// 下行文: the 文号 is centred (no tabs), no 签发人.
	if strings.Contains(body, "签发人") {
		t.Error("签发人 rendered although Signer is empty")
	}
}

func partText(t *testing.T, docx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("part %s missing", name)
	return ""
}

func TestPartsWellFormedAndEscaped(t *testing.T) {
	d := seedDocument(t)
	d.Title = `关于<script>&"引号"的报告`
	d.Blocks = append(d.Blocks, Para(Plain("a < b && c > d\t制表\n换行")))
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, _ := f.Open()
		dec := xml.NewDecoder(rc)
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", f.Name, err)
				break
			}
		}
		rc.Close()
	}
	for _, n := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels"} {
		if !names[n] {
			t.Errorf("missing part %s", n)
		}
	}
	doc := partText(t, buf.Bytes(), "word/document.xml")
	for _, s := range []string{"关于&lt;script&gt;&amp;", "a &lt; b &amp;&amp; c &gt; d", "<w:tab/>", "<w:br/>"} {
		if !strings.Contains(doc, s) {
			t.Errorf("document.xml lacks %q", s)
		}
	}
	rep := inspectBytes(t, buf.Bytes())
	if !strings.Contains(rep.Title, `<script>&"引号"`) {
		t.Errorf("title read back as %q", rep.Title)
	}
}

func TestStylesNamedInChinese(t *testing.T) {
	styles := partText(t, seedDOCX(t), "word/styles.xml")
	for _, n := range []string{"公文正文", "公文标题", "一级标题", "二级标题", "三级标题", "四级标题",
		"发文机关标志", "发文字号", "署名", "成文日期", "版记", "页码", "附注", "主送机关"} {
		if !strings.Contains(styles, `<w:name w:val="`+n+`"/>`) {
			t.Errorf("no style named %s", n)
		}
	}
	for _, f := range []string{"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体", "Times New Roman"} {
		if !strings.Contains(styles, `"`+f+`"`) {
			t.Errorf("font %s not named in styles.xml", f)
		}
	}
	settings := partText(t, seedDOCX(t), "word/settings.xml")
	if !strings.Contains(settings, "<w:evenAndOddHeaders/>") {
		t.Error("evenAndOddHeaders not set")
	}
}

func TestRunInHeading(t *testing.T) {
	data := seedDOCX(t)
	pkg, err := openPackage(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := pkg.part("word/document.xml")
	styles, _ := pkg.part("word/styles.xml")
	c := &checker{doc: doc, ss: newStyleSheet(styles, nil), rep: &Report{}}
	c.collect()
	var found bool
	for _, p := range c.paras {
		if !strings.HasPrefix(p.trimmed, "（一）") {
			continue
		}
		found = true
		if len(p.runs) < 2 {
			t.Fatalf("run-in heading paragraph has %d runs", len(p.runs))
		}
		if got := p.runs[0].rp.EastAsia; got != "楷体_GB2312" {
			t.Errorf("heading run font %q, want 楷体_GB2312", got)
		}
		if got := p.runs[1].rp.EastAsia; got != "仿宋_GB2312" {
			t.Errorf("body run font %q, want 仿宋_GB2312", got)
		}
		if first, rest := p.pp.indents(32); first != 640 || rest != 0 {
			t.Errorf("indents %d/%d, want 640/0", first, rest)
		}
	}
	if !found {
		t.Fatal("no （一） paragraph")
	}
}

func TestDocumentText(t *testing.T) {
	d := seedDocument(t)
	txt := d.Text()
	order := []string{"中共洛阳市偃师区委员会", "偃文〔2023〕12号　签发人：赵玉勋",
		"中共偃师区委 偃师区人民政府关于2022年度", "一、工作开展情况",
		"2022年共收到行政复议申请案件51起", "特此报告。", "中共偃师区委\n偃师区人民政府\n2023年3月22日"}
	pos := 0
	for _, s := range order {
		i := strings.Index(txt[pos:], s)
		if i < 0 {
			t.Fatalf("Text() lacks %q after offset %d", s, pos)
		}
		pos += i + len(s)
	}
	full := fullDocument().Text()
	for _, s := range []string{"各镇人民政府、街道办事处，区人民政府各部门：", "附件：1.偃师区", "\n2.偃师区",
		"（此件公开发布）", "抄送：区委办公室，区人大常委会办公室，区政协办公室。", "洛阳市偃师区人民政府办公室　2025年1月6日印发"} {
		if !strings.Contains(full, s) {
			t.Errorf("full Text() lacks %q", s)
		}
	}
}

func TestWriteDOCXDeterministic(t *testing.T) {
	a, b := seedDOCX(t), seedDOCX(t)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same document differ")
	}
}

func TestWriteDOCXRejectsBadLevel(t *testing.T) {
	d := &Document{Title: "标题", Blocks: []Block{Head(5, "五级")}}
	if err := WriteDOCX(io.Discard, d); err == nil {
		t.Error("level 5 accepted")
	}
	if err := WriteDOCX(io.Discard, nil); err == nil {
		t.Error("nil document accepted")
	}
}

func TestFormatting(t *testing.T) {
	if got := FormatDate(time.Date(2023, 3, 2, 0, 0, 0, 0, time.UTC)); got != "2023年3月2日" {
		t.Errorf("FormatDate = %q", got)
	}
	cases := map[[2]int]string{
		{1, 1}: "一、", {1, 10}: "十、", {1, 12}: "十二、", {1, 20}: "二十、", {1, 23}: "二十三、",
		{2, 3}: "（三）", {3, 4}: "4.", {4, 11}: "（11）",
	}
	for k, want := range cases {
		if got := HeadingNumber(k[0], k[1]); got != want {
			t.Errorf("HeadingNumber(%d, %d) = %q, want %q", k[0], k[1], got, want)
		}
	}
}

func TestWrapTitle(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"短标题", []string{"短标题"}},
		{"中共偃师区委 偃师区人民政府关于2022年度法治政府建设情况的报告",
			[]string{"中共偃师区委 偃师区人民政府", "关于2022年度法治政府建设情况的报告"}},
		{"偃师区人民政府关于2024年度法治政府建设情况的报告",
			[]string{"偃师区人民政府", "关于2024年度法治政府建设情况的报告"}},
		{"关于进一步加强行政规范性文件制定和监督管理工作的通知",
			[]string{"关于进一步加强行政规范性文件", "制定和监督管理工作的通知"}},
		{"第一行\n第二行", []string{"第一行", "第二行"}},
	}
	for _, c := range cases {
		got := wrapTitle(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapTitle(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, l := range got {
			if textWidth(l) > titleCapacity {
				t.Errorf("line %q wider than %d", l, titleCapacity)
			}
		}
	}
	// No line may start with closing punctuation or split digits.
	for _, l := range wrapTitle("关于转发《洛阳市人民政府关于2025年度行政执法监督工作（试行）的意见》的通知") {
		if strings.ContainsAny(string([]rune(l)[0]), noLineStart) {
			t.Errorf("line starts with closing punctuation: %q", l)
		}
	}
}
