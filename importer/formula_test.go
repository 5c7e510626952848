package importer_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
)

// writeRawXLSX writes a minimal workbook whose one sheet has sheetData as
// its <sheetData> content, as Excel itself saves formulas: the formula in
// <f> and its last computed value in <v>.
func writeRawXLSX(t *testing.T, path, sheetData string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	parts := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + sheetData + `</sheetData></worksheet>`,
	}
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func is(ref, s string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>`
}

// TestImport_FormulaCellStoredAsValue (issue 13): a formula cell in an
// imported workbook is read as the value Excel computed, never as the
// formula text, so nothing stored can later run as a formula.
func TestImport_FormulaCellStoredAsValue(t *testing.T) {
	head := `<row r="1">` + is("A1", "案号") + is("B1", "申请人") + is("C1", "被申请人") + is("D1", "收到申请日期") + is("E1", "审查结果") + is("F1", "承办人") + `</row>`
	row := `<row r="2">` + is("A2", "偃政复〔2022〕1号") +
		`<c r="B2" t="str"><f>HYPERLINK("http://x","张三")</f><v>张三</v></c>` +
		is("C2", "区政府") +
		`<c r="D2"><f>DATE(2022,3,5)</f><v>44625</v></c>` +
		is("E2", "审查中") +
		`<c r="F2" t="str"><f>"李"&amp;"四"</f><v>李四</v></c></row>`
	path := filepath.Join(t.TempDir(), "formula.xlsx")
	writeRawXLSX(t, path, head+row)
	tab, err := excel.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	opt := importer.Options{Units: units(t), Env: env{deadline.Engine{Cal: calendar.Builtin(), Config: deadline.DefaultConfig()}}}
	res, err := importer.Parse(ledger.Reconsideration, tab, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || len(res.Records) != 1 {
		t.Fatalf("problems %v, %d records", res.Problems, len(res.Records))
	}
	r := res.Records[0]
	if r.String("applicant") != "张三" || r.String("handler") != "李四" {
		t.Errorf("applicant %q, handler %q; want the computed values 张三, 李四", r.String("applicant"), r.String("handler"))
	}
	if d, _ := r.Date("received_on"); calendar.Format(d) != "2022-03-05" {
		t.Errorf("received_on = %v, want 2022-03-05", d)
	}
	for _, v := range r {
		if s, ok := v.(string); ok && (strings.Contains(s, "HYPERLINK") || strings.HasPrefix(s, "=")) {
			t.Errorf("a formula was stored: %q", s)
		}
	}
}
