package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/poster"
)

func TestPosterCommand(t *testing.T) {
	dir := t.TempDir()
	dsn := filepath.Join(dir, "unused.db")
	out := filepath.Join(dir, "poster.png")
	stdout := mustFazhi(t, dsn, "poster", "--title", "偃师区惠企政策汇编", "--base-url", "http://10.1.2.3:8080/", "-o", out)
	if !strings.Contains(stdout, "已生成 A4 海报") || !strings.Contains(stdout, "二维码打开 http://10.1.2.3:8080"+poster.PolicyListPath) {
		t.Errorf("stdout:\n%s", stdout)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 1240 || cfg.Height != 1754 {
		t.Errorf("PNG %dx%d, %v", cfg.Width, cfg.Height, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "poster.txt")); err != nil || !strings.HasPrefix(string(b), "偃师区惠企政策汇编\n") || !strings.Contains(string(b), "http://10.1.2.3:8080/policies") {
		t.Errorf("caption: %q, %v", b, err)
	}

	// The base URL may come from FAZHI_BASE_URL.
	t.Setenv("FAZHI_BASE_URL", "https://fz.example.gov.cn")
	if stdout := mustFazhi(t, dsn, "poster", "-o", out); !strings.Contains(stdout, "https://fz.example.gov.cn/policies") {
		t.Errorf("from the environment:\n%s", stdout)
	}
	t.Setenv("FAZHI_BASE_URL", "")
	for _, args := range [][]string{
		{"poster", "-o", out},
		{"poster", "--base-url", "10.1.2.3:8080", "-o", out},
		{"poster", "--base-url", "http://x", "-o", filepath.Join(dir, "p.pdf")},
		{"poster", "--base-url", "http://x"},
	} {
		if _, _, err := fazhi(t, dsn, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	if _, err := os.Stat(dsn); err == nil {
		t.Error("poster opened the database")
	}
}
