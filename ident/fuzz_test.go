package ident

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets run for a bounded time in .ci/run (go test -fuzz); their
// seed corpora are in testdata/fuzz and run with every go test.

func FuzzUSCC(f *testing.F) {
	for _, s := range []string{"91350100M000100Y43", "91410381MA00000075", "9111000010001764IK", "91110000100017643", "ｉ1350100M000100Y43", "\x1b[31m", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := USCCCheckChar(s) // must not panic on any input
		if c != 0 && !strings.ContainsRune(usccChars, rune(c)) {
			t.Fatalf("USCCCheckChar(%q) = %q, outside the GB 32100 set", s, c)
		}
		_ = OrgCheckChar(s)
		err := CheckUSCC(s)
		if err == nil {
			if len(s) != 18 || USCCCheckChar(s[:17]) != s[17] || OrgCheckChar(s[8:16]) != s[16] {
				t.Fatalf("CheckUSCC accepted %q", s)
			}
		} else if !utf8.ValidString(err.Error()) {
			t.Fatalf("CheckUSCC(%q): message is not valid UTF-8: %q", s, err)
		}
	})
}

func FuzzIDCard(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "110105194912310021", "11010519491331002X", "4.10381198002021E+17", "１1010519491231002X", "110105\x00949123100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckIDCard(s)
		if err == nil {
			if len(s) != 18 || !isIDShape(s) {
				t.Fatalf("CheckIDCard accepted %q", s)
			}
			if CheckPartyID(s) != nil {
				t.Fatalf("CheckPartyID refused the valid ID %q", s)
			}
		} else if !utf8.ValidString(err.Error()) {
			t.Fatalf("CheckIDCard(%q): message is not valid UTF-8: %q", s, err)
		}
		_ = CheckPartyID(s)
	})
}

func FuzzDocNumber(f *testing.F) {
	for _, s := range []string{"偃政〔2023〕5号", "偃政[2023]5号", "偃政办（2023） 12号", "偃政〔２０２２〕６号", "偃政〔2023〕第5号", "偃政〔2023〕05号", "【】", "〔"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeDocNumber(s)
		if again := NormalizeDocNumber(n); again != n {
			t.Fatalf("NormalizeDocNumber is not idempotent: %q → %q → %q", s, n, again)
		}
		if err := CheckDocNumber(n); err == nil {
			m := docNumberRe.FindStringSubmatch(n)
			if m == nil || len(m[2]) != 4 || strings.HasPrefix(m[3], "0") {
				t.Fatalf("CheckDocNumber accepted %q", n)
			}
		}
	})
}
