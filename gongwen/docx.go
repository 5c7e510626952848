package gongwen

import (
	"archive/zip"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"time"
)

// parts holds the static package parts; document.xml and core.xml are
// generated.
//
//go:embed parts/*.xml
var parts embed.FS

// packageParts maps zip entry names to embedded files, in the order they
// are written ([Content_Types].xml must come first for some readers).
var packageParts = []struct{ zipName, file string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "rels.xml"},
	{"docProps/app.xml", "app.xml"},
	{"word/_rels/document.xml.rels", "document_rels.xml"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/fontTable.xml", "fontTable.xml"},
	{"word/footer1.xml", "footer_odd.xml"},
	{"word/footer2.xml", "footer_even.xml"},
}

// Layout constants (twips) per GB/T 9704-2012 5.1-5.2; see docs/gongwen.md.
const (
	pageW, pageH   = 11906, 16838 // A4
	marginTop      = 2098         // 37 mm 天头
	marginBottom   = 1984         // 35 mm
	marginLeft     = 1587         // 28 mm 订口
	marginRight    = 1474         // 26 mm
	textW          = pageW - marginLeft - marginRight
	linePitch      = 579  // 12756/22: 22 lines per page
	footerDistance = 1428 // 一字线 of the page number 7 mm below the text area (measured)
	charW          = 320  // one 三号 character (16 pt)
	issuerLine     = 2 * linePitch
)

// WriteDOCX writes d as a GB/T 9704-2012 DOCX package to w.
func WriteDOCX(w io.Writer, d *Document) error {
	if d == nil {
		return errors.New("gongwen: 文档为空")
	}
	if err := d.validate(); err != nil {
		return err
	}
	body, err := renderDocument(d)
	if err != nil {
		return err
	}
	// A fixed timestamp keeps the output byte-for-byte reproducible.
	mod := d.Date
	if mod.IsZero() || mod.Year() < 1980 {
		mod = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	put := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	for _, p := range packageParts {
		data, err := parts.ReadFile("parts/" + p.file)
		if err != nil {
			return err
		}
		if err := put(p.zipName, data); err != nil {
			return err
		}
	}
	if err := put("docProps/core.xml", coreXML(d)); err != nil {
		return err
	}
	if err := put("word/document.xml", body); err != nil {
		return err
	}
	return zw.Close()
}

func (d *Document) validate() error {
	for i, b := range d.Blocks {
		if b.Level < 0 || b.Level > 4 {
			return fmt.Errorf("gongwen: 第%d段的标题层级 %d 无效（应为0至4）", i+1, b.Level)
		}
		for _, r := range b.Runs {
			if r.Heading < 0 || r.Heading > 4 {
				return fmt.Errorf("gongwen: 第%d段中的标题层级 %d 无效（应为0至4）", i+1, r.Heading)
			}
		}
	}
	return nil
}

func coreXML(d *Document) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>")
	escape(&b, flatTitle(d.Title))
	b.WriteString("</dc:title><dc:creator>")
	escape(&b, d.Issuer)
	b.WriteString("</dc:creator>")
	if !d.Date.IsZero() {
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`,
			d.Date.UTC().Format("2006-01-02T15:04:05Z"))
	}
	b.WriteString("</cp:coreProperties>")
	return b.Bytes()
}
