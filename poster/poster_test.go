package poster

import (
	"bytes"
	"errors"
	"image/png"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

func TestPolicyURL(t *testing.T) {
	for base, want := range map[string]string{
		"http://10.1.2.3:8080":       "http://10.1.2.3:8080/policies",
		"http://10.1.2.3:8080/":      "http://10.1.2.3:8080/policies",
		" https://fz.yanshi.gov.cn ": "https://fz.yanshi.gov.cn/policies",
		"https://gov.cn/fazhi/":      "https://gov.cn/fazhi/policies",
	} {
		if got, err := PolicyURL(base); err != nil || got != want {
			t.Errorf("PolicyURL(%q) = %q, %v; want %q", base, got, err, want)
		}
	}
	for base, want := range map[string]string{
		"":                     "未指定服务器地址",
		"10.1.2.3:8080":        "应以 http:// 或 https:// 开头",
		"ftp://x":              "应以 http:// 或 https:// 开头",
		"http://":              "含主机名",
		"http://x/?a=1":        "不应含查询参数",
		"http://x/#policies":   "不应含查询参数或锚点",
		"http://[::1:8080/bad": "无效",
	} {
		if _, err := PolicyURL(base); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("PolicyURL(%q): %v, want %q", base, err, want)
		}
	}
}

func TestWritePNG_A4WithTheURLsCode(t *testing.T) {
	const u = "http://10.1.2.3:8080/policies"
	for _, dpi := range []int{0, 300} {
		var buf bytes.Buffer
		l, err := WritePNG(&buf, Options{Title: "偃师区惠企政策汇编", URL: u, DPI: dpi})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("the PNG does not decode: %v", err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		if math.Abs(float64(h)/float64(w)-297.0/210.0) > 0.002 {
			t.Errorf("%d×%d is not A4-proportioned", w, h)
		}
		if want := map[int]int{0: 1240, 300: 2480}[dpi]; w != want {
			t.Errorf("width %d at %d dpi, want %d", w, dpi, want)
		}
		// The code in the image is the code of the URL, module for module.
		q, err := qrcode.New(u, Recovery)
		if err != nil {
			t.Fatal(err)
		}
		bm := q.Bitmap()
		if l.Modules != len(bm) || l.Module*l.Modules < w/2 {
			t.Fatalf("layout %+v for a %d-module code", l, len(bm))
		}
		for r := range bm {
			for c := range bm[r] {
				x, y := l.QRX+c*l.Module+l.Module/2, l.QRY+r*l.Module+l.Module/2
				gray, _, _, _ := img.At(x, y).RGBA()
				if dark := gray < 0x8000; dark != bm[r][c] {
					t.Fatalf("module (%d,%d) differs from a fresh encode of %s", r, c, u)
				}
			}
		}
		// Metadata: title, URL, print size.
		for _, want := range []string{"iTXtTitle", "偃师区惠企政策汇编", "iTXtURL", u, "pHYs"} {
			if !bytes.Contains(buf.Bytes(), []byte(want)) {
				t.Errorf("PNG lacks %q", want)
			}
		}
	}
}

func TestRender_Errors(t *testing.T) {
	if _, _, err := Render(Options{}); err == nil {
		t.Error("empty URL accepted")
	}
	if _, _, err := Render(Options{URL: "http://x/policies", DPI: 1000}); err == nil || !strings.Contains(err.Error(), "超出范围") {
		t.Errorf("dpi 1000: %v", err)
	}
	if _, _, err := Render(Options{URL: "http://x/" + strings.Repeat("a", 1500), DPI: 72}); err == nil {
		t.Error("an unscannably dense code accepted")
	}
}

// TestRender_DrawsTheTexts: the title is drawn in white in the red head
// band, the issuing unit and date in black above the foot rule; different
// texts give different pixels; without a CJK font the error says what to
// install.
func TestRender_DrawsTheTexts(t *testing.T) {
	if _, _, err := FindFont("偃师区"); err != nil {
		if os.Getenv("FAZHI_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	o := Options{Title: "偃师区惠企政策汇编", Issuer: "偃师区司法局", Date: time.Date(2023, 3, 5, 0, 0, 0, 0, time.UTC), URL: "http://10.1.2.3:8080/policies"}
	img, l, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	px := func(mm float64) int { return int(math.Round(mm / 25.4 * float64(l.DPI))) }
	count := func(y0, y1 int, want func(r, g, b uint32) bool) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := 0; x < l.Width; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if want(r, g, b) {
					n++
				}
			}
		}
		return n
	}
	light := func(r, g, b uint32) bool { return g > 0xC000 && b > 0xC000 }
	dark := func(r, g, b uint32) bool { return r < 0x4000 && g < 0x4000 }
	if n := count(px(16), px(44), light); n < 2000 {
		t.Errorf("head band: %d light pixels, the title is not drawn", n)
	}
	if n := count(l.Height-px(40), l.Height-px(25), dark); n < 1000 {
		t.Errorf("foot: %d dark pixels, issuer and date not drawn", n)
	}
	o2 := o
	o2.Title = "偃师区惠企政策清单"
	img2, _, _ := Render(o2)
	if bytes.Equal(img.Pix, img2.Pix) {
		t.Error("a different title gives the same image")
	}

	saved := fontDirs
	defer func() { fontDirs = saved }()
	fontDirs = func() []string { return []string{t.TempDir()} }
	t.Setenv("FAZHI_FONT", "")
	if _, _, err := Render(o); !errors.Is(err, ErrNoCJKFont) || !strings.Contains(err.Error(), "fonts-noto-cjk") {
		t.Errorf("no font: %v", err)
	}
}
