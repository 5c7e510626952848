package gongwen

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"regexp"
	"strconv"
)

var (
	reDocGrid   = regexp.MustCompile(`<w:docGrid\b[^>]*/>`)
	reGridType  = regexp.MustCompile(`\bw:type="linesAndChars"`)
	reCharSpace = regexp.MustCompile(`\s*\bw:charSpace="(-?\d+)"`)
	// The rPr of rPrDefault, and the first child of an rPr that must follow
	// <w:w> in schema order.
	reRPrDefault = regexp.MustCompile(`(?s)<w:rPrDefault>\s*<w:rPr>(.*?)</w:rPr>`)
	reAfterScale = regexp.MustCompile(`<w:(kern|position|sz|szCs|highlight|u|effect|bdr|shd|fitText|vertAlign|rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)\b`)
)

// adaptForLibreOffice returns a copy of a DOCX that LibreOffice 7.4 lays
// out like Word. LibreOffice mis-renders a document grid of type
// "linesAndChars" with a negative charSpace (16-19 characters a line
// instead of 28), so such grids become type="lines" and the character
// pitch they asked for becomes a default horizontal scale (<w:w>, rounded
// down to a whole percent so the line still holds the intended count).
// Documents written by WriteDOCX already use type="lines" and come back
// unchanged.
func adaptForLibreOffice(src []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" && f.Name != "word/styles.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		files[f.Name] = data
	}
	doc, ok := files["word/document.xml"]
	if !ok {
		return nil, errMissingPart("word/document.xml")
	}
	charSpace, changed := 0, false
	doc = reDocGrid.ReplaceAllFunc(doc, func(g []byte) []byte {
		if !reGridType.Match(g) {
			return g
		}
		changed = true
		if m := reCharSpace.FindSubmatch(g); m != nil {
			charSpace, _ = strconv.Atoi(string(m[1]))
		}
		g = reGridType.ReplaceAll(g, []byte(`w:type="lines"`))
		return reCharSpace.ReplaceAll(g, nil)
	})
	if !changed {
		return src, nil
	}
	out := map[string][]byte{"word/document.xml": doc}
	if styles, ok := files["word/styles.xml"]; ok && charSpace < 0 {
		size := defaultFontSize(styles)
		scale := int(math.Floor(100 * (size + float64(charSpace)/4096) / size))
		out["word/styles.xml"] = addDefaultScale(styles, max(scale, 50))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		hdr := f.FileHeader
		w, err := zw.CreateHeader(&zip.FileHeader{Name: hdr.Name, Method: zip.Deflate, Modified: hdr.Modified})
		if err != nil {
			return nil, err
		}
		if data, ok := out[f.Name]; ok {
			if _, err := w.Write(data); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(w, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// defaultFontSize returns the default run size in points (rPrDefault sz,
// else 10.5 pt as Word's zh-CN Normal template has).
func defaultFontSize(styles []byte) float64 {
	if loc := reRPrDefault.FindSubmatch(styles); loc != nil {
		if m := reSz.FindSubmatch(loc[1]); m != nil {
			if v, err := strconv.Atoi(string(m[1])); err == nil && v > 0 {
				return float64(v) / 2
			}
		}
	}
	return 10.5
}

var reSz = regexp.MustCompile(`<w:sz w:val="(\d+)"`)

// addDefaultScale puts <w:w w:val="pct"/> into the default run properties
// unless they already set a scale.
func addDefaultScale(styles []byte, pct int) []byte {
	loc := reRPrDefault.FindSubmatchIndex(styles)
	if loc == nil {
		return styles
	}
	inner := styles[loc[2]:loc[3]]
	if bytes.Contains(inner, []byte("<w:w ")) {
		return styles
	}
	el := []byte(`<w:w w:val="` + strconv.Itoa(pct) + `"/>`)
	at := loc[3]
	if m := reAfterScale.FindIndex(inner); m != nil {
		at = loc[2] + m[0]
	}
	res := append([]byte{}, styles[:at]...)
	res = append(res, el...)
	return append(res, styles[at:]...)
}

type errMissingPart string

func (e errMissingPart) Error() string { return "缺少部件 " + string(e) }
