package gongwen

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestOneDOCXForEverySuite: WriteDOCX writes the 22 × 28 grid with settings
// Word, WPS and LibreOffice read alike: a lines grid of 579 twips, exact
// 579-twip lines and a 98% scale; no linesAndChars grid, which LibreOffice
// lays out at 16-19 characters a line.
func TestOneDOCXForEverySuite(t *testing.T) {
	src := seedDOCX(t)
	doc, styles := partText(t, src, "word/document.xml"), partText(t, src, "word/styles.xml")
	if !strings.Contains(doc, `<w:docGrid w:type="lines" w:linePitch="579"/>`) || strings.Contains(doc, "linesAndChars") || strings.Contains(doc, "charSpace") {
		t.Errorf("grid: %s", doc[strings.Index(doc, "<w:docGrid"):])
	}
	if !strings.Contains(styles, `<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:w w:val="98"/>`) ||
		!strings.Contains(styles, `w:line="579" w:lineRule="exact"`) {
		t.Error("document defaults lack the 98% scale or the exact 579-twip lines")
	}
	rep := inspectBytes(t, src)
	if rep.CharsPerLine != 28 || rep.LinesPerPage != 22 {
		t.Errorf("checker reads %d lines × %d characters", rep.LinesPerPage, rep.CharsPerLine)
	}
}

func TestFontConfig(t *testing.T) {
	none := func(string) bool { return false }
	conf := fontConfig(none, []string{"/opt/fonts & more"})
	var v struct{}
	if err := xml.Unmarshal(conf, &v); err != nil {
		t.Fatalf("fontconfig file is not XML: %v\n%s", err, conf)
	}
	s := string(conf)
	for _, want := range []string{
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>`,
		`<dir>/opt/fonts &amp; more</dir>`,
		`<alias binding="same"><family>仿宋_GB2312</family><accept><family>FandolFang</family><family>Noto Serif CJK SC</family></accept></alias>`,
		`<family>楷体_GB2312</family><accept><family>FandolKai</family><family>AR PL UKai CN</family>`,
		`<family>黑体</family><accept><family>Noto Sans CJK SC</family>`,
		`<family>SimSun</family><accept><family>Noto Serif CJK SC</family>`,
		`<family>Times New Roman</family><accept><family>Liberation Serif</family>`,
		`<string>方正小标宋简体</string></test><edit name="weight" mode="assign" binding="strong"><const>bold</const>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("fontconfig lacks %s", want)
		}
	}
	// With the real 方正小标宋简体 installed, it is not emboldened.
	real := fontConfig(func(n string) bool { return n == "方正小标宋简体" }, nil)
	if strings.Contains(string(real), `<string>方正小标宋简体</string></test><edit name="weight"`) {
		t.Error("installed 方正小标宋简体 would be emboldened")
	}
}
