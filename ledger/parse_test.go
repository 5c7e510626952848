package ledger

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	want := time.Date(2022, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日", " 2022-3-5 ", "44625", "44625.0",
		"２０２２－０３－０５", "2022年 3月 5日", "20220305", "2022-03-05 00:00:00", "2022-03-05T00:00:00"} {
		got, err := ParseDate(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want 2022-03-05", in, got, err)
		}
	}
	for _, in := range []string{"2022-02-30", "2022-13-01", "三月五日", "2022", "12", "abc", "1800-01-01"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) succeeded; want error", in)
		}
	}
}

func TestParseScaled(t *testing.T) {
	for _, tc := range []struct {
		in    string
		scale int
		want  int64
		ok    bool
	}{
		{"1,234.5", 4, 12345000, true},
		{"１２３", 0, 123, true},
		{"0.12345", 4, 0, false},
		{"12.50", 1, 125, true},
		{"-3", 0, -3, true},
		{"12元", 0, 0, false},
		{"2008.76万元", 4, 20087600, true},
		{"3.3000000000000003", 4, 33000, true},     // Excel's double for 3.3
		{"41594.009999999995", 4, 415940100, true}, // and for 41594.01
		{"0.30000000000000004", 0, 0, false},       // not an integer
		{"12.34567", 4, 0, false},                  // a real fifth decimal
		{"-2.2000000000000002", 1, -22, true},
	} {
		got, err := ParseScaled(tc.in, tc.scale)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseScaled(%q,%d) = %d, %v; want %d ok=%v", tc.in, tc.scale, got, err, tc.want, tc.ok)
		}
	}
	if FormatScaled(20087600, 4) != "2008.76" || FormatScaled(-5, 1) != "-0.5" || FormatScaled(30000, 4) != "3" {
		t.Error("FormatScaled")
	}
}

func TestFoldLabel(t *testing.T) {
	for _, tc := range [][2]string{{" 案 号 ", "案号"}, {"*申请人", "申请人"}, {"总投资（万元）", "总投资(万元)"}, {"总投资(万元)", "总投资(万元)"}} {
		if got := FoldLabel(tc[0]); got != FoldLabel(tc[1]) {
			t.Errorf("FoldLabel(%q) = %q, want %q", tc[0], got, FoldLabel(tc[1]))
		}
	}
}

func TestReconsiderationChecks(t *testing.T) {
	units := NewUnitTree([]Unit{{Code: "1", Name: "偃师区市场监督管理局", ShortName: "区市场监管局"}})
	base := func() map[string]string {
		return map[string]string{"case_no": "偃政复〔2022〕1号", "applicant": "张三", "respondent": "区市场监管局",
			"received_on": "2022-03-01", "review_result": "受理", "accepted_on": "2022-03-04"}
	}
	if _, errs := Reconsideration.ParseRecord(base(), units, nil); len(errs) != 0 {
		t.Fatalf("valid record rejected: %v", errs)
	}
	for name, tc := range map[string]struct {
		set   map[string]string
		field string
	}{
		"accepted before received": {map[string]string{"accepted_on": "2022-02-27"}, "accepted_on"},
		"accepted without date":    {map[string]string{"accepted_on": ""}, "accepted_on"},
		"refused with date":        {map[string]string{"review_result": "不予受理"}, "accepted_on"},
		"concluded without way":    {map[string]string{"concluded_on": "2022-04-01"}, "conclusion"},
		"bad enum":                 {map[string]string{"review_result": "待定"}, "review_result"},
		"bad id":                   {map[string]string{"applicant_id": "110105194912310021"}, "applicant_id"},
		"unknown unit":             {map[string]string{"respondent": "偃师区市场监管所"}, "respondent"},
		"empty key":                {map[string]string{"case_no": " "}, "case_no"},
		"resumed before suspended": {map[string]string{"suspended_on": "2022-03-10", "resumed_on": "2022-03-09"}, "resumed_on"},
	} {
		cells := base()
		for k, v := range tc.set {
			cells[k] = v
		}
		_, errs := Reconsideration.ParseRecord(cells, units, nil)
		found := false
		for _, e := range errs {
			found = found || e.Field == tc.field
		}
		if !found {
			t.Errorf("%s: errors %v do not name %s", name, errs, tc.field)
		}
	}
	_, errs := Reconsideration.ParseRecord(map[string]string{"case_no": "x", "applicant": "a", "respondent": "偃师区市场监管所",
		"received_on": "2022-03-01", "review_result": "审查中"}, units, nil)
	if len(errs) != 1 || errs[0].Msg != "单位“偃师区市场监管所”不在单位名录中，是否为“偃师区市场监督管理局”？" {
		t.Errorf("closest unit: %v", errs)
	}
}

func TestMask(t *testing.T) {
	if got := Mask("11010519491231002X"); got != "110*************2X" {
		t.Errorf("Mask = %q", got)
	}
	if got := Mask("abc"); got != "***" {
		t.Errorf("Mask short = %q", got)
	}
}

// Regression (issue 13): serial 17898 is 1948-12-31 and was accepted; the
// first serial of 1949 is 17899, the last of 2100 is 73415.
func TestParseDate_SerialBounds(t *testing.T) {
	for in, want := range map[string]string{"17899": "1949-01-01", "73415": "2100-12-31", "44625": "2022-03-05"} {
		got, err := ParseDate(in)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"17898", "73416"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error (outside 1949..2100)", in, got)
		}
	}
}
