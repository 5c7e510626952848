package excel

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits on what an .xlsx may unpack to. A sheet larger than
// sheetInMemory goes to a private temporary file (excelize streams it from
// there); every other part is held in memory, so it may not exceed
// partLimit. A workbook whose directory claims more is refused before any
// byte is unpacked: zip bombs and lying sizes cost nothing.
const (
	sheetLimit    = 2 << 30   // one worksheet, unpacked
	partLimit     = 100 << 20 // any other part (styles, shared strings, media)
	totalLimit    = 4 << 30   // everything
	sheetInMemory = 4 << 20   // larger sheets are unpacked to a temporary file
)

// readXLSX reads every sheet of an .xlsx (or, by conversion, an .ods) whole.
func readXLSX(p string, size int64) ([]*Table, error) {
	src, err := openXLSX(p, size)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	for _, t := range src.Tables {
		if err := t.Load(); err != nil {
			return nil, err
		}
	}
	return src.Tables, nil
}

// openXLSX opens every sheet of an .xlsx for streaming: each table holds
// its first HeadRows rows, its merged ranges and formula cells without a
// value; Open reads its rows through excelize's row iterator. An .ods is
// converted and read whole.
func openXLSX(p string, size int64) (_ *Source, err error) {
	zf, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取文件（%v）", p, err)
	}
	defer zf.Close()
	zr, err := zip.NewReader(zf, size)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法打开 Excel 文件（压缩结构损坏，文件可能不完整或不是 .xlsx）", p)
	}
	if what := zipKind(zr); what != "" {
		if what == "ods" {
			ts, err := convert(p, ".ods")
			if err != nil {
				return nil, err
			}
			return &Source{Tables: ts}, nil
		}
		return nil, fmt.Errorf("%s: %s，不是 Excel 工作簿", p, what)
	}
	if err := checkZip(p, zr); err != nil {
		return nil, err
	}
	parts := sheetParts(zr)

	tmp, err := os.MkdirTemp("", "fazhi-xlsx-*")
	if err != nil {
		return nil, err
	}
	src := &Source{close: []func() error{func() error { return os.RemoveAll(tmp) }}}
	defer func() {
		if err != nil {
			src.Close()
		}
	}()
	f, err := excelize.OpenFile(p, excelize.Options{UnzipSizeLimit: totalLimit, UnzipXMLSizeLimit: sheetInMemory, TmpDir: tmp})
	if f != nil {
		// Closed before the temporary folder is removed.
		src.close = append([]func() error{f.Close}, src.close...)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: 无法打开 Excel 文件（文件可能已损坏或不是 .xlsx）", p)
	}
	date1904 := false
	if wp, err := f.GetWorkbookProps(); err == nil && wp.Date1904 != nil {
		date1904 = *wp.Date1904
	}
	for _, s := range f.GetSheetList() {
		vis, _ := f.GetSheetVisible(s)
		t := &Table{File: p, Sheet: s, Format: "Excel 工作簿", Hidden: !vis, Date1904: date1904}
		sheet := s
		open := func() (Cursor, error) {
			rows, err := f.Rows(sheet)
			if err != nil {
				return nil, fmt.Errorf("%s: 读取工作表“%s”失败: %v", p, sheet, err)
			}
			return &xlsxCursor{t: t, rows: rows}, nil
		}
		c, err := open()
		if err != nil {
			return nil, err
		}
		more, err := readHead(t, c)
		c.Close()
		if err != nil {
			return nil, err
		}
		if more {
			t.open = open
		}
		if zp := parts[s]; zp != nil {
			if err := scanSheet(zp, t); err != nil {
				return nil, fmt.Errorf("%s: 读取工作表“%s”失败: %v", p, s, err)
			}
		}
		src.Tables = append(src.Tables, t)
	}
	if len(src.Tables) == 0 {
		return nil, fmt.Errorf("%s: 工作簿中没有工作表", p)
	}
	return src, nil
}

// zipKind names a zip that is not a workbook: a Word document, a slide
// deck, an OpenDocument spreadsheet ("ods", to convert), or "".
func zipKind(zr *zip.Reader) string {
	for _, f := range zr.File {
		switch {
		case f.Name == "xl/workbook.xml":
			return ""
		case f.Name == "word/document.xml":
			return "这是 Word 文档"
		case strings.HasPrefix(f.Name, "ppt/"):
			return "这是 PowerPoint 演示文稿"
		case f.Name == "mimetype":
			rc, err := f.Open()
			if err == nil {
				b, _ := io.ReadAll(io.LimitReader(rc, 100))
				rc.Close()
				if strings.Contains(string(b), "opendocument.spreadsheet") {
					return "ods"
				}
				if strings.Contains(string(b), "opendocument.text") {
					return "这是 OpenDocument 文字文档"
				}
			}
		}
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return ""
		}
	}
	return "这是一个 zip 压缩包，其中没有 Excel 工作簿"
}

// checkZip refuses a workbook whose directory claims parts larger than the
// limits (a zip bomb, or sizes that lie to make the reader preallocate).
func checkZip(p string, zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		n := f.UncompressedSize64
		total += n
		limit := uint64(partLimit)
		if strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml") {
			limit = sheetLimit
		}
		if n > limit {
			return fmt.Errorf("%s: 工作簿中的“%s”解压后有 %d MB，超出导入上限 %d MB（疑似压缩炸弹或损坏的文件），已拒绝；请在 Excel 中删去无关内容、另存后再导入", p, f.Name, n>>20, limit>>20)
		}
		if n > 64<<20 && f.CompressedSize64 > 0 && n/f.CompressedSize64 > 1000 {
			return fmt.Errorf("%s: 工作簿中的“%s”压缩比超过 1000:1（疑似压缩炸弹），已拒绝", p, f.Name)
		}
	}
	if total > totalLimit {
		return fmt.Errorf("%s: 工作簿解压后共 %d MB，超出导入上限 %d MB，已拒绝", p, total>>20, uint64(totalLimit)>>20)
	}
	return nil
}

// sheetParts maps sheet names to their worksheet parts.
func sheetParts(zr *zip.Reader) map[string]*zip.File {
	byName := map[string]*zip.File{}
	for _, f := range zr.File {
		byName[f.Name] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(byName["xl/workbook.xml"], &wb) != nil || decodePart(byName["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]*zip.File{}
	for _, s := range wb.Sheets {
		if f := byName[target[s.ID]]; f != nil {
			out[s.Name] = f
		}
	}
	return out
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return fmt.Errorf("missing part")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, partLimit)).Decode(v)
}

// scanSheet finds the merged ranges and the formula cells without a
// computed value of a worksheet part. A quick pass over the bytes looks
// for either; only a sheet that has them is decoded again.
func scanSheet(zp *zip.File, t *Table) error {
	rc, err := zp.Open()
	if err != nil {
		return err
	}
	found, err := containsAny(rc, []byte("<mergeCell "), []byte("<f>"), []byte("<f "), []byte(":f>"), []byte(":f "), []byte("<mergeCell>"))
	rc.Close()
	if err != nil || !found {
		return err
	}
	rc, err = zp.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(bufio.NewReaderSize(rc, 1<<16))
	var cell string
	var hasF, hasV bool
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "c":
				cell, hasF, hasV = attr(e, "r"), false, false
			case "f":
				hasF = true
			case "v":
				hasV = true
			case "mergeCell":
				if m, ok := parseRange(attr(e, "ref")); ok {
					t.Merges = append(t.Merges, m)
				}
			}
		case xml.CharData:
			_ = e
		case xml.EndElement:
			if e.Name.Local == "c" && hasF && !hasV && cell != "" {
				c, r, err := excelize.CellNameToCoordinates(cell)
				if err == nil {
					if t.NoValue == nil {
						t.NoValue = map[[2]int]bool{}
					}
					t.NoValue[[2]int{r - 1, c - 1}] = true
				}
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// parseRange reads A1:C3.
func parseRange(ref string) (Merge, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return Merge{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return Merge{}, false
	}
	return Merge{Top: min(r1, r2) - 1, Left: min(c1, c2) - 1, Bottom: max(r1, r2) - 1, Right: max(c1, c2) - 1}, true
}

// containsAny reports whether r holds any of the needles, reading it once.
func containsAny(r io.Reader, needles ...[]byte) (bool, error) {
	keep := 0
	for _, n := range needles {
		keep = max(keep, len(n))
	}
	buf := make([]byte, 1<<16+keep)
	carry := 0
	for {
		n, err := r.Read(buf[carry:])
		chunk := buf[:carry+n]
		for _, nd := range needles {
			if bytes.Contains(chunk, nd) {
				return true, nil
			}
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		carry = min(keep, len(chunk))
		copy(buf, chunk[len(chunk)-carry:])
	}
}
