package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestTable_AlignsChineseByDisplayWidth: columns start at the same terminal
// column on every line, a Chinese character counting two.
func TestTable_AlignsChineseByDisplayWidth(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	tw := newTable(&out)
	fmt.Fprintln(tw, "截至 2022-12-01：逾期 2 项") // no cells: printed as is
	fmt.Fprintln(tw, "状态\t单位\t记录\t")
	fmt.Fprintln(tw, "逾期\t偃师区民政局\t偃政复〔2022〕1号\t")
	fmt.Fprintln(tw, "ok\tab\tc\ttail")
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if lines[0] != "截至 2022-12-01：逾期 2 项" {
		t.Errorf("a line without cells changed: %q", lines[0])
	}
	// The third column starts after 4+2 and 12+2 columns on every line.
	for i, third := range []string{"记录", "偃政复", "c"} {
		l := lines[i+1]
		if col := displayWidth(l[:strings.Index(l, third)]); col != 20 {
			t.Errorf("%q: the third column starts at %d, want 20", l, col)
		}
	}
	if !strings.HasSuffix(lines[3], "tail") {
		t.Errorf("text after the last tab: %q", lines[3])
	}
}
