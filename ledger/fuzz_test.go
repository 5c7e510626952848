package ledger

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets run for a bounded time in .ci/run; the seeds in testdata/fuzz
// run with every go test.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日", "20220305", "44625", "44625.5",
		"17899", "17898", "73415", "73416", "２０２２－０３－０５", "2022-02-29", "2022-03-05T08:00:00", "1949-01-01", "2100-12-31", " \u3000 ", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not a UTC midnight", s, d)
		}
		if d.Year() < 1949 || d.Year() > 2100 {
			t.Fatalf("ParseDate(%q) = %v, outside 1949..2100", s, d)
		}
		if again, err := ParseDate(d.Format("2006-01-02")); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v does not round-trip: %v, %v", s, d, again, err)
		}
	})
}

func FuzzParseScaled(f *testing.F) {
	for _, s := range []string{"12", "1,234.5", "3.3000000000000003", "-0.5", "12万元", "１２", "9223372036854775807", "1e5", "."} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, s string, scale int) {
		if scale < 0 || scale > 6 {
			return
		}
		n, err := ParseScaled(s, scale)
		if err != nil {
			return
		}
		// What is parsed prints back as the same number.
		out := FormatScaled(n, scale)
		if m, err := ParseScaled(out, scale); err != nil || m != n {
			t.Fatalf("ParseScaled(%q, %d) = %d prints %q, which parses to %d, %v", s, scale, n, out, m, err)
		}
	})
}

// FuzzCaseNo covers the 案号/文号 normalisation the ledgers apply: stable
// (normalising twice changes nothing) and valid UTF-8 on any input.
func FuzzCaseNo(f *testing.F) {
	for _, s := range []string{"偃政复〔2022〕1号", "（2022）豫0381行初15号", "(2022)豫0381行初15号", "偃政复[2022]1号", "偃政复【２０２２】１号", "（", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normalizeCaseNo(s)
		if again := normalizeCaseNo(n); again != n {
			t.Fatalf("normalizeCaseNo is not stable: %q → %q → %q", s, n, again)
		}
		if !utf8.ValidString(n) {
			t.Fatalf("normalizeCaseNo(%q) = %q, not UTF-8", s, n)
		}
		if strings.ContainsAny(n, " \u3000") {
			t.Fatalf("normalizeCaseNo(%q) = %q keeps spaces", s, n)
		}
	})
}
