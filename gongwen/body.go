package gongwen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"
)

const docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
	` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`

// sectPr: A4, GB/T 9704 margins, odd/even footers, and a 22-line grid
// (type="lines", 579 twips). The 28 characters a line come from a 98%
// character scale in the document defaults (28 × 15.68 pt fits 442.25 pt),
// not from a character grid: Word, WPS and LibreOffice all honour a scale
// and exact line spacing, while LibreOffice lays a linesAndChars grid with
// a negative charSpace out at 16-19 characters a line. So one file serves
// every suite and the PDF path converts it unchanged
// (docs/gongwen-office-suites.md).
var sectPr = fmt.Sprintf(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>`+
	`<w:footerReference w:type="even" r:id="rIdFooterEven"/>`+
	`<w:pgSz w:w="%d" w:h="%d"/>`+
	`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`+
	`<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="%d"/></w:sectPr>`,
	pageW, pageH, marginTop, marginRight, marginBottom, marginLeft, footerDistance, linePitch)

// escape writes s XML-escaped.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s))
}

// docWriter accumulates the <w:body> content.
type docWriter struct{ b bytes.Buffer }

// para writes one paragraph; pPr is the inner XML of <w:pPr> (children in
// schema order) and runs are complete <w:r> elements.
func (w *docWriter) para(pPr string, runs ...string) {
	w.b.WriteString("<w:p>")
	if pPr != "" {
		w.b.WriteString("<w:pPr>" + pPr + "</w:pPr>")
	}
	for _, r := range runs {
		w.b.WriteString(r)
	}
	w.b.WriteString("</w:p>")
}

func (w *docWriter) blank(n int) {
	for i := 0; i < n; i++ {
		w.b.WriteString("<w:p/>")
	}
}

func style(id string) string { return `<w:pStyle w:val="` + id + `"/>` }

// run returns a <w:r> with the given inner rPr XML; "\n" becomes a line
// break and "\t" a tab.
func run(rPr, text string) string {
	var b bytes.Buffer
	b.WriteString("<w:r>")
	if rPr != "" {
		b.WriteString("<w:rPr>" + rPr + "</w:rPr>")
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, seg := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if seg != "" {
				b.WriteString(`<w:t xml:space="preserve">`)
				escape(&b, seg)
				b.WriteString("</w:t>")
			}
		}
	}
	b.WriteString("</w:r>")
	return b.String()
}

func twips(chars float64) int { return int(math.Round(chars * charW)) }

func renderDocument(d *Document) ([]byte, error) {
	w := &docWriter{}
	w.b.WriteString(docHead)
	if m := strings.TrimSpace(d.DraftMark); m != "" {
		w.para(`<w:jc w:val="center"/>`, run(`<w:rFonts w:eastAsia="黑体"/><w:b/><w:color w:val="FF0000"/>`, m))
	}
	hasHead := d.Issuer != "" || d.DocNumber != ""
	if hasHead {
		// The 发文字号 paragraph ends about 0.7 line below the red rule;
		// one blank line more gives the two-line gap before the 标题.
		w.versionHead(d)
		w.blank(1)
	}
	if t := strings.TrimSpace(d.Title); t != "" {
		w.para(style("GwTitle"), run("", strings.Join(wrapTitle(t), "\n")))
		w.blank(1)
	}
	if a := d.addressee(); a != "" {
		w.para(style("GwAddressee"), run("", a))
	}
	for _, bl := range d.Blocks {
		w.block(bl)
	}
	if len(d.Attachments) > 0 {
		w.blank(1)
		w.attachments(d.Attachments)
	}
	w.signature(d)
	if n := d.notes(); n != "" {
		w.para(style("GwNotes"), run("", n))
	}
	w.imprint(d)
	w.b.WriteString(sectPr)
	w.b.WriteString("</w:body></w:document>")
	return w.b.Bytes(), nil
}

// issuerSize picks the 发文机关标志 size (half-points) so that the longest
// line fills at most 90% of the text width, capped at 初号 (42 pt).
func issuerSize(issuer string) int {
	longest := 0.0
	for _, l := range strings.Split(issuer, "\n") {
		longest = math.Max(longest, textWidth(strings.TrimSpace(l)))
	}
	if longest == 0 {
		return 84
	}
	sz := int(2 * 0.9 * float64(textW) / 20 / longest)
	return min(sz, 84)
}

// versionHead writes the 版头: 发文机关标志 35 mm below the top of the
// text area, two blank lines, the 发文字号 line (with 签发人 in 上行文)
// carrying the red separator 4 mm below it. The 发文字号 paragraph is two
// grid lines high in all (style GwDocNumber: one line, the rule 8 pt
// below plus 1.5 pt thick, 389 twips after).
func (w *docWriter) versionHead(d *Document) {
	if d.Issuer != "" {
		issuer := strings.TrimSpace(d.Issuer)
		sz := issuerSize(issuer)
		lines := strings.Count(issuer, "\n") + 1
		// Each line of the 标志 is two grid lines high (exact). LibreOffice
		// sets the text at the foot of an exact line: the glyph top lies
		// about 1.16 em above the line's bottom. The before-spacing puts
		// that top 35 mm (1984 twips) below the text area; the after-spacing
		// rounds the paragraph up to whole grid lines so the body below
		// stays on the 22-line grid.
		glyphOffset := issuerLine - int(math.Round(11.58*float64(sz)))
		before := max(0, 1984-glyphOffset)
		height := before + lines*issuerLine
		after := (height+linePitch-1)/linePitch*linePitch - height
		w.para(style("GwIssuer")+fmt.Sprintf(`<w:spacing w:before="%d" w:after="%d" w:line="%d" w:lineRule="exact"/>`, before, after, issuerLine),
			run(fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, sz, sz), issuer))
		w.blank(2)
	}
	if len(SignerNames(d.Signer)) == 0 {
		w.para(style("GwDocNumber"), run("", d.DocNumber))
		return
	}
	// GB/T 9704 7.2.6: several 签发人 go two to a line in the order of the
	// issuing organs, later lines aligned under the first name; the
	// 发文字号 shares the last line.
	names := SignerNames(d.Signer)
	var lines [][]string
	for i := 0; i < len(names); i += 2 {
		lines = append(lines, names[i:min(i+2, len(names))])
	}
	label := func(i int) string {
		if i == 0 {
			return "签发人："
		}
		return "　　　　" // the width of 签发人：, so names align
	}
	width := 0
	if len(lines) > 0 {
		width = len([]rune(strings.Join(lines[0], "　")))
	}
	pad := func(l []string) string {
		s := strings.Join(l, "　")
		return s + strings.Repeat("　", max(0, width-len([]rune(s))))
	}
	for i, l := range lines[:len(lines)-1] {
		w.para(style("GwDocNumber")+`<w:pBdr/><w:spacing w:after="0"/><w:ind w:right="`+fmt.Sprint(charW)+`"/><w:jc w:val="right"/>`,
			run("", label(i)), run(`<w:rStyle w:val="GwSignerName"/>`, pad(l)))
	}
	last := len(lines) - 1
	tabs := fmt.Sprintf(`<w:tabs><w:tab w:val="left" w:pos="%d"/><w:tab w:val="right" w:pos="%d"/></w:tabs>`, charW, textW-charW)
	w.para(style("GwDocNumber")+tabs+`<w:jc w:val="left"/>`,
		run("", "\t"+d.DocNumber+"\t"+label(last)),
		run(`<w:rStyle w:val="GwSignerName"/>`, pad(lines[last])))
}

func (w *docWriter) block(bl Block) {
	if bl.Level > 0 {
		var sb strings.Builder
		for _, r := range bl.Runs {
			sb.WriteString(run("", r.Text))
		}
		w.para(style(fmt.Sprintf("GwHeading%d", bl.Level)), sb.String())
		return
	}
	runs := make([]string, 0, len(bl.Runs))
	for _, r := range bl.Runs {
		rPr := ""
		if r.Heading > 0 {
			rPr = fmt.Sprintf(`<w:rStyle w:val="GwHeading%dChar"/>`, r.Heading)
		}
		runs = append(runs, run(rPr, r.Text))
	}
	w.para(style("GwBody"), runs...)
}

// attachments writes the 附件说明: 附件：1.XXX, later names aligned under
// the first, wrapped lines aligned with the first character of the name.
func (w *docWriter) attachments(names []string) {
	label := 3.0 // 附件：
	for i, name := range names {
		num := ""
		if len(names) > 1 {
			num = fmt.Sprintf("%d.", i+1)
		}
		nameStart := 2 + label + textWidth(num) // in characters from the margin
		start := 2 + label
		text := num + name
		if i == 0 {
			start, text = 2, "附件："+text
		}
		ind := fmt.Sprintf(`<w:ind w:left="%d" w:hanging="%d"/>`, twips(nameStart), twips(nameStart-start))
		w.para(style("GwAttachment")+ind, run("", text))
	}
}

// signature writes the 署名 lines and the 成文日期 (GB/T 9704 7.3.5).
// Sealed: the date 4 characters in from the right, each 署名 centred over
// the date. Unsealed: the 署名 2 characters in from the right, the date on
// the next line starting 2 characters right of the 署名 (or 2 characters in
// from the right when it is the longer).
func (w *docWriter) signature(d *Document) {
	date := ""
	if !d.Date.IsZero() {
		date = FormatDate(d.Date)
	}
	if date == "" && len(d.Signatures) == 0 {
		return
	}
	wd := textWidth(date)
	ws := 0.0
	for _, s := range d.Signatures {
		ws = math.Max(ws, textWidth(s))
	}
	var dateRight float64
	sigRight := func(s string) float64 { return 4 + (wd-textWidth(s))/2 }
	if d.NoSeal {
		w.blank(1)
		dateRight = ws - wd
		shift := 0.0
		if dateRight < 2 {
			shift, dateRight = 2-dateRight, 2
		}
		sigRight = func(s string) float64 { return 2 + shift + ws - textWidth(s) }
	} else {
		w.blank(2)
		dateRight = 4
	}
	for _, s := range d.Signatures {
		ind := fmt.Sprintf(`<w:ind w:right="%d"/>`, twips(math.Max(0, sigRight(s))))
		w.para(style("GwSignature")+ind, run("", s))
	}
	if date != "" {
		w.para(style("GwDate")+fmt.Sprintf(`<w:ind w:right="%d"/>`, twips(dateRight)), run("", date))
	}
}

// imprint writes the 版记 (抄送, 印发机关和印发日期) pinned to the bottom
// of the text area of the last page: thick (0.35 mm) first and last
// rules, a thin (0.25 mm) rule between. Each line is its own frame:
// LibreOffice only turns consecutive framed paragraphs into a frame when
// their borders are identical, so the 印发 line is aligned to the bottom
// and the 抄送 frame is placed right above it at a computed offset.
func (w *docWriter) imprint(d *Document) {
	cc := d.ccLine()
	printed := d.PrintedBy != "" || !d.PrintedDate.IsZero()
	if cc == "" && !printed {
		return
	}
	const thick, thin = 8, 6 // 1/8 pt: 1 pt ≈ 0.35 mm, 0.75 pt ≈ 0.25 mm
	frame := func(y string) string {
		return fmt.Sprintf(`<w:framePr w:w="%d" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="center" %s/>`, textW, y)
	}
	border := func(top, bottom int) string {
		s := "<w:pBdr>"
		if top > 0 {
			s += fmt.Sprintf(`<w:top w:val="single" w:sz="%d" w:space="1" w:color="000000"/>`, top)
		}
		if bottom > 0 {
			s += fmt.Sprintf(`<w:bottom w:val="single" w:sz="%d" w:space="1" w:color="000000"/>`, bottom)
		}
		return s + "</w:pBdr>"
	}
	// Frame heights in twips: exact lines plus border space (1 pt) and
	// width for each rule.
	bottomY := `w:yAlign="bottom"`
	printedH := linePitch + 20 + thick*20/8
	if cc != "" {
		bottom, y := thick, bottomY
		if printed {
			bottom = thin
			ccLines := int(math.Ceil(textWidth(strings.TrimPrefix(cc, "抄送：")) / imprintChars))
			ccH := max(ccLines, 1)*linePitch + 20 + thick*20/8 + 20 + thin*20/8
			y = fmt.Sprintf(`w:y="%d"`, pageH-marginTop-marginBottom-printedH-ccH)
		}
		// Wrapped lines align with the first organ after 抄送：.
		ind := fmt.Sprintf(`<w:ind w:left="%d" w:right="280" w:hanging="840"/>`, 280+840)
		w.para(style("GwImprint")+frame(y)+border(thick, bottom)+ind, run("", cc))
	}
	if printed {
		top := 0
		if cc == "" {
			top = thick
		}
		tabs := fmt.Sprintf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, textW-280)
		w.para(style("GwImprint")+frame(bottomY)+border(top, thick)+tabs, run("", d.PrintedBy+"\t"+d.printedDate()))
	}
	// LibreOffice turns framed paragraphs into a frame only when an
	// ordinary paragraph follows as its anchor; keep that one tiny.
	w.para(`<w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>`)
}

// imprintChars is how many 四号 characters fit on a 抄送 line after the
// label: (8845 − 1120 − 280) / (14 pt × 98%).
const imprintChars = 27
