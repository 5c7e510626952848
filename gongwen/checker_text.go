package gongwen

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

type paraClass int

const (
	classOther paraClass = iota
	classEmpty
	classIssuer
	classDocNumber
	classTitle
	classAddressee
	classBody
	classHeading // level in para.level
	classAttachment
	classSignature
	classDate
	classNotes
	classImprint
	classTable
)

type para struct {
	index   int
	n       *node
	text    string
	trimmed string
	pp      paraProps
	base    runProps
	runs    []runInfo
	inTable bool
	red     bool // red border or red drawing (the 版头 separator)
	class   paraClass
	level   int
}

type runInfo struct {
	text string
	rp   runProps
}

// mainRun returns the properties of the paragraph's longest CJK run (the
// paragraph defaults when it has none).
func (p *para) mainRun() runProps {
	best, n := p.base, -1
	for _, r := range p.runs {
		if l := utf8.RuneCountInString(r.text); hasCJK(r.text) && l > n {
			best, n = r.rp, l
		}
	}
	return best
}

func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 {
			return true
		}
	}
	return false
}

// collect gathers the paragraphs of the body in order, with their
// effective properties, and the section properties.
func (c *checker) collect() {
	body := c.doc.child("body")
	var visit func(n *node, inTable bool)
	visit = func(n *node, inTable bool) {
		for _, k := range n.kids {
			switch k.name {
			case "p":
				p := c.newPara(k, len(c.paras)+1)
				p.inTable = inTable
				c.paras = append(c.paras, p)
				if s := k.path("pPr", "sectPr"); s != nil {
					c.sections = append(c.sections, s)
				}
				// Text boxes hold nested paragraphs.
				k.walk(func(d *node) bool {
					if d.name == "txbxContent" {
						visit(d, inTable)
						return false
					}
					return true
				})
			case "tbl":
				visit(k, true)
			case "sectPr":
				c.sections = append(c.sections, k)
			case "del", "moveFrom", "sectPrChange", "pPrChange", "rPrChange":
			default:
				visit(k, inTable)
			}
		}
	}
	visit(body, false)
	c.rep.Paragraphs = len(c.paras)
}

// newPara resolves a w:p: its text and the effective properties of its
// runs. Runs of nested paragraphs (text boxes) are not included.
func (c *checker) newPara(n *node, index int) *para {
	pPr := n.child("pPr")
	p := &para{index: index, n: n}
	p.pp, p.base = c.ss.paragraph(pPr)
	p.red = p.pp.RedBorder
	var sb strings.Builder
	var walkRuns func(m *node)
	walkRuns = func(m *node) {
		for _, k := range m.kids {
			switch k.name {
			case "r":
				t := runText(k)
				sb.WriteString(t)
				p.runs = append(p.runs, runInfo{text: t, rp: c.ss.run(p.base, k.child("rPr"))})
				if hasRedDrawing(k) {
					p.red = true
				}
			case "p", "pPr", "del", "moveFrom", "txbxContent":
			default:
				walkRuns(k)
			}
		}
	}
	walkRuns(n)
	p.text = sb.String()
	p.trimmed = strings.TrimFunc(p.text, unicode.IsSpace)
	return p
}

// runText returns a run's text: w:t, tabs and breaks; field codes and
// deleted text are left out.
func runText(r *node) string {
	var sb strings.Builder
	for _, k := range r.kids {
		switch k.name {
		case "t":
			sb.WriteString(k.text)
		case "tab", "ptab":
			sb.WriteByte('\t')
		case "br", "cr":
			sb.WriteByte('\n')
		case "noBreakHyphen":
			sb.WriteByte('-')
		}
	}
	return sb.String()
}

// hasRedDrawing reports a red line or shape inside a run (DrawingML or VML).
func hasRedDrawing(r *node) bool {
	red := false
	r.walk(func(n *node) bool {
		if red {
			return false
		}
		switch {
		case n.name == "srgbClr" && isRed(n.attr("val")):
			red = true
		case isRed(n.attr("strokecolor")) || isRed(n.attr("fillcolor")):
			red = true
		}
		return true
	})
	return red
}

var (
	// A 文号 at the start of a line, with any bracket: captures prefix,
	// opening bracket, year, closing bracket, 第, number.
	reDocNumLoose = regexp.MustCompile(`^([^\s　〔〕\[\]［］()（）【】]{1,24}?)\s*([〔\[［(（【{<《]?)\s*((?:19|20)\d{2})\s*([〕\]］)）】}>》]?)\s*(第?)\s*(\d+)\s*号`)
	reDocNum      = regexp.MustCompile(`^(.+?)〔(\d{4})〕([1-9]\d*)号$`)
	reDate        = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateOnly    = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`)
	reCNDateOnly  = regexp.MustCompile(`^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$`)
	reH1          = regexp.MustCompile(`^[一二三四五六七八九十百]+、`)
	reH2          = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
	reH3          = regexp.MustCompile(`^\d{1,2}[.．](?:[^\d]|$)`)
	reH4          = regexp.MustCompile(`^[（(]\d{1,2}[）)]`)
	reSecret      = regexp.MustCompile(`^(\d{6}|.*(★|绝密|机密|秘密|特急|加急).*)$`)
)

// Font families, by the names documents use for them.
func isFangSong(f string) bool {
	l := strings.ToLower(f)
	return strings.Contains(f, "仿宋") || strings.Contains(l, "fangsong") || strings.Contains(l, "fandolfang")
}
func isKai(f string) bool {
	l := strings.ToLower(f)
	return strings.Contains(f, "楷") || strings.Contains(l, "kaiti") || strings.Contains(l, "fandolkai") || strings.Contains(l, "ukai")
}
func isHei(f string) bool {
	l := strings.ToLower(f)
	return strings.Contains(f, "黑") || strings.Contains(l, "simhei") || strings.Contains(l, "heiti") || strings.Contains(l, "fandolhei")
}
func isXiaoBiaoSong(f string) bool {
	l := strings.ToLower(f)
	return strings.Contains(f, "小标宋") || strings.Contains(l, "xiaobiaosong") || strings.Contains(l, "xbsong")
}

type fontRule struct {
	ok   func(string) bool
	name string
	rule string
}

var (
	fontFang  = fontRule{isFangSong, "仿宋（仿宋_GB2312）", ruleBody}
	fontHei   = fontRule{isHei, "黑体", ruleHeading1}
	fontKai   = fontRule{isKai, "楷体（楷体_GB2312）", ruleHeading2}
	fontTitle = fontRule{isXiaoBiaoSong, "小标宋（方正小标宋简体）", ruleTitle}
)

// checkText classifies the paragraphs and applies the text rules.
func (c *checker) checkText() {
	c.classify()
	for _, p := range c.paras {
		c.checkDates(p)
		switch p.class {
		case classIssuer:
			if r := p.mainRun(); !isRed(r.Color) {
				c.add(p, ruleIssuer, "红色（如 FF0000）", "颜色 "+colorName(r.Color))
			}
		case classDocNumber:
			c.checkDocNumber(p)
		case classTitle:
			c.checkFont(p, 0, fontTitle, fontTitle, 44, ruleTitle)
			if p.pp.Jc != "center" {
				c.add(p, ruleTitle, "居中", jcNames[p.pp.Jc])
			}
		case classHeading:
			head := headingLength(p.trimmed)
			switch p.level {
			case 1:
				c.checkFont(p, head, fontHei, fontFang, 32, ruleHeadingSz)
			case 2:
				c.checkFont(p, head, fontKai, fontFang, 32, ruleHeadingSz)
			default:
				h := fontFang
				h.rule = ruleHeading34
				c.checkFont(p, head, h, fontFang, 32, ruleHeadingSz)
			}
			c.checkIndent(p)
		case classBody, classAttachment, classNotes:
			c.checkFont(p, 0, fontFang, fontFang, 32, ruleBody)
			if p.class == classBody && isProse(p.trimmed) {
				c.checkIndent(p)
			}
		case classAddressee:
			c.checkFont(p, 0, fontFang, fontFang, 32, ruleBody)
		case classSignature, classDate:
			f := fontFang
			f.rule = ruleSignature
			c.checkFont(p, 0, f, f, 32, ruleSignature)
		case classImprint:
			f := fontFang
			f.rule = ruleImprint
			c.checkFont(p, 0, f, f, 28, ruleImprint)
		}
	}
	c.checkRedLine()
}

// classify assigns each paragraph a role from its text, position and
// alignment: 版头 (issuer, 文号), title, body, headings, 署名, dates, 版记.
func (c *checker) classify() {
	nonEmpty := []*para{}
	for _, p := range c.paras {
		switch {
		case p.inTable:
			p.class = classTable
		case p.trimmed == "":
			p.class = classEmpty
		default:
			nonEmpty = append(nonEmpty, p)
		}
	}
	// 发文字号: a short line near the top starting with a number.
	numAt := -1
	for i, p := range nonEmpty {
		if i >= 15 {
			break
		}
		if utf8.RuneCountInString(p.trimmed) <= 60 && reDocNumLoose.MatchString(p.trimmed) && !strings.HasSuffix(p.trimmed, "。") {
			numAt = i
			p.class = classDocNumber
			c.rep.DocNumber = docNumberOf(p.trimmed)
			break
		}
	}
	for i := 0; i < numAt; i++ {
		if p := nonEmpty[i]; !reSecret.MatchString(p.trimmed) {
			p.class = classIssuer
		}
	}
	// 标题: the first centred paragraph after the 版头, with the centred
	// paragraphs right after it. Without a 文号, red centred lines at the
	// top are the 标志.
	titleEnd := max(numAt+1, 0)
	for i := numAt + 1; i < len(nonEmpty) && i < numAt+7; i++ {
		p := nonEmpty[i]
		if strings.Contains(p.trimmed, "签发人") {
			continue
		}
		if p.pp.Jc == "center" && isRed(p.mainRun().Color) {
			if numAt < 0 {
				p.class = classIssuer
			}
			continue
		}
		if p.pp.Jc != "center" {
			break
		}
		for j := i; j < len(nonEmpty) && j < i+3 && nonEmpty[j].pp.Jc == "center"; j++ {
			nonEmpty[j].class = classTitle
			c.rep.Title += strings.ReplaceAll(nonEmpty[j].trimmed, "\n", "")
			titleEnd = j + 1
		}
		break
	}
	// Signer line in the 版头.
	for i := 0; i < titleEnd && i < len(nonEmpty); i++ {
		if p := nonEmpty[i]; p.class == classOther && strings.Contains(p.trimmed, "签发人") {
			p.class = classDocNumber
		}
	}
	// The rest: body and closing parts.
	rest := nonEmpty[min(titleEnd, len(nonEmpty)):]
	firstBody := true
	for i, p := range rest {
		if p.class != classOther {
			continue
		}
		t := p.trimmed
		switch {
		case p.pp.Framed || strings.HasPrefix(t, "抄送") || strings.HasSuffix(t, "印发") && utf8.RuneCountInString(t) <= 60:
			p.class = classImprint
		case reDateOnly.MatchString(t) || reCNDateOnly.MatchString(t):
			p.class = classDate
		case strings.HasPrefix(t, "附件：") || strings.HasPrefix(t, "附件:"),
			i > 0 && rest[i-1].class == classAttachment && reH3.MatchString(t):
			p.class = classAttachment
		case firstBody && strings.HasSuffix(t, "：") && utf8.RuneCountInString(t) <= 60 && !reH1.MatchString(t):
			p.class = classAddressee
		case reH1.MatchString(t):
			p.class, p.level = classHeading, 1
		case reH2.MatchString(t):
			p.class, p.level = classHeading, 2
		case reH4.MatchString(t):
			p.class, p.level = classHeading, 4
		case reH3.MatchString(t):
			p.class, p.level = classHeading, 3
		case isSignatureLine(t) && followedByDate(rest[i+1:]):
			p.class = classSignature
		case strings.HasPrefix(t, "（") && strings.HasSuffix(t, "）") && i > 0 && rest[i-1].class == classDate:
			p.class = classNotes
		default:
			p.class = classBody
		}
		firstBody = false
	}
}

func isSignatureLine(t string) bool {
	return utf8.RuneCountInString(t) <= 30 && !strings.ContainsAny(t, "。，；：？！")
}

// followedByDate reports whether the next paragraphs are more signature
// lines and then a date.
func followedByDate(next []*para) bool {
	for i, p := range next {
		if i >= 6 {
			return false
		}
		t := p.trimmed
		if reDateOnly.MatchString(t) || reCNDateOnly.MatchString(t) {
			return true
		}
		if !isSignatureLine(t) {
			return false
		}
	}
	return false
}

// isProse reports whether a body paragraph is running text (rather than a
// one-line label such as a table caption): it ends a sentence or is longer
// than one line.
func isProse(t string) bool {
	return utf8.RuneCountInString(t) > 28 || strings.ContainsAny(lastRune(t), "。！？；：…”")
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// headingLength returns the length in runes of the heading part of a
// paragraph: up to and including the first 。 (a run-in heading), else the
// whole paragraph.
func headingLength(t string) int {
	if i := strings.Index(t, "。"); i >= 0 {
		return utf8.RuneCountInString(t[:i]) + 1
	}
	return utf8.RuneCountInString(t)
}

// checkFont checks the East Asian font and the size of the paragraph's CJK
// runs: runs starting within the first head runes against headFont, the
// others against bodyFont. One finding per rule and paragraph.
func (c *checker) checkFont(p *para, head int, headFont, bodyFont fontRule, size int, sizeRule string) {
	pos := 0
	lead := len(p.text) - len(strings.TrimLeftFunc(p.text, unicode.IsSpace))
	leadRunes := utf8.RuneCountInString(p.text[:lead])
	reported := map[string]bool{}
	for _, r := range p.runs {
		start := pos - leadRunes
		pos += utf8.RuneCountInString(r.text)
		if strings.TrimSpace(r.text) == "" {
			continue
		}
		want := bodyFont
		if start < head {
			want = headFont
		}
		if hasCJK(r.text) && !want.ok(r.rp.EastAsia) && !reported["font "+want.rule] {
			reported["font "+want.rule] = true
			c.add(p, want.rule, want.name, "字体 "+orNone(r.rp.EastAsia))
		}
		if r.rp.Size != size && !reported["size "+sizeRule] {
			reported["size "+sizeRule] = true
			c.add(p, sizeRule, sizeName(size), sizeName(r.rp.Size))
		}
	}
}

// checkIndent checks the 2-character first-line indent with wrapped lines
// flush left.
func (c *checker) checkIndent(p *para) {
	size := p.mainRun().Size
	first, rest := p.pp.indents(size)
	char := size * 10
	if first < 2*char-80 || first > 2*char+80 || abs(rest) > 80 {
		c.add(p, ruleIndent, fmt.Sprintf("首行缩进2字（约%d twips），回行顶格", 2*char),
			fmt.Sprintf("首行起于%.1f字，回行起于%.1f字", float64(first)/float64(char), float64(rest)/float64(char)))
	}
}

// checkDocNumber checks the 文号 (7.2.5) and, on the same line, 签发人 (7.2.6).
func (c *checker) checkDocNumber(p *para) {
	t := p.trimmed
	if strings.Contains(t, "签发人") {
		c.checkSigner(p)
	}
	m := reDocNumLoose.FindStringSubmatch(t)
	if m == nil {
		return
	}
	prefix, open, year, close, di, seq := m[1], m[2], m[3], m[4], m[5], m[6]
	want := fmt.Sprintf("%s〔%s〕%s号", prefix, year, strings.TrimLeft(seq, "0"))
	found := strings.Join(strings.Fields(m[0]), "")
	if open != "〔" || close != "〕" {
		c.add(p, ruleDocNumber, want+"（六角括号〔〕）", found+"（括号 "+open+close+"）")
	}
	if di != "" {
		c.add(p, ruleDocNumber, want+"（序号前不加“第”）", found)
	}
	if strings.HasPrefix(seq, "0") {
		c.add(p, ruleDocNumber, want+"（序号不编虚位）", found)
	}
	if open == "〔" && close == "〕" && di == "" && !strings.HasPrefix(seq, "0") && !reDocNum.MatchString(found) {
		c.add(p, ruleDocNumber, want, found)
	}
}

func docNumberOf(t string) string {
	m := reDocNumLoose.FindString(t)
	return strings.Join(strings.Fields(m), "")
}

func (c *checker) checkSigner(p *para) {
	i := strings.Index(p.text, "签发人")
	after := p.text[i+len("签发人"):]
	if strings.HasPrefix(after, ":") {
		c.add(p, ruleSigner, "签发人后用全角冒号“：”", "半角冒号“:”")
	}
	pos := 0
	for _, r := range p.runs {
		start, end := pos, pos+len(r.text)
		pos = end
		if strings.TrimSpace(r.text) == "" || end <= i {
			continue
		}
		label := start < i+len("签发人：")
		switch {
		case label && strings.Contains(r.text, "签发人") && !isFangSong(r.rp.EastAsia):
			c.add(p, ruleSigner, "“签发人”用仿宋", "字体 "+orNone(r.rp.EastAsia))
		case !label && hasCJK(r.text) && !isKai(r.rp.EastAsia):
			c.add(p, ruleSigner, "签发人姓名用楷体", "字体 "+orNone(r.rp.EastAsia))
			return
		}
	}
}

// checkDates flags dates with leading zeros anywhere, and a 成文日期 in
// Chinese numerals.
func (c *checker) checkDates(p *para) {
	for _, m := range reDate.FindAllStringSubmatch(p.text, -1) {
		if strings.HasPrefix(m[2], "0") || strings.HasPrefix(m[3], "0") {
			want := fmt.Sprintf("%s年%s月%s日", m[1], strings.TrimLeft(m[2], "0"), strings.TrimLeft(m[3], "0"))
			c.add(p, ruleDate, want, m[0])
		}
	}
	if p.class == classDate && reCNDateOnly.MatchString(p.trimmed) {
		c.add(p, ruleDate, "阿拉伯数字（如2023年3月22日）", p.trimmed)
	}
}

// checkRedLine requires a red separator in the 版头 when there is a 文号.
func (c *checker) checkRedLine() {
	var num *para
	for _, p := range c.paras {
		if p.class == classDocNumber && num == nil {
			num = p
		}
	}
	if num == nil {
		return
	}
	for _, p := range c.paras[max(0, num.index-4):] {
		if p.red {
			return
		}
		if p.class == classTitle || p.class == classBody {
			break
		}
	}
	c.add(num, ruleRedLine, "发文字号下方有红色分隔线（红色段落边框或红色线条）", "未找到红色分隔线")
}

func colorName(c string) string {
	if c == "" {
		return "自动（黑色）"
	}
	return c
}
