package gongwen

import (
	"fmt"
	"math"
	"strings"
)

// Tolerances of GB/T 9704 5.2.1 (±1 mm) in twips.
var marginRanges = []struct {
	name     string
	get      func(Margins) int
	lo, hi   int
	nominal  string
	expected string
}{
	{"上白边（天头）", func(m Margins) int { return m.Top }, 2041, 2155, "37 mm", "37±1 mm（2041–2155 twips）"},
	{"下白边", func(m Margins) int { return m.Bottom }, 1928, 2041, "35 mm", "35±1 mm（1928–2041 twips）"},
	{"左白边（订口）", func(m Margins) int { return m.Left }, 1531, 1644, "28 mm", "28±1 mm（1531–1644 twips）"},
	{"右白边", func(m Margins) int { return m.Right }, 1417, 1531, "26 mm", "26±1 mm（1417–1531 twips）"},
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// checkLayout checks page size, margins, the grid and the resulting lines
// per page and characters per line (5.1, 5.2.1, 5.2.3).
func (c *checker) checkLayout() {
	if len(c.sections) == 0 {
		c.add(nil, rulePaper, "A4 页面设置（w:sectPr）", "文档没有页面设置，将使用软件默认值")
		return
	}
	for i, s := range c.sections {
		w, _ := s.child("pgSz").intAttr("w")
		h, _ := s.child("pgSz").intAttr("h")
		pm := s.child("pgMar")
		var m Margins
		m.Top, _ = pm.intAttr("top")
		m.Bottom, _ = pm.intAttr("bottom")
		m.Left, _ = pm.intAttr("left")
		m.Right, _ = pm.intAttr("right")
		m.Top, m.Bottom = abs(m.Top), abs(m.Bottom) // negative: "exactly", same distance
		if g, ok := pm.intAttr("gutter"); ok && g > 0 {
			if onOff(c.settings.child("gutterAtTop")) {
				m.Top += g
			} else {
				m.Left += g
			}
		}
		last := i == len(c.sections)-1
		if last {
			c.rep.PageWidth, c.rep.PageHeight, c.rep.Margins = w, h, m
		}
		sect := ""
		if len(c.sections) > 1 {
			sect = fmt.Sprintf("第%d节：", i+1)
		}
		if abs(w-pageW) > 20 || abs(h-pageH) > 20 {
			c.add(nil, rulePaper, "210 mm × 297 mm（11906 × 16838 twips）",
				fmt.Sprintf("%s%.1f mm × %.1f mm（%d × %d twips）", sect, mm(w), mm(h), w, h))
		}
		for _, r := range marginRanges {
			if v := r.get(m); v < r.lo || v > r.hi {
				c.add(nil, ruleMargins, r.name+" "+r.expected, fmt.Sprintf("%s%s %.1f mm（%d twips）", sect, r.name, mm(v), v))
			}
		}
		if last {
			c.checkGrid(s, w, h, m)
		}
	}
}

// bodyProps returns the most common effective paragraph and run properties
// among body paragraphs (the defaults when there are none).
func (c *checker) bodyProps() (paraProps, runProps) {
	type key struct {
		line     int
		rule     string
		snap     bool
		size     int
		scale    int
		spacing  int
		eastAsia string
	}
	count := map[key]int{}
	var best key
	first := map[key]*para{}
	for _, p := range c.paras {
		if p.class != classBody || len(p.runs) == 0 {
			continue
		}
		r := p.mainRun()
		k := key{p.pp.Line, p.pp.LineRule, p.pp.SnapToGrid, r.Size, r.Scale, r.Spacing, r.EastAsia}
		count[k]++
		if first[k] == nil {
			first[k] = p
		}
		if count[k] > count[best] {
			best = k
		}
	}
	if p := first[best]; p != nil {
		return p.pp, p.mainRun()
	}
	pp, rp := c.ss.paragraph(nil)
	return pp, rp
}

func (c *checker) checkGrid(s *node, w, h int, m Margins) {
	grid := s.child("docGrid")
	gt := grid.attr("type")
	if gt == "default" {
		gt = ""
	}
	c.rep.GridType = gt
	c.rep.GridLinePitch, _ = grid.intAttr("linePitch")
	c.rep.GridCharSpace, _ = grid.intAttr("charSpace")
	if c.rep.GridCharSpace > math.MaxInt32 { // LibreOffice writes it as uint32
		c.rep.GridCharSpace -= 1 << 32
	}
	pp, rp := c.bodyProps()
	c.rep.BodyFont, c.rep.BodySize = rp.EastAsia, rp.Size

	// Line pitch.
	natural := int(math.Round(float64(rp.Size) * 10 * 1.3)) // single line of the font, approx.
	gridOn := gt != "" && c.rep.GridLinePitch > 0 && pp.SnapToGrid
	pitch, how := 0, pp.LineRule
	switch pp.LineRule {
	case "exact":
		pitch = pp.Line
	case "atLeast":
		pitch = max(pp.Line, natural)
		if gridOn {
			pitch = ceilTo(pitch, c.rep.GridLinePitch)
			how = "grid"
		}
	default:
		pitch = natural * pp.Line / 240
		if gridOn {
			pitch = ceilTo(pitch, c.rep.GridLinePitch)
			how = "grid"
		}
	}
	c.rep.LinePitch, c.rep.LineRule = pitch, how
	textH := h - m.Top - m.Bottom
	if pitch > 0 {
		c.rep.LinesPerPage = (textH + 10) / pitch
	}
	if how == "auto" {
		c.add(nil, ruleLines, "固定行距（如固定值28.95磅）或按22行设置文档网格",
			fmt.Sprintf("未固定行距（按字体约%.1f磅一行，约%d行）", float64(pitch)/20, c.rep.LinesPerPage))
	} else if c.rep.LinesPerPage != 22 {
		c.add(nil, ruleLines, "每面22行（行距约579 twips，即28.95磅）",
			fmt.Sprintf("每面%d行（行距%d twips，即%.2f磅）", c.rep.LinesPerPage, pitch, float64(pitch)/20))
	}

	// Character pitch.
	textW := w - m.Left - m.Right
	var charPitch float64
	if gt == "linesAndChars" || gt == "snapToChars" {
		base := c.ss.defaultSize()
		charPitch = float64(base)*10 + float64(c.rep.GridCharSpace)*20/4096
	} else {
		charPitch = float64(rp.Size)*10*float64(rp.Scale)/100 + float64(rp.Spacing)
	}
	if charPitch > 0 {
		c.rep.CharsPerLine = int((float64(textW) + 5) / charPitch)
	}
	if c.rep.CharsPerLine != 28 {
		c.add(nil, ruleLines, "每行28字（字距约315.9 twips）",
			fmt.Sprintf("每行%d字（字距%.1f twips）", c.rep.CharsPerLine, charPitch))
	}
}

func ceilTo(v, unit int) int { return (v + unit - 1) / unit * unit }

// defaultSize is the size of the default paragraph style's text, which
// Word's character grid is based on.
func (s *styleSheet) defaultSize() int {
	_, rp := s.paragraph(nil)
	return rp.Size
}

// checkFooters checks settings and the odd/even page-number footers (7.5).
func (c *checker) checkFooters() {
	c.rep.EvenAndOddHeaders = onOff(c.settings.child("evenAndOddHeaders"))
	refs := map[string]string{} // type → part, inherited section to section
	for _, s := range c.sections {
		for _, fr := range s.children("footerReference") {
			typ := fr.attr("type")
			if typ == "" {
				typ = "default"
			}
			if rel, ok := c.rels[fr.attr("id")]; ok {
				refs[typ] = rel[1]
			}
		}
	}
	if !c.rep.EvenAndOddHeaders {
		c.add(nil, ruleEvenOdd, "settings.xml 中设置 <w:evenAndOddHeaders/>", "未设置奇偶页不同，单双页页码位置相同")
	}
	odd, hasOdd := refs["default"]
	even, hasEven := refs["even"]
	if !hasOdd {
		c.add(nil, rulePageNumber, "页脚中有页码（PAGE 域）", "没有页脚")
		return
	}
	c.checkFooter("default", odd, "right")
	if c.rep.EvenAndOddHeaders {
		if !hasEven {
			c.add(nil, rulePageNumber, "双页页脚中有居左的页码", "设置了奇偶页不同但没有双页页脚，双页无页码")
		} else {
			c.checkFooter("even", even, "left")
		}
	}
}

var jcNames = map[string]string{"left": "居左", "start": "居左", "right": "居右", "end": "居右", "center": "居中", "both": "两端对齐", "distribute": "分散对齐", "": "居左"}

func (c *checker) checkFooter(typ, name, want string) {
	ftr, err := c.pkg.part(name)
	side := map[string]string{"default": "单页（奇数页）", "even": "双页（偶数页）"}[typ]
	if err != nil || ftr == nil {
		c.add(nil, rulePageNumber, side+"页脚部件可读", fmt.Sprintf("页脚部件 %s 缺失或无法解析", name))
		return
	}
	var page *node
	ftr.walk(func(n *node) bool {
		if page != nil {
			return false
		}
		if n.name == "p" && paragraphHasPageField(n) {
			page = n
			return false
		}
		return true
	})
	if page == nil {
		c.rep.Footers = append(c.rep.Footers, fmt.Sprintf("%s：%s 无页码", side, name))
		c.add(nil, rulePageNumber, side+"页脚中有页码（PAGE 域）", "页脚中没有 PAGE 域")
		return
	}
	p := c.newPara(page, 0)
	jc := p.pp.Jc
	if jc == "both" || jc == "distribute" {
		jc = "left" // a single short line
	}
	if jc == "start" || jc == "" {
		jc = "left"
	}
	if jc == "end" {
		jc = "right"
	}
	sizes := map[int]bool{}
	for _, r := range p.runs {
		if strings.TrimSpace(r.text) != "" {
			sizes[r.rp.Size] = true
		}
	}
	size := 0
	for s := range sizes {
		if size == 0 || s != 28 {
			size = s
		}
	}
	c.rep.Footers = append(c.rep.Footers, fmt.Sprintf("%s：%s %s %s “%s”", side, name, jcNames[jc], sizeName(size), strings.TrimSpace(p.text)))
	if jc != want {
		c.add(nil, rulePageNumber, side+"页码"+jcNames[want], side+"页码"+jcNames[p.pp.Jc])
	}
	if len(sizes) > 1 || size != 28 {
		c.add(nil, rulePageNumber, side+"页码4号字（14磅，w:sz=28）", side+"页码"+sizeName(size))
	}
	if !strings.ContainsAny(p.text, "—―─‒–") {
		c.add(nil, rulePageNumber, side+"页码两侧各有一条一字线（— 1 —）", fmt.Sprintf("页脚文字“%s”", strings.TrimSpace(p.text)))
	}
	// One character in from the edge: an indent, or a space in the text.
	in := p.pp.Right
	trimmed := strings.TrimRight(p.text, " 　")
	if want == "left" {
		in = p.pp.Left
		trimmed = strings.TrimLeft(p.text, " 　")
	}
	if in < 140 && trimmed == p.text {
		c.add(nil, rulePageNumber, side+"页码"+map[string]string{"right": "右", "left": "左"}[want]+"空一字",
			fmt.Sprintf("缩进 %d twips，无空格", in))
	}
}

func paragraphHasPageField(p *node) bool {
	found := false
	p.walk(func(n *node) bool {
		switch {
		case n.name == "instrText" && isPageInstr(n.text):
			found = true
		case n.name == "fldSimple" && isPageInstr(n.attr("instr")):
			found = true
		}
		return !found
	})
	return found
}

func isPageInstr(s string) bool {
	f := strings.Fields(strings.ToUpper(s))
	return len(f) > 0 && f[0] == "PAGE"
}
