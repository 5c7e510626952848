package gongwen

import (
	"strconv"
	"strings"
)

// runProps are the effective run properties the checker needs.
type runProps struct {
	EastAsia string // font for CJK characters
	ASCII    string // font for Latin letters and digits
	Size     int    // half-points
	Color    string // RRGGBB, "" for automatic (black)
	Scale    int    // w:w, percent
	Spacing  int    // w:spacing, twips (twentieths of a point)
}

// paraProps are the effective paragraph properties the checker needs.
type paraProps struct {
	Jc                 string
	Left, Right        int // twips
	FirstLine, Hanging int // twips; at most one is non-zero
	// Character-unit indents (hundredths of a character); they win over
	// the twips values when non-zero, as in Word.
	LeftChars, FirstLineChars, HangingChars int
	Line                                    int    // w:spacing/@w:line
	LineRule                                string // auto, exact, atLeast
	SnapToGrid                              bool
	Framed                                  bool
	RedBorder                               bool
}

// styleDef is one w:style.
type styleDef struct {
	typ, id, name, basedOn string
	isDefault              bool
	pPr, rPr               *node
}

// styleSheet resolves effective properties through docDefaults, style
// basedOn chains, character styles and direct formatting.
type styleSheet struct {
	styles      map[string]*styleDef
	defaultPara string
	defaultChar string
	rPrDefault  *node
	pPrDefault  *node
	theme       map[string]string // minorEastAsia etc. → typeface
}

func newStyleSheet(styles, theme *node) *styleSheet {
	s := &styleSheet{styles: map[string]*styleDef{}, theme: themeFonts(theme)}
	s.rPrDefault = styles.path("docDefaults", "rPrDefault", "rPr")
	s.pPrDefault = styles.path("docDefaults", "pPrDefault", "pPr")
	for _, st := range styles.children("style") {
		d := &styleDef{
			typ: st.attr("type"), id: st.attr("styleId"),
			name:    st.child("name").attr("val"),
			basedOn: st.child("basedOn").attr("val"),
			pPr:     st.child("pPr"), rPr: st.child("rPr"),
		}
		d.isDefault = st.attr("default") == "1" || st.attr("default") == "true"
		s.styles[d.id] = d
		if d.isDefault && d.typ == "paragraph" && s.defaultPara == "" {
			s.defaultPara = d.id
		}
		if d.isDefault && d.typ == "character" && s.defaultChar == "" {
			s.defaultChar = d.id
		}
	}
	return s
}

// themeFonts reads the major/minor East Asian typefaces of a theme; an
// empty <a:ea> falls back to the script font for simplified Chinese.
func themeFonts(theme *node) map[string]string {
	out := map[string]string{}
	scheme := theme.path("themeElements", "fontScheme")
	for _, kind := range []string{"major", "minor"} {
		f := scheme.child(kind + "Font")
		ea := f.child("ea").attr("typeface")
		if ea == "" {
			for _, sf := range f.children("font") {
				if sf.attr("script") == "Hans" {
					ea = sf.attr("typeface")
				}
			}
		}
		out[kind+"EastAsia"] = ea
		out[kind+"HAnsi"] = f.child("latin").attr("typeface")
		out[kind+"Ascii"] = out[kind+"HAnsi"]
		out[kind+"Bidi"] = f.child("cs").attr("typeface")
	}
	return out
}

// chain returns a style and its basedOn ancestors, root first.
func (s *styleSheet) chain(id string) []*styleDef {
	var out []*styleDef
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(out) < 32 {
		seen[id] = true
		d, ok := s.styles[id]
		if !ok {
			break
		}
		out = append([]*styleDef{d}, out...)
		id = d.basedOn
	}
	return out
}

// paraStyle returns the paragraph's style id (the default paragraph style
// when it names none or an unknown one).
func (s *styleSheet) paraStyle(pPr *node) string {
	id := pPr.child("pStyle").attr("val")
	if _, ok := s.styles[id]; !ok {
		id = s.defaultPara
	}
	return id
}

// paragraph returns the effective paragraph properties and the run
// properties every run of the paragraph starts from.
func (s *styleSheet) paragraph(pPr *node) (paraProps, runProps) {
	pp := paraProps{SnapToGrid: true, LineRule: "auto", Line: 240}
	rp := runProps{Size: 20, Scale: 100}
	applyPPr(&pp, s.pPrDefault)
	s.applyRPr(&rp, s.rPrDefault)
	for _, d := range s.chain(s.paraStyle(pPr)) {
		applyPPr(&pp, d.pPr)
		s.applyRPr(&rp, d.rPr)
	}
	applyPPr(&pp, pPr)
	return pp, rp
}

// run returns the effective properties of a run in a paragraph whose base
// run properties are base. The paragraph mark's rPr (pPr/rPr) formats
// only the mark, not the text (ECMA-376 17.3.1.29), so it is not applied.
func (s *styleSheet) run(base runProps, rPr *node) runProps {
	rp := base
	id := rPr.child("rStyle").attr("val")
	if id == "" {
		id = s.defaultChar
	}
	for _, d := range s.chain(id) {
		if d.typ == "character" {
			s.applyRPr(&rp, d.rPr)
		}
	}
	s.applyRPr(&rp, rPr)
	return rp
}

func (s *styleSheet) applyRPr(rp *runProps, rPr *node) {
	if rPr == nil {
		return
	}
	if f := rPr.child("rFonts"); f != nil {
		if t := f.attr("eastAsiaTheme"); t != "" && s.theme[t] != "" {
			rp.EastAsia = s.theme[t]
		} else if v := f.attr("eastAsia"); v != "" {
			rp.EastAsia = v
		}
		if t := f.attr("asciiTheme"); t != "" && s.theme[t] != "" {
			rp.ASCII = s.theme[t]
		} else if v := f.attr("ascii"); v != "" {
			rp.ASCII = v
		}
	}
	if v, ok := rPr.child("sz").intAttr("val"); ok && v > 0 {
		rp.Size = v
	}
	if c := rPr.child("color"); c != nil {
		if v := c.attr("val"); strings.EqualFold(v, "auto") {
			rp.Color = ""
		} else if v != "" {
			rp.Color = strings.ToUpper(v)
		}
	}
	if v, ok := rPr.child("w").intAttr("val"); ok && v > 0 {
		rp.Scale = v
	} else if v := rPr.child("w").attr("val"); strings.HasSuffix(v, "%") {
		if n, err := strconv.Atoi(strings.TrimSuffix(v, "%")); err == nil && n > 0 {
			rp.Scale = n
		}
	}
	if v, ok := rPr.child("spacing").intAttr("val"); ok {
		rp.Spacing = v
	}
}

func applyPPr(pp *paraProps, pPr *node) {
	if pPr == nil {
		return
	}
	if v := pPr.child("jc").attr("val"); v != "" {
		pp.Jc = v
	}
	if ind := pPr.child("ind"); ind != nil {
		for _, a := range []struct {
			names []string
			dst   *int
		}{
			{[]string{"left", "start"}, &pp.Left},
			{[]string{"right", "end"}, &pp.Right},
			{[]string{"leftChars", "startChars"}, &pp.LeftChars},
		} {
			for _, n := range a.names {
				if v, ok := ind.intAttr(n); ok {
					*a.dst = v
				}
			}
		}
		if v, ok := ind.intAttr("hanging"); ok {
			pp.Hanging, pp.FirstLine = v, 0
		} else if v, ok := ind.intAttr("firstLine"); ok {
			pp.FirstLine, pp.Hanging = v, 0
		}
		if v, ok := ind.intAttr("hangingChars"); ok {
			pp.HangingChars, pp.FirstLineChars = v, 0
		} else if v, ok := ind.intAttr("firstLineChars"); ok {
			pp.FirstLineChars, pp.HangingChars = v, 0
		}
	}
	if sp := pPr.child("spacing"); sp != nil {
		if v, ok := sp.intAttr("line"); ok {
			pp.Line = v
		}
		if v := sp.attr("lineRule"); v != "" {
			pp.LineRule = v
		}
	}
	if g := pPr.child("snapToGrid"); g != nil {
		pp.SnapToGrid = onOff(g)
	}
	if pPr.child("framePr") != nil {
		pp.Framed = true
	}
	if b := pPr.child("pBdr"); b != nil {
		for _, side := range b.kids {
			if v := side.attr("val"); v != "nil" && v != "none" && isRed(side.attr("color")) {
				pp.RedBorder = true
			}
		}
	}
}

// isRed reports whether a colour (RRGGBB, #RRGGBB or a name) is a red.
func isRed(c string) bool {
	c = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(c)), "#")
	if c == "red" {
		return true
	}
	if len(c) != 6 {
		return false
	}
	v, err := strconv.ParseUint(c, 16, 32)
	if err != nil {
		return false
	}
	r, g, b := v>>16, v>>8&0xff, v&0xff
	return r >= 0xb0 && g <= 0x60 && b <= 0x60
}

// indents returns where the first line starts and where wrapped
// lines start, in twips from the text area's left edge, for text of the
// given size (half-points) — character units count the size as one
// character.
func (pp paraProps) indents(size int) (first, rest int) {
	char := size * 10
	rest = pp.Left
	if pp.LeftChars != 0 {
		rest = pp.LeftChars * char / 100
	}
	fl := pp.FirstLine - pp.Hanging
	if pp.FirstLineChars != 0 || pp.HangingChars != 0 {
		fl = (pp.FirstLineChars - pp.HangingChars) * char / 100
	}
	return rest + fl, rest
}
