package ident

import (
	"strings"
	"testing"
)

func TestCheckUSCC(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"91350100M000100Y43", true},
		{"91410381MA00000075", true},  // MA… codes of enterprises since 2015: A=10, M=22 in GB 11714
		{"91410381MA000000X9", false}, // passes only if letters take GB 32100 values
		{"91110000100017643K", true},
		{"91350100M000100Y44", false}, // wrong check character
		{"91110000100017643", false},  // 17 characters
		{"9111000010001764IK", false}, // I is not allowed
		{"91110000100017633K", false}, // organisation check digit wrong, overall check recomputed below would differ
	} {
		if err := CheckUSCC(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckUSCC(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestCheckIDCard(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"11010519491231002X", true},
		{"110105194912310021", false},
		{"11010519491331002X", false}, // month 13
		{"1101051949123100", false},
	} {
		if err := CheckIDCard(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckIDCard(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
	if err := CheckPartyID("91350100M000100Y43"); err != nil {
		t.Errorf("CheckPartyID(uscc) = %v", err)
	}
	if err := CheckPartyID("4.10381198002021E+17"); err == nil || !strings.Contains(err.Error(), "科学计数法") {
		t.Errorf("CheckPartyID(Excel number) = %v", err)
	}
	if err := CheckPartyID("11010519491231002X"); err != nil {
		t.Errorf("CheckPartyID(id) = %v", err)
	}
}

func TestDocNumber(t *testing.T) {
	for _, tc := range []struct {
		in, norm string
		ok       bool
	}{
		{"偃政〔2023〕5号", "偃政〔2023〕5号", true},
		{"偃政[2023]5号", "偃政〔2023〕5号", true},
		{"偃政办（2023） 12号", "偃政办〔2023〕12号", true},
		{"偃政〔２０２２〕６号", "偃政〔2022〕6号", true},
		{"偃政〔2023〕第5号", "偃政〔2023〕第5号", false},
		{"偃政〔2023〕05号", "偃政〔2023〕05号", false},
		{"偃政〔23〕5号", "偃政〔23〕5号", false},
	} {
		n := NormalizeDocNumber(tc.in)
		if n != tc.norm {
			t.Errorf("NormalizeDocNumber(%q) = %q, want %q", tc.in, n, tc.norm)
		}
		if err := CheckDocNumber(n); (err == nil) != tc.ok {
			t.Errorf("CheckDocNumber(%q) = %v, want ok=%v", n, err, tc.ok)
		}
	}
}

// Regression (issue 13): USCCCheckChar indexed past its table on a character
// outside the GB 32100 set, and panicked on a short body.
func TestUSCCCheckChar_OutsideSetOrShort(t *testing.T) {
	for _, body := range []string{"9111000010001764I", "91110000100017o43", "911100001000176", "", "中文中文中文中文中文中文中文中文中文"} {
		if c := USCCCheckChar(body); c != 0 {
			t.Errorf("USCCCheckChar(%q) = %q, want 0", body, c)
		}
	}
	if c := USCCCheckChar("91350100M000100Y4"); c != '3' {
		t.Errorf("USCCCheckChar(valid body) = %q, want '3'", c)
	}
	for _, org := range []string{"M000100", "m000100Y", "M00-100Y"} {
		if c := OrgCheckChar(org); c != 0 {
			t.Errorf("OrgCheckChar(%q) = %q, want 0", org, c)
		}
	}
	if err := CheckUSCC("91350100M000100Y4中"); err == nil || !strings.Contains(err.Error(), "第18位“中”") {
		t.Errorf("CheckUSCC(18 runes, one Chinese) = %v", err)
	}
	if err := CheckUSCC("+e\xaa.xxxxxxxxxxxxxxxx"); err != nil && strings.Contains(err.Error(), "科学计数法") {
		t.Errorf("CheckUSCC took a non-number for an Excel number: %v", err)
	}
}
