package gongwen

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestAdaptLeavesLinesGridUnchanged(t *testing.T) {
	// A document already on a type="lines" grid (with its own scale) is
	// what LibreOffice lays out right: it comes back as it was.
	src := mutate(t, seedDOCX(t), "word/document.xml", replace(
		`<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>`,
		`<w:docGrid w:type="lines" w:linePitch="579"/>`))
	src = mutate(t, src, "word/styles.xml", replace(`<w:kern w:val="0"/>`, `<w:w w:val="98"/><w:kern w:val="0"/>`))
	out, err := adaptForLibreOffice(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, out) {
		t.Error("a type=lines document was rewritten")
	}
}

func TestAdaptLinesAndChars(t *testing.T) {
	// WriteDOCX writes the Word-style grid: linesAndChars, charSpace −842, no scale.
	src := seedDOCX(t)
	if doc := partText(t, src, "word/document.xml"); !strings.Contains(doc, `<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>`) {
		t.Fatalf("WriteDOCX grid: %s", doc[strings.Index(doc, "<w:docGrid"):])
	}
	styles := partText(t, src, "word/styles.xml")
	if def := styles[strings.Index(styles, "<w:rPrDefault>"):strings.Index(styles, "</w:rPrDefault>")]; strings.Contains(def, `<w:w `) {
		t.Error("WriteDOCX scales the body text; Word users would see 缩放")
	}
	if rep := inspectBytes(t, src); rep.CharsPerLine != 28 {
		t.Errorf("Word grid measures %d chars a line, want 28", rep.CharsPerLine)
	}
	out, err := adaptForLibreOffice(src)
	if err != nil {
		t.Fatal(err)
	}
	doc := partText(t, out, "word/document.xml")
	if !strings.Contains(doc, `<w:docGrid w:type="lines" w:linePitch="579"/>`) {
		t.Errorf("grid not rewritten: %s", doc[strings.Index(doc, "<w:docGrid"):])
	}
	styles = partText(t, out, "word/styles.xml")
	if !strings.Contains(styles, `<w:kern w:val="0"/>`) || !strings.Contains(styles, `<w:w w:val="98"/><w:kern`) {
		t.Errorf("scale not inserted before w:kern in rPrDefault")
	}
	if rep := inspectBytes(t, out); rep.CharsPerLine != 28 || rep.GridType != "lines" {
		t.Errorf("adapted: grid %s, %d chars a line", rep.GridType, rep.CharsPerLine)
	}
	// Every other part is carried over.
	if partText(t, out, "word/footer2.xml") != partText(t, src, "word/footer2.xml") {
		t.Error("footer2 changed")
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
