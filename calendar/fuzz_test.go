package calendar

import (
	"reflect"
	"strings"
	"testing"
)

// Fuzz targets run for a bounded time in .ci/run; the seeds in testdata/fuzz
// run with every go test.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2027-02-05", "2027/2/5", "2027.2.5", "2027年2月5日", "2023-02-29", "0-0-0", "2027－02－05", "-1-1-1", "2027-1-99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.Year() < 1900 || d.Year() > 2999 || d.Hour() != 0 {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
		if again, err := ParseDate(Format(d)); err != nil || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v does not round-trip: %v, %v", s, d, again, err)
		}
	})
}

// FuzzParseNotice: any text is either refused with an error or read into
// days that WriteNotice writes back to the same days.
func FuzzParseNotice(f *testing.F) {
	f.Add("年份,2028\n2027-12-31,2028-01-02,元旦,休\n2028-01-23,2028-01-31,春节,休\n2028-02-05,春节,班\n")
	f.Add("\ufeff# 通知\n2028/9/30，2028/10/8，国庆节，休\n2028年10月14日\t国庆节\t上班\n2028-10-15,,班\n")
	f.Add("国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。\n")
	f.Add("年份,2027,2028\n2027-06-09,端午节,休\n")
	f.Add("2027-01-01,2027-03-01,太长,休\n")
	f.Fuzz(func(t *testing.T, text string) {
		days, years, err := ParseNotice(strings.NewReader(text))
		if err != nil {
			return
		}
		var b strings.Builder
		if err := WriteNotice(&b, days, years); err != nil {
			t.Fatal(err)
		}
		days2, years2, err := ParseNotice(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("WriteNotice wrote what ParseNotice refuses: %v\n%s", err, b.String())
		}
		if !reflect.DeepEqual(New(days, years).special, New(days2, years2).special) || !reflect.DeepEqual(years, years2) {
			t.Fatalf("notice does not round-trip:\n%q\n→\n%s", text, b.String())
		}
	})
}

// Regressions found by FuzzParseNotice: a name beginning with a digit was
// accepted and then read back as a date; control characters and non-UTF-8
// bytes went into holiday names.
func TestParseNotice_RefusesWhatCannotRoundTrip(t *testing.T) {
	for in, want := range map[string]string{
		"2000-01-01,2000-01-01,000春节,班\n": "不能以数字开头",
		"2027-06-09,端午\x1b[31m节,休\n":      "控制字符 U+001B",
		"2027-06-09,端午\xff节,休\n":          "不是 UTF-8",
	} {
		_, _, err := ParseNotice(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "第1行") {
			t.Errorf("ParseNotice(%q) = %v; want an error on 第1行 containing %q", in, err, want)
		}
	}
}
