package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"fazhi/gongwen"
	"fazhi/indicator"
)

// Fuzz targets run for a bounded time in .ci/run; the seeds in testdata/fuzz
// run with every go test.

// FuzzParse: any narrative is either refused with an error or parsed into a
// report that renders to well-formed DOCX XML, and to HTML and Markdown
// without control characters or broken UTF-8.
func FuzzParse(f *testing.F) {
	f.Add(strings.ToValidUTF8(Seed2022[:min(len(Seed2022), 4000)], ""))
	f.Add("标题：测试\n---\n一、总体情况\n\n全年收到{{reconsideration.received}}起。]]><w:p/>\n")
	f.Add("标题：测试\n成文日期：2023年3月22日\n---\n（一）加强领导。正文{{ leadership.study_sessions }}次。\n\n1.标题\n")
	f.Add("标题：<script>alert(1)</script>\n---\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n")
	f.Add("标题：t\n---\n{{report.plans_status}}\n")
	f.Fuzz(func(t *testing.T, text string) {
		src, err := Parse(text)
		if err != nil {
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error message is not UTF-8: %q", err)
			}
			return
		}
		_ = src.Placeholders()
		r := Resolve(src, 2022, map[string]indicator.Value{})
		var md, html, docx bytes.Buffer
		if err := r.WriteMarkdown(&md, nil, 0); err != nil {
			t.Fatal(err)
		}
		checkText(t, "Markdown", md.String())
		if err := r.WriteHTML(&html, HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		checkText(t, "HTML", html.String())
		if err := gongwen.WriteDOCX(&docx, r.Document()); err != nil {
			return // gongwen refuses some documents (e.g. too long a title); refusing is fine
		}
		checkDOCX(t, docx.Bytes())
	})
}

// checkText fails if s is not UTF-8 or carries a control character other
// than TAB, LF and CR.
func checkText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s output is not valid UTF-8", what)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }); i >= 0 {
		t.Fatalf("%s output carries control character %q at byte %d", what, s[i], i)
	}
}

// checkDOCX fails unless every XML part of the package is well-formed.
func checkDOCX(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX is not a zip: %v", err)
	}
	for _, zf := range zr.File {
		if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("DOCX part %s is not well-formed XML: %v", zf.Name, err)
			}
		}
		rc.Close()
	}
}

// Regression (issue 13): control characters and broken UTF-8 in a narrative
// reached the terminal and every output format; they are refused on save,
// naming the line.
func TestParse_RefusesControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"标题：t\n---\n正文\x1b[2J清屏\n": "第3行第3个字符是控制字符 U+001B",
		"标题：t\x00\n---\n正文\n":      "第1行第5个字符是控制字符 U+0000",
		"标题：t\n---\n\xe4\xb8\n":    "第3行: 不是 UTF-8",
	} {
		if _, err := Parse(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v; want %q", in, err, want)
		}
	}
	if _, err := Parse("\ufeff标题：t\r\n---\r\n正文\t缩进\r\n"); err != nil {
		t.Errorf("BOM, CRLF and TAB must stay accepted: %v", err)
	}
}
