package main

import (
	"os"
	"strings"
	"testing"
)

// TestFreshDemo runs the README's demo command: `fazhi demo` with no
// arguments builds its own database and renders the report. The PDF, a
// LibreOffice conversion of seconds, is rendered and checked only where the
// PDF tests run (FAZHI_REQUIRE_LIBREOFFICE=1, as in CI: internal/testgate);
// elsewhere LibreOffice is hidden from PATH and the demo says it made no PDF.
func TestFreshDemo(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	pdf := os.Getenv("FAZHI_REQUIRE_LIBREOFFICE") == "1"
	if !pdf {
		t.Setenv("PATH", t.TempDir())
	}
	out, stderr, err := fazhi(t, "unused.db", "demo", "--no-serve")
	if err != nil {
		t.Fatalf("fazhi demo: %v\n%s", err, stderr)
	}
	want := []string{"演示数据载入完成", "reconsideration.received", "51起", "逾期 4 项，临期 5 项",
		"2022年度报告未发现问题（39个数字均取自指标）", "法治政府建设情况报告.html"}
	if pdf {
		want = append(want, "法治政府建设情况报告.pdf")
	} else {
		want = append(want, "未生成 PDF")
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("demo output lacks %q", w)
		}
	}
}
