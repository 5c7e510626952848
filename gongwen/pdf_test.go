package gongwen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"fazhi/internal/testgate"
)

// needTool fails the test when a program is missing: it runs only after
// needLibreOffice let it (FAZHI_REQUIRE_LIBREOFFICE=1, as in CI after
// gongwen/install-fonts.sh).
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s 不在 PATH 中（FAZHI_REQUIRE_LIBREOFFICE=1）；请运行 gongwen/install-fonts.sh", name)
	}
}

// needLibreOffice runs a PDF test only in CI or when asked
// (internal/testgate.LibreOffice); a LibreOffice conversion takes seconds.
func needLibreOffice(t *testing.T) {
	t.Helper()
	testgate.LibreOffice(t)
}

func TestConvertPDFWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ConvertPDF(context.Background(), "x.docx", t.TempDir())
	if !errors.Is(err, ErrNoLibreOffice) {
		t.Fatalf("err = %v, want ErrNoLibreOffice", err)
	}
	for _, s := range []string{"soffice", "apt-get install", "libreoffice-writer-nogui", "fonts-noto-cjk", "install-fonts.sh"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error message lacks %q: %v", s, err)
		}
	}
	if m := FontsMissing(); len(m) == 0 || !strings.Contains(m[0], "LibreOffice") {
		t.Errorf("FontsMissing() = %v, want LibreOffice first", m)
	}
}

// Text area of the layout in PDF points (1 pt = 20 twips).
const (
	areaTop    = marginTop / 20.0
	areaBottom = (pageH - marginBottom) / 20.0
	areaLeft   = marginLeft / 20.0
	areaRight  = (pageW - marginRight) / 20.0
	ptPerMM    = 72 / 25.4
)

type bboxLine struct {
	XMin  float64  `xml:"xMin,attr"`
	YMin  float64  `xml:"yMin,attr"`
	XMax  float64  `xml:"xMax,attr"`
	YMax  float64  `xml:"yMax,attr"`
	Words []string `xml:"word"`
}

type bboxPage struct {
	Width  float64    `xml:"width,attr"`
	Height float64    `xml:"height,attr"`
	Lines  []bboxLine `xml:"flow>block>line"`
}

// row is one printed line: the pdftotext lines sharing a baseline.
type row struct {
	xMin, yMin, xMax, yMax float64
	text                   string
}

func rows(p bboxPage) []row {
	var out []row
	for _, l := range p.Lines {
		t := strings.Join(l.Words, "")
		merged := false
		for i := range out {
			if math.Abs(out[i].yMin-l.YMin) < 3 {
				r := &out[i]
				if l.XMin < r.xMin {
					r.text = t + r.text
				} else {
					r.text += t
				}
				r.xMin, r.xMax = math.Min(r.xMin, l.XMin), math.Max(r.xMax, l.XMax)
				merged = true
			}
		}
		if !merged {
			out = append(out, row{l.XMin, l.YMin, l.XMax, l.YMax, t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].yMin < out[j].yMin })
	return out
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestConvertPDF(t *testing.T) {
	needLibreOffice(t)
	needTool(t, "pdfinfo")
	needTool(t, "pdftotext")
	needTool(t, "pdftoppm")
	if m := FontsMissing(); len(m) > 0 {
		t.Logf("FontsMissing: %v", m)
	}
	dir := t.TempDir()
	if d := os.Getenv("GONGWEN_DUMP"); d != "" {
		dir = d
	}
	doc := seedDocument(t)
	docx := filepath.Join(dir, "seed.docx")
	f, err := os.Create(docx)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteDOCX(f, doc); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	pdf, err := ConvertPDF(ctx, docx, filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ConvertPDF: %v", time.Since(start).Round(10*time.Millisecond))

	// A4.
	info := runTool(t, "pdfinfo", pdf)
	m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page size:\n%s", info)
	}
	var w, h float64
	fmt.Sscan(m[1], &w)
	fmt.Sscan(m[2], &h)
	if math.Abs(w-595.28) > 1 || math.Abs(h-841.89) > 1 {
		t.Errorf("page size %.1f × %.1f pt, want A4 595.3 × 841.9", w, h)
	}

	// Layout from the word boxes.
	var html struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal([]byte(runTool(t, "pdftotext", "-bbox-layout", pdf, "-")), &html); err != nil {
		t.Fatal(err)
	}
	if len(html.Pages) < 2 {
		t.Fatalf("%d pages", len(html.Pages))
	}
	var body strings.Builder
	full, linesSeen := 0, map[int]int{}
	for i, p := range html.Pages {
		n := i + 1
		var inArea []row
		var footer *row
		for _, r := range rows(p) {
			switch {
			case r.yMin >= areaTop-3 && r.yMax <= areaBottom+3:
				inArea = append(inArea, r)
				body.WriteString(r.text)
			case r.yMin > areaBottom:
				footer = &r
			}
		}
		if len(inArea) > 22 {
			t.Errorf("page %d: %d lines in the text area, want ≤ 22", n, len(inArea))
		}
		if len(inArea) == 22 {
			full++
		}
		for _, r := range inArea {
			cjk := true
			for _, c := range r.text {
				cjk = cjk && c >= 0x2E80
			}
			if !cjk {
				continue
			}
			count := len([]rune(r.text))
			linesSeen[count]++
			last := []rune(r.text)[count-1]
			hanging := r.xMax > areaRight+2 && strings.ContainsRune(noLineStart, last)
			if count > 28 && !(count == 29 && hanging) {
				t.Errorf("page %d: %d characters in %q", n, count, r.text)
			}
		}
		// Page number: "— N —", odd pages right 1 char in, even left.
		if footer == nil {
			t.Errorf("page %d: no page number", n)
			continue
		}
		if want := fmt.Sprintf("—%d—", n); stripSpace(footer.text) != want {
			t.Errorf("page %d: footer %q, want %q", n, footer.text, want)
		}
		dash := (footer.yMin+footer.yMax)/2 - areaBottom
		if n%2 == 1 {
			if d := areaRight - 14 - footer.xMax; math.Abs(d) > 3 {
				t.Errorf("page %d (odd): number ends %.1f pt from 1 char inside the right edge", n, d)
			}
		} else if d := footer.xMin - (areaLeft + 14); math.Abs(d) > 3 {
			t.Errorf("page %d (even): number starts %.1f pt from 1 char inside the left edge", n, d)
		}
		if math.Abs(dash/ptPerMM-7) > 2 {
			t.Errorf("page %d: page number %.1f mm below the text area, want about 7", n, dash/ptPerMM)
		}
		if n <= 2 {
			t.Logf("page %d: %d lines; page number x %.1f–%.1f mm, middle %.1f mm below the text area",
				n, len(inArea), footer.xMin/ptPerMM, footer.xMax/ptPerMM, dash/ptPerMM)
		}
	}
	if full == 0 {
		t.Error("no page holds 22 lines")
	}
	if linesSeen[28] == 0 {
		t.Errorf("no full line of 28 characters; line lengths %v", linesSeen)
	}
	t.Logf("%d pages, %d with 22 lines; CJK-only line lengths %v", len(html.Pages), full, linesSeen)

	// Every character of the body is in the PDF, in order within each
	// paragraph (this catches glyphs LibreOffice drops at line ends).
	got := stripSpace(body.String())
	for _, b := range doc.Blocks {
		if want := stripSpace(b.Text()); !strings.Contains(got, want) {
			t.Errorf("PDF text lacks paragraph %q", excerpt(want, 30))
		}
	}
	for _, s := range []string{"中共洛阳市偃师区委员会", "偃文〔2023〕12号", "签发人：赵玉勋",
		"2022年共收到行政复议申请案件51起", "中共偃师区委偃师区人民政府2023年3月22日"} {
		if !strings.Contains(got, s) {
			t.Errorf("PDF text lacks %q", s)
		}
	}

	// Fonts: the substitutes are embedded when installed.
	if _, err := exec.LookPath("pdffonts"); err == nil {
		fonts := runTool(t, "pdffonts", pdf)
		if len(FontsMissing()) == 0 {
			for _, f := range []string{"FandolFang", "FandolKai", "NotoSerifCJK", "NotoSansCJK", "LiberationSerif"} {
				if !strings.Contains(fonts, f) {
					t.Errorf("PDF does not embed %s:\n%s", f, fonts)
				}
			}
		}
	}

	// Page 1 shows red: the 标志 and a rule as wide as the text area.
	redRows, issuerRed := redOnPage1(t, pdf)
	if issuerRed == 0 {
		t.Error("no red 发文机关标志 on page 1")
	}
	if len(redRows) == 0 {
		t.Error("no red separator line on page 1")
	} else {
		t.Logf("red rule at %.1f mm, 标志 red pixels %d", redRows[0], issuerRed)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// redOnPage1 renders page 1 at 72 dpi and returns the rows (mm from the
// top) where red spans at least 150 mm, and the number of red pixels
// between 60 and 100 mm from the top (the 标志).
func redOnPage1(t *testing.T, pdf string) ([]float64, int) {
	out := runTool(t, "pdftoppm", "-r", "72", "-f", "1", "-l", "1", pdf)
	br := bufio.NewReader(bytes.NewReader([]byte(out)))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(br, &magic, &w, &h, &maxv); err != nil || magic != "P6" {
		t.Fatalf("pdftoppm: not a P6 image (%v)", err)
	}
	br.ReadByte()
	px := make([]byte, w*h*3)
	if _, err := io.ReadFull(br, px); err != nil {
		t.Fatal(err)
	}
	var rowsMM []float64
	issuer := 0
	for y := 0; y < h; y++ {
		n := 0
		for x := 0; x < w; x++ {
			r, g, b := px[(y*w+x)*3], px[(y*w+x)*3+1], px[(y*w+x)*3+2]
			if r > 180 && g < 90 && b < 90 {
				n++
			}
		}
		mmY := float64(y) / ptPerMM
		if float64(n) >= 150*ptPerMM {
			rowsMM = append(rowsMM, mmY)
		}
		if mmY > 60 && mmY < 100 {
			issuer += n
		}
	}
	return rowsMM, issuer
}
