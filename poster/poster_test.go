package poster

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"testing"

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
