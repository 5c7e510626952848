package main

import (
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

// TestGen_CommandLine (issue 14): fazhi gen prints each district as it is
// written and the total; the province comparison then lists the generated
// districts; a missing --year is a usage error.
func TestGen_CommandLine(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := e.DSN(t)
		if _, _, err := fazhi(t, dsn, "gen", "--districts", "2"); err == nil || !strings.Contains(err.Error(), "用法") {
			t.Fatalf("gen without --year: %v", err)
		}
		out := mustFazhi(t, dsn, "gen", "--districts", "2", "--year", "2022", "--seed", "3", "--scale", "0.02")
		for _, want := range []string{"[1/2] 洛阳市偃师区（410307）", "[2/2] 郑州市中原区（410102）", "生成完成：2 个区县"} {
			if !strings.Contains(out, want) {
				t.Errorf("gen output lacks %q:\n%s", want, out)
			}
		}
		out = mustFazhi(t, dsn, "indicators", "--year", "2022", "--unit", "41", "--by-district")
		if !strings.Contains(out, "河南省（410000）") || !strings.Contains(out, "偃师区") || !strings.Contains(out, "中原区") {
			t.Errorf("province comparison:\n%s", out)
		}
	})
}
