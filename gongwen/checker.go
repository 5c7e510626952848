package gongwen

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Finding is one violation of GB/T 9704-2012 found in a DOCX.
type Finding struct {
	// Paragraph is the 1-based index of the paragraph in the main document
	// (every w:p in body order, tables included); 0 for document-level
	// findings (page setup, settings, footers).
	Paragraph int
	Rule      string // clause and short description, e.g. "7.2.5 发文字号：…"
	Expected  string
	Actual    string
	Text      string // start of the paragraph's text, for orientation
}

func (f Finding) String() string {
	loc := "全文"
	if f.Paragraph > 0 {
		loc = fmt.Sprintf("第%d段", f.Paragraph)
	}
	s := fmt.Sprintf("[%s] GB/T 9704-2012 %s：应为 %s，实为 %s", loc, f.Rule, f.Expected, f.Actual)
	if f.Text != "" {
		s += "（“" + f.Text + "”）"
	}
	return s
}

// Margins are page margins in twips.
type Margins struct{ Top, Bottom, Left, Right int }

// FontUse counts the runs of CJK text set in one East Asian font and size.
type FontUse struct {
	Font string
	Size int // half-points
	Runs int
}

// Report holds what the checker measured, and its findings.
type Report struct {
	PageWidth, PageHeight int // twips
	Margins               Margins
	GridType              string // docGrid type ("" when none)
	GridLinePitch         int    // docGrid linePitch, twips
	GridCharSpace         int    // docGrid charSpace, 1/4096 pt
	LinePitch             int    // effective body line pitch, twips
	LineRule              string // how LinePitch comes about: exact, atLeast, grid, auto
	LinesPerPage          int
	CharsPerLine          int
	BodyFont              string // East Asian font of the body text
	BodySize              int    // half-points
	EvenAndOddHeaders     bool
	Footers               []string // one line per page-number footer: part, alignment, size, text
	DocNumber             string
	Title                 string
	Paragraphs            int
	Fonts                 []FontUse
	Findings              []Finding
}

// Clauses of GB/T 9704-2012 the checker reports against.
const (
	rulePaper      = "5.1 幅面尺寸：A4（210 mm×297 mm）"
	ruleMargins    = "5.2.1 页边与版心尺寸：天头37 mm±1 mm，订口28 mm±1 mm，版心156 mm×225 mm"
	ruleLines      = "5.2.3 行数和字数：一般每面排22行，每行排28个字"
	ruleIssuer     = "7.2.4 发文机关标志：居中排布，推荐使用红色小标宋体字"
	ruleDocNumber  = "7.2.5 发文字号：年份标全称用六角括号〔〕，序号不编虚位、不加“第”字"
	ruleSigner     = "7.2.6 签发人：“签发人”用3号仿宋，全角冒号，姓名用3号楷体"
	ruleRedLine    = "7.2.7 版头中的分隔线：发文字号之下4 mm处印一条红色分隔线"
	ruleTitle      = "7.3.1 标题：2号小标宋体字，居中排布"
	ruleBody       = "7.3.3 正文：用3号仿宋体字"
	ruleIndent     = "7.3.3 正文：每个自然段左空二字，回行顶格"
	ruleHeading1   = "7.3.3 结构层次序数：第一层“一、”用黑体字"
	ruleHeading2   = "7.3.3 结构层次序数：第二层“（一）”用楷体字"
	ruleHeading34  = "7.3.3 结构层次序数：第三层“1.”、第四层“（1）”用仿宋体字"
	ruleHeadingSz  = "7.3.3 正文及各层标题：3号字"
	ruleSignature  = "7.3.5 发文机关署名和成文日期：3号仿宋"
	ruleDate       = "7.3.5.4 成文日期：用阿拉伯数字将年、月、日标全，月、日不编虚位（即1不编为01）"
	ruleImprint    = "7.4.2–7.4.3 抄送、印发机关和印发日期：4号仿宋"
	rulePageNumber = "7.5 页码：4号半角宋体阿拉伯数字，数字左右各放一条一字线，单页码居右空一字，双页码居左空一字"
	ruleEvenOdd    = "7.5 页码：单、双页页码位置不同（须设置奇偶页不同）"
)

// CheckFile checks the DOCX at path.
func CheckFile(path string) ([]Finding, error) {
	rep, err := InspectFile(path)
	if err != nil {
		return nil, err
	}
	return rep.Findings, nil
}

// Check checks a DOCX against the layout rules of GB/T 9704-2012.
func Check(r io.ReaderAt, size int64) ([]Finding, error) {
	rep, err := Inspect(r, size)
	if err != nil {
		return nil, err
	}
	return rep.Findings, nil
}

// InspectFile measures and checks the DOCX at path.
func InspectFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return Inspect(f, st.Size())
}

// Inspect measures a DOCX and checks it; the report carries the findings.
func Inspect(r io.ReaderAt, size int64) (*Report, error) {
	pkg, err := openPackage(r, size)
	if err != nil {
		return nil, err
	}
	docName := pkg.mainDocument()
	doc, err := pkg.part(docName)
	if err != nil {
		return nil, err
	}
	if doc == nil || doc.child("body") == nil {
		return nil, errors.New("DOCX 中缺少正文部件 " + docName)
	}
	rels := pkg.relationships(docName)
	part := func(typ string) (*node, error) {
		for _, rel := range rels {
			if rel[0] == typ {
				return pkg.part(rel[1])
			}
		}
		return nil, nil
	}
	styles, err := part("styles")
	if err != nil {
		return nil, err
	}
	theme, err := part("theme")
	if err != nil {
		return nil, err
	}
	settings, err := part("settings")
	if err != nil {
		return nil, err
	}
	c := &checker{
		pkg: pkg, rels: rels, doc: doc, settings: settings,
		ss:  newStyleSheet(styles, theme),
		rep: &Report{},
	}
	c.collect()
	c.checkText()
	c.checkLayout()
	c.checkFooters()
	c.fontSummary()
	sort.SliceStable(c.rep.Findings, func(i, j int) bool {
		return c.rep.Findings[i].Paragraph < c.rep.Findings[j].Paragraph
	})
	return c.rep, nil
}

type checker struct {
	pkg      *docxPackage
	rels     map[string][2]string
	doc      *node
	settings *node
	ss       *styleSheet
	paras    []*para
	sections []*node
	rep      *Report
}

func (c *checker) add(p *para, rule, expected, actual string) {
	f := Finding{Rule: rule, Expected: expected, Actual: actual}
	if p != nil {
		f.Paragraph = p.index
		f.Text = excerpt(p.text, 16)
	}
	c.rep.Findings = append(c.rep.Findings, f)
}

func excerpt(s string, n int) string {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	if len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}

func (c *checker) fontSummary() {
	count := map[[2]string]int{}
	for _, p := range c.paras {
		for _, r := range p.runs {
			if hasCJK(r.text) {
				count[[2]string{r.rp.EastAsia, fmt.Sprint(r.rp.Size)}]++
			}
		}
	}
	for k, n := range count {
		var sz int
		fmt.Sscan(k[1], &sz)
		c.rep.Fonts = append(c.rep.Fonts, FontUse{Font: k[0], Size: sz, Runs: n})
	}
	sort.Slice(c.rep.Fonts, func(i, j int) bool {
		a, b := c.rep.Fonts[i], c.rep.Fonts[j]
		if a.Runs != b.Runs {
			return a.Runs > b.Runs
		}
		return a.Font+fmt.Sprint(a.Size) < b.Font+fmt.Sprint(b.Size)
	})
}

// String renders the report for people: measured facts, then findings.
func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "纸张：%.1f mm × %.1f mm（%d × %d twips）\n", mm(r.PageWidth), mm(r.PageHeight), r.PageWidth, r.PageHeight)
	fmt.Fprintf(&b, "页边距：上 %.1f mm，下 %.1f mm，左 %.1f mm，右 %.1f mm；版心 %.1f mm × %.1f mm\n",
		mm(r.Margins.Top), mm(r.Margins.Bottom), mm(r.Margins.Left), mm(r.Margins.Right),
		mm(r.PageWidth-r.Margins.Left-r.Margins.Right), mm(r.PageHeight-r.Margins.Top-r.Margins.Bottom))
	grid := "无"
	if r.GridType != "" {
		grid = fmt.Sprintf("%s，行距 %d twips，字距调整 %d", r.GridType, r.GridLinePitch, r.GridCharSpace)
	}
	fmt.Fprintf(&b, "文档网格：%s\n", grid)
	fmt.Fprintf(&b, "正文行距：%d twips（%.2f 磅，%s）；每面 %d 行，每行 %d 字\n", r.LinePitch, float64(r.LinePitch)/20, r.LineRule, r.LinesPerPage, r.CharsPerLine)
	fmt.Fprintf(&b, "正文字体：%s %s\n", orNone(r.BodyFont), sizeName(r.BodySize))
	fmt.Fprintf(&b, "奇偶页不同：%v\n", r.EvenAndOddHeaders)
	for _, f := range r.Footers {
		fmt.Fprintf(&b, "页脚：%s\n", f)
	}
	if r.DocNumber != "" {
		fmt.Fprintf(&b, "发文字号：%s\n", r.DocNumber)
	}
	if r.Title != "" {
		fmt.Fprintf(&b, "标题：%s\n", r.Title)
	}
	b.WriteString("字体使用（中文字体 字号 文字段数）：\n")
	for _, f := range r.Fonts {
		fmt.Fprintf(&b, "  %s %s ×%d\n", orNone(f.Font), sizeName(f.Size), f.Runs)
	}
	if len(r.Findings) == 0 {
		b.WriteString("未发现不符合 GB/T 9704-2012 之处。\n")
	} else {
		fmt.Fprintf(&b, "发现 %d 处不符合：\n", len(r.Findings))
		for _, f := range r.Findings {
			b.WriteString("  " + f.String() + "\n")
		}
	}
	return b.String()
}

func mm(tw int) float64 { return float64(tw) * 25.4 / 1440 }

func orNone(s string) string {
	if s == "" {
		return "（未设置）"
	}
	return s
}

var sizeNames = map[int]string{84: "初号", 72: "小初", 52: "一号", 48: "小一", 44: "二号", 36: "小二", 32: "三号", 30: "小三", 28: "四号", 24: "小四", 21: "五号", 18: "小五"}

// sizeName renders a size in half-points as its Chinese name and points.
func sizeName(hp int) string {
	pt := fmt.Sprintf("%g磅", float64(hp)/2)
	if n, ok := sizeNames[hp]; ok {
		return n + "（" + pt + "）"
	}
	return pt
}
