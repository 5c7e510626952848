package termtext

import (
	"bytes"
	"fmt"
	"testing"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"偃政复〔2022〕1号":                     "偃政复〔2022〕1号",
		"行1\n\t行2":                        "行1\n\t行2",
		"控制\x01字符\v\x1b[2J\x1b]0;PWNED\a": `控制\x01字符\x0b\x1b[2J\x1b]0;PWNED\x07`,
		"回车\r覆盖":                          `回车\x0d覆盖`,
		"删除\x7f":                          `删除\x7f`,
		"C1\u009b31m":                     `C1\u009b31m`,
		"坏\xff\xfe":                       `坏\xff\xfe`,
		"abc\u202edcba":                   `abc\u202edcba`,
		"":                                "",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if Safe(Escape(in)) == false {
			t.Errorf("Escape(%q) is not safe", in)
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	if NewWriter(w) != w {
		t.Error("NewWriter wraps twice")
	}
	n, err := fmt.Fprintf(w, "申请人：%s\n", "张\x1b[31m三")
	if err != nil || n != len("申请人：张\x1b[31m三\n") {
		t.Errorf("Fprintf = %d, %v", n, err)
	}
	if got := b.String(); got != "申请人：张\\x1b[31m三\n" {
		t.Errorf("wrote %q", got)
	}
	if Raw(w) != &b {
		t.Error("Raw does not unwrap")
	}
}

func TestCell(t *testing.T) {
	if got := Cell("a\tb\nc\vd\x1b"); got != `a\tb\nc\x0bd\x1b` {
		t.Errorf("Cell = %q", got)
	}
}
