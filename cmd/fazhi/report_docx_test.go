package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fazhi/gongwen"
	"fazhi/internal/testdb"
)

// TestReport_DownloadedDOCXLaysOutInLibreOffice: the DOCX a clerk downloads
// (not an adapted copy) converted by LibreOffice shows 28 characters a line
// (±1) and 22 lines on each full body page, and the GB/T 9704 checker finds
// nothing. The cleanup decision DOCX gets the same, and a PDF output.
func TestReport_DownloadedDOCXLaysOutInLibreOffice(t *testing.T) {
	t.Parallel()
	requireLibreOffice(t)
	dsn := demoDB(t, testdb.Engines()[0])
	dir := t.TempDir()
	docx := filepath.Join(dir, "2022年度报告.docx")
	mustFazhi(t, dsn, "report", "--year", "2022", "-o", docx)
	if fs, err := gongwen.CheckFile(docx); err != nil || len(fs) > 0 {
		t.Errorf("GB/T 9704 check: %v %v", err, fs)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pdf, err := gongwen.ConvertPDF(ctx, docx, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	checkGrid(t, pdf)

	// The cleanup decision of the demo's 2022 campaign, as DOCX and as PDF.
	m := regexp.MustCompile(`“([^”]*2022[^”]*)”`).FindStringSubmatch(mustFazhi(t, dsn, "cleanup", "list"))
	if m == nil {
		t.Fatal("the demo has no 2022 cleanup batch")
	}
	batch := m[1]
	dec := filepath.Join(dir, "决定.docx")
	mustFazhi(t, dsn, "cleanup", "decision", batch, "-o", dec)
	if fs, err := gongwen.CheckFile(dec); err != nil || len(fs) > 0 {
		t.Errorf("GB/T 9704 check of the decision: %v %v", err, fs)
	}
	decPDF := filepath.Join(dir, "决定.pdf")
	mustFazhi(t, dsn, "cleanup", "decision", batch, "-o", decPDF)
	if text := pdfText(t, decPDF); !strings.Contains(strings.Join(strings.Fields(text), ""), "关于公布规范性文件清理结果的决定") {
		t.Errorf("decision PDF text:\n%s", text)
	}
	if _, _, err := fazhi(t, dsn, "cleanup", "decision", batch, "-o", filepath.Join(dir, "决定.txt")); err == nil {
		t.Error("a .txt decision was accepted")
	}
}

// checkGrid reads a PDF's layout with pdftotext: every body line is at
// most 29 characters wide and full lines 28 ± 1 (a half-width digit or
// letter is half a character); every page but the first and the last holds
// 22 body lines.
func checkGrid(t *testing.T, pdf string) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	for len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	if len(pages) < 3 {
		t.Fatalf("%d pages", len(pages))
	}
	full := 0
	for i, pg := range pages {
		var lines []string
		for _, l := range strings.Split(pg, "\n") {
			s := strings.Join(strings.Fields(l), "")
			if s == "" || strings.HasPrefix(s, "—") && strings.HasSuffix(s, "—") {
				continue // blank, or the page number
			}
			lines = append(lines, s)
		}
		if i > 0 && i < len(pages)-1 && len(lines) != 22 {
			t.Errorf("body page %d has %d lines, want 22", i+1, len(lines))
		}
		for _, l := range lines {
			n := 0.0
			for _, r := range l {
				if r < 0x80 {
					n += 0.5
				} else {
					n++
				}
			}
			if n > 29 {
				t.Errorf("page %d: %.1f characters in %q", i+1, n, l)
			}
			if n >= 27 {
				full++
			}
		}
	}
	if full < 20 {
		t.Errorf("only %d lines of 28 ± 1 characters", full)
	}
}
