package ledger

import (
	"strings"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in, header string
		want       int64 // 万元 at scale 4
		ok         bool
	}{
		{"1,280,000.00", "元", 1280000, true},
		{"128万元", "元", 1280000, true}, // the cell's unit wins
		{"3500000", "元", 3500000, true},
		{"1.5亿元", "", 150000000, true},
		{"2", "亿元", 200000000, true},
		{"128", "", 1280000, true},
		{"128", "万元", 1280000, true},
		{"1234.56", "元", 1234560, false}, // 0.123456 万元: digits would be dropped
		{"1234.5", "元", 1234, false},
		{"12元", "", 12, true},
	} {
		got, err := parseAmount(tc.in, 4, tc.header, "万元")
		if tc.ok != (err == nil) || tc.ok && got != tc.want {
			t.Errorf("parseAmount(%q, header %q) = %d, %v; want %d ok=%v", tc.in, tc.header, got, err, tc.want, tc.ok)
		}
	}
	if _, err := Contract.Field("amount").ParseCell("1280000", CellContext{}); err == nil || !strings.Contains(err.Error(), "远超常见范围") {
		t.Errorf("implausible amount: %v", err)
	}
	if v, err := Contract.Field("amount").ParseCell("1280000", CellContext{Confirmed: true}); err != nil || v.(int64) != 12800000000 {
		t.Errorf("confirmed amount: %v %v", v, err)
	}
}

func TestParseDeadline(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for in, want := range map[string]any{
		"2024年12月底前": d("2024-12-31"), "2024年2月底": d("2024-02-29"), "2024年底前": d("2024-12-31"),
		"2024年6月30日前": d("2024-06-30"), "2024-06-30": d("2024-06-30"),
		"长期坚持": Term("长期坚持"), "立行立改": Term("立行立改"),
	} {
		got, err := ParseDeadline(in)
		if err != nil || got != want {
			t.Errorf("ParseDeadline(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseDeadline("尽快"); err == nil {
		t.Error("尽快 accepted as a deadline")
	}
}

func TestCaseNumbers(t *testing.T) {
	f := Reconsideration.Field("case_no")
	for _, in := range []string{"偃政复〔2022〕163号", "偃政复〔2022〕第163号", "偃政复〔2022〕0163号", "偃政复[2022]163号", "偃政复（2022）163号", "偃政复〔２０２２〕１６３号"} {
		if v, err := f.Parse(in); err != nil || v != "偃政复〔2022〕163号" {
			t.Errorf("%q → %v, %v", in, v, err)
		}
	}
	if _, err := f.Parse("偃政复〔2022〕l号"); err == nil || !strings.Contains(err.Error(), "不是数字") {
		t.Errorf("〔2022〕l号: %v", err)
	}
	lit := Litigation.Field("case_no")
	if v, err := lit.Parse("(2022)豫0381行初第015号"); err != nil || v != "（2022）豫0381行初15号" {
		t.Errorf("court number: %v %v", v, err)
	}
	if v, err := Normdoc.Field("doc_no").Parse("偃政〔2022〕第05号"); err != nil || v != "偃政〔2022〕5号" {
		t.Errorf("文号: %v %v", v, err)
	}
}

func TestEnumSynonyms(t *testing.T) {
	for _, tc := range []struct {
		d         *Definition
		field, in string
		want      string
		ambiguous bool
	}{
		{Reconsideration, "conclusion", "撤销并责令重做", "撤销并责令重作", false},
		{Reconsideration, "conclusion", "责令履职", "责令履行", false},
		{Reconsideration, "conclusion", "终止", "", true},
		{Reconsideration, "conclusion", "驳回", "", true},
		{Reconsideration, "review_result", "予以受理", "受理", false},
		{Reconsideration, "act_category", "投诉举报", "举报投诉处理", false},
		{Reconsideration, "act_category", "工伤认定", "工伤认定", false},
		{Litigation, "instance", "一审（简易程序）", "一审", false},
		{Litigation, "appearance", "负责人出庭", "", true},
		{Normdoc, "status", "现行有效", "有效", false},
		{Contract, "opinion", "原则同意", "同意", false},
		{PlanTask, "status", "已完成", "已完成", false},
		{ServiceEvaluation, "channel", "12345热线", "电话回访", false},
		{ServiceEvaluation, "channel", "评价器", "现场", false},
		{ServiceEvaluation, "grade", "★★★★★", "非常满意", false},
		{ServiceEvaluation, "grade", "2", "不满意", false},
	} {
		v, err := tc.d.Field(tc.field).Parse(tc.in)
		switch {
		case tc.ambiguous && (err == nil || !strings.Contains(err.Error(), "可能指")):
			t.Errorf("%s %q: want ambiguous, got %v %v", tc.field, tc.in, v, err)
		case !tc.ambiguous && (err != nil || v != tc.want):
			t.Errorf("%s %q = %v, %v; want %s", tc.field, tc.in, v, err, tc.want)
		}
	}
}

func TestNumbersWithUnits(t *testing.T) {
	for in, want := range map[string]int64{"20个工作日": 20, "0次": 0, "即办": 0, "15": 15, "3 天": 3} {
		v, err := ServiceItem.Field("promised_days").Parse(in)
		if err != nil || v.(int64) != want {
			t.Errorf("%q → %v, %v", in, v, err)
		}
	}
}

func TestControlCharactersAndLength(t *testing.T) {
	f := Reconsideration.Field("handler")
	for _, in := range []string{"王\x1b[2J五", "a\x07", "x\x0by", "\x7f"} {
		if _, err := f.Parse(in); err == nil || !strings.Contains(err.Error(), "控制字符") {
			t.Errorf("%q: %v", in, err)
		}
	}
	if _, err := f.Parse("王五\t李四"); err != nil {
		t.Errorf("TAB refused: %v", err)
	}
	if _, err := f.Parse(strings.Repeat("王", 101)); err == nil {
		t.Error("a 101-character 承办人 accepted")
	}
	if _, err := Reconsideration.Field("applicant").Parse(strings.Repeat("王", CellMaxLen+1)); err == nil {
		t.Error("a cell longer than Excel's limit accepted")
	}
}

func TestUnitForms(t *testing.T) {
	tree := NewUnitTree([]Unit{
		{Code: "1", Name: "洛阳市偃师区人民政府", ShortName: "区政府", Kind: "政府"},
		{Code: "2", Name: "偃师区发展和改革委员会", ShortName: "区发展和改革委员会", Kind: "政府部门"},
		{Code: "3", Name: "洛阳市自然资源和规划局偃师分局", Kind: "垂直管理部门"},
		{Code: "4", Name: "偃师区岳滩镇", ShortName: "岳滩镇", Kind: "镇"},
		{Code: "5", Name: "中共洛阳市偃师区委员会", ShortName: "区委", Kind: "党委"},
		{Code: "6", Name: "偃师区槐新街道", ShortName: "槐新街道", Kind: "街道"},
	})
	for in, want := range map[string]string{"偃师区人民政府": "1", "岳滩镇人民政府": "4", "槐新街道办事处": "6", "区委": "5"} {
		if got, ok := tree.Lookup(in); !ok || got != want {
			t.Errorf("Lookup(%q) = %q %v, want %s", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{"区发改委": "偃师区发展和改革委员会", "区自然资源局": "洛阳市自然资源和规划局偃师分局", "区教育局": ""} {
		if got := tree.Closest(in); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	tree.AddAliases([]Alias{{Alias: "区发改委", Code: "2"}})
	for _, in := range []string{"区发改委", "偃师区发改委"} {
		if got, ok := tree.Lookup(in); !ok || got != "2" {
			t.Errorf("alias Lookup(%q) = %q %v", in, got, ok)
		}
	}
	if got := SeveralUnits("区发改委、岳滩镇", tree); len(got) != 2 {
		t.Errorf("SeveralUnits = %v", got)
	}
}
