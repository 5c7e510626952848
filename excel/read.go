// Package excel reads and writes the Excel and CSV files that units keep
// their ledgers in: import tables, templates with dropdowns, exports and the
// annotated workbook that shows a clerk every bad cell.
package excel

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Table is the cell text of one sheet: Rows[i] is spreadsheet row i+1.
// Excel cells are read raw, so dates arrive as serial numbers.
type Table struct {
	File   string // the path as the user gave it
	Sheet  string // sheet name ("" for CSV)
	CSV    bool
	Format string // what the file really is, in words: "Excel 工作簿", "CSV（GB18030）", "网页表格" …
	// Rebuilt tables (CSV, web pages, converted .xls/.et/.ods) get a new
	// workbook for their errors; .xlsx tables are annotated in place.
	Rebuilt  bool
	Hidden   bool // the sheet is hidden in the workbook
	Date1904 bool // serial dates count from 1904-01-01
	Rows     [][]string
	// HiddenRows are the 0-based rows hidden in the sheet.
	HiddenRows map[int]bool
	// Merges are the merged ranges of the sheet.
	Merges []Merge
	// NoValue are the 0-based cells holding a formula without a computed value.
	NoValue map[[2]int]bool
	// open, when set, reads every row again (a streamed table: Rows holds
	// the first HeadRows rows only).
	open func() (Cursor, error)
}

// Merge is a merged range, 0-based and inclusive.
type Merge struct{ Top, Left, Bottom, Right int }

// Read loads the first sheet of a workbook or the table of a CSV file.
func Read(path string) (*Table, error) {
	ts, err := ReadAll(path)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if !t.Hidden {
			return t, nil
		}
	}
	return ts[0], nil
}

// sniffSize is how much of a file is read to tell what it is.
const sniffSize = 64 << 10

// Extensions are the file name endings of the files ReadAll takes, as a
// file picker offers them: workbooks (.xlsx; .xls, WPS .et, .ods through
// LibreOffice), text tables (.csv, .txt, .tsv) and web pages saved as
// tables (.htm, .html; many systems export these under an .xls name).
// ReadAll tells a file by its content, not its name; this list is only what
// an interface offers.
var Extensions = []string{".xlsx", ".xls", ".et", ".ods", ".csv", ".txt", ".tsv", ".htm", ".html"}

// ReadAll loads every sheet of a workbook, hidden ones included, or the one
// table of a CSV/text file or a web page saved as .xls. It takes .xlsx
// (bounded: see the limits in xlsx.go), .xls, WPS .et and .ods (converted
// by LibreOffice), CSV and tab-separated text in UTF-8, UTF-8 with BOM,
// GB18030/GBK and UTF-16. Any other file gets one line saying what it is.
func ReadAll(path string) ([]*Table, error) {
	kind, size, err := kindOf(path)
	if err != nil {
		return nil, err
	}
	switch kind {
	case kindXLSX:
		return readXLSX(path, size)
	case kindCFB:
		return readCFB(path)
	case kindHTML:
		return readHTML(path, size)
	default:
		t, err := readCSV(path, size)
		if err != nil {
			return nil, err
		}
		return []*Table{t}, nil
	}
}

// Kinds of file told by their first bytes.
const (
	kindXLSX = "zip"
	kindCFB  = "cfb"
	kindHTML = "html"
	kindText = "text"
)

// sniff tells what a file is from its first bytes, or describes it.
func sniff(head []byte, path string) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return kindXLSX
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return kindCFB
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "这是 PDF 文件"
	case bytes.HasPrefix(head, []byte("\x89PNG")), bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}), bytes.HasPrefix(head, []byte("GIF8")):
		return "这是图片文件"
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return "这是 RTF 文档"
	case bytes.HasPrefix(head, []byte("Rar!")), bytes.HasPrefix(head, []byte("7z\xBC\xAF")), bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return "这是压缩包，请先解压"
	}
	if isHTML(head) {
		return kindHTML
	}
	if isText(head) || strings.EqualFold(filepath.Ext(path), ".csv") {
		return kindText
	}
	return "无法识别的文件格式"
}

// isText reports text in any of the encodings readCSV takes: no NUL bytes,
// or UTF-16 (a BOM, or NULs at every other byte).
func isText(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return true
	}
	if utf16Order(data) != "" {
		return true
	}
	n := min(len(data), 4096)
	return n > 0 && !bytes.ContainsRune(data[:n], 0)
}

// isHTML reports a web page (what many systems export with an .xls name).
func isHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	return (bytes.HasPrefix(h, []byte("<html")) || bytes.HasPrefix(h, []byte("<!doctype html")) ||
		bytes.HasPrefix(h, []byte("<table")) || bytes.HasPrefix(h, []byte("<?xml")) && bytes.Contains(h, []byte("<html"))) &&
		bytes.Contains(h, []byte("<t"))
}

// Cell returns the text at row i, column j (0-based), or "".
func (t *Table) Cell(i, j int) string {
	if i < len(t.Rows) && j < len(t.Rows[i]) {
		return t.Rows[i][j]
	}
	return ""
}

// Where names the table for messages: the file, and the sheet of a workbook.
func (t *Table) Where() string {
	if t.Sheet == "" {
		return t.File
	}
	return t.File + "（工作表“" + t.Sheet + "”）"
}
