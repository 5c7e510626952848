package main

import (
	"strings"
	"testing"
)

// TestFreshDemo runs the README's demo command: `fazhi demo` with no
// arguments builds its own database and renders the report.
func TestFreshDemo(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	out, stderr, err := fazhi(t, "unused.db", "demo", "--no-serve")
	if err != nil {
		t.Fatalf("fazhi demo: %v\n%s", err, stderr)
	}
	for _, want := range []string{"演示数据载入完成", "reconsideration.received", "51起", "逾期 4 项，临期 5 项",
		"2022年度报告未发现问题（39个数字均取自指标）", "法治政府建设情况报告.html"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}
