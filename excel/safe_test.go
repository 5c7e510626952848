package excel

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fazhi/ledger"
)

// hostile are texts that must come out of an export as text: formula
// starters (CSV/formula injection), control characters, a CDATA end, NUL
// and bytes that are not UTF-8.
var hostile = []string{
	`=HYPERLINK("http://x","y")`,
	"+1+1",
	"-1+1",
	"@SUM(A1:A2)",
	"\t=1+1",
	"\r=1+1",
	"=cmd|' /C calc'!A0",
	"换行\n=1+1",
	"控制\x01\x07\x0b\x1b[31m字符",
	"数据]]><x>",
	"空\x00字符",
	"坏\xff\xfe编码",
}

// sheetXML returns the XML of the first worksheet of an xlsx package.
func sheetXML(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatal("no xl/worksheets/sheet1.xml")
	return ""
}

// wellFormed fails unless every XML part of the package parses.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
		rc.Close()
	}
}

var cellRe = regexp.MustCompile(`(?s)<c r="([A-Z]+)(\d+)"([^>]*?)(/>|>(.*?)</c>)`)

// TestExport_FormulaTextStaysText (issue 13): a text field holding a
// formula, or text starting with + - @ TAB CR, is written as an inline
// string cell, never with an <f> element, so Excel and WPS show it as text;
// control characters, "]]>", NUL and broken UTF-8 leave the package
// well-formed, and reading the export back gives the same text.
func TestExport_FormulaTextStaysText(t *testing.T) {
	d := ledger.Reconsideration
	var recs []ledger.Record
	for i, h := range hostile {
		recs = append(recs, ledger.Record{
			"case_no": "偃政复〔2022〕" + string(rune('1'+i)) + "号", "applicant": h, "handler": h,
			"respondent": "410307200", "received_on": time.Date(2022, 3, 5, 0, 0, 0, 0, time.UTC), "review_result": "受理",
		})
	}
	unitName := func(string) string { return "=1+1单位" } // a unit name is text too
	var buf bytes.Buffer
	if err := Write(&buf, d, recs, []string{"=1+1单位"}, unitName); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	x := sheetXML(t, buf.Bytes())
	if strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
		t.Fatalf("export has a formula element:\n%s", x)
	}
	if !strings.Contains(x, `t="inlineStr"`) {
		t.Fatal("no inline string cells in the export")
	}
	// Every cell of the applicant (B), respondent (E) and handler (T) columns is a string cell.
	n := 0
	for _, m := range cellRe.FindAllStringSubmatch(x, -1) {
		if m[2] == "1" || (m[1] != "B" && m[1] != "E" && m[1] != "T") {
			continue
		}
		n++
		if !strings.Contains(m[3], `t="inlineStr"`) && !strings.Contains(m[3], `t="s"`) {
			t.Errorf("cell %s%s is not a string cell: %s", m[1], m[2], m[0])
		}
	}
	if n != 3*len(hostile) {
		t.Errorf("found %d text cells, want %d", n, 3*len(hostile))
	}
	if !strings.Contains(x, `&#34;http://x&#34;`) && !strings.Contains(x, `"http://x"`) && !strings.Contains(x, `&quot;http://x&quot;`) {
		t.Errorf("=HYPERLINK text not found as a string value")
	}

	// Read back: the same text, formula starters included. A character XML
	// cannot carry (C0 controls other than TAB/LF/CR, NUL) and each byte that
	// is not UTF-8 comes back as U+FFFD, visibly, in its place: import
	// refuses such characters, so only data stored before that can hold them.
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hostile {
		want := xmlSafe(h)
		if got := tab.Cell(i+1, 1); got != want {
			t.Errorf("row %d: applicant %q read back as %q", i+2, h, got)
		}
	}
}

// TestWriteErrors_CSVSourceStaysText: the errors workbook made from a CSV
// file copies formula-like cells as strings.
func TestWriteErrors_CSVSourceStaysText(t *testing.T) {
	tab := &Table{File: "in.csv", CSV: true, Rows: [][]string{{"案号", "申请人"}}}
	for _, h := range hostile {
		tab.Rows = append(tab.Rows, []string{"x", h})
	}
	var buf bytes.Buffer
	if err := WriteErrors(&buf, tab, []Mark{{Row: 1, Col: 1, Column: "申请人", Msg: "=1+1 原因\x1b"}}); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	if x := sheetXML(t, buf.Bytes()); strings.Contains(x, "<f>") || strings.Contains(x, "<f ") {
		t.Fatalf("errors workbook has a formula element:\n%s", x)
	}
}

// xmlSafe is h with every character XML 1.0 cannot carry, and every byte
// that is not UTF-8, replaced by U+FFFD.
func xmlSafe(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		r, n := utf8.DecodeRuneInString(h)
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		h = h[n:]
	}
	return b.String()
}
