package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"fazhi/indicator"
)

// seedValues are the 2022 figures of ledgers.md for the seed's placeholders.
func seedValues() map[string]indicator.Value {
	m := map[string]indicator.Value{}
	add := func(id, name, unit string, v float64) {
		m[id] = indicator.Value{ID: id, Name: name, Unit: unit, Value: v}
	}
	add("reconsideration.received", "收到行政复议申请", "起", 51)
	add("reconsideration.accepted", "受理", "起", 48)
	add("reconsideration.concluded", "审结", "起", 44)
	add("reconsideration.pending_at_year_end", "年末未审查完毕", "起", 1)
	add("reconsideration.open_at_year_end", "年末未审结", "起", 6)
	add("litigation.cases", "办理应诉案件", "件", 35)
	add("litigation.hearings", "开庭审理案件", "件", 35)
	add("litigation.head_appearances", "负责人出庭应诉", "次", 35)
	add("litigation.appearance_rate", "负责人出庭应诉率", "%", 100)
	add("investment.filed_amount", "备案项目总投资（亿元）", "亿元", 371.6)
	return m
}

func TestSeed_ParsesAndRenders(t *testing.T) {
	src, err := Parse(Seed2022)
	if err != nil {
		t.Fatal(err)
	}
	if src.DocNumber != "偃文〔2023〕12号" || src.Signer != "赵玉勋" || len(src.Signatures) != 2 || src.Date.Format("2006-01-02") != "2023-03-22" {
		t.Errorf("版头: %+v", src)
	}
	if n := len(src.Placeholders()); n != 39 {
		t.Errorf("placeholders = %d, want 39", n)
	}
	r := Resolve(src, 2022, seedValues())
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md, nil, 0); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"收到行政复议申请案件51起，受理48起，审结44起", "办理政府应诉案件35件，出庭应诉35次，应诉率100%",
		"总投资371.6亿元", "## 一、工作开展情况", "**（一）强化党对法治政府建设工作的领导，努力开创法治政府建设新局面。**制定了", "2023年3月22日"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(md.String(), " and ") {
		t.Error("the seed's stray English \"and\" is still there")
	}
	doc := r.Document()
	if doc.Title != ExpandYears(src.Title, 2022) || !strings.Contains(doc.Title, "关于2022年度") || len(doc.Blocks) != len(src.Paras) {
		t.Errorf("document: %d blocks", len(doc.Blocks))
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html, HTMLOptions{Changes: r.Compare(map[string]indicator.Value{"reconsideration.received": {Value: 40}}), PrevYear: 2021}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), `<a class="fig" href="#ind-reconsideration.received" title="reconsideration.received">51</a>`) ||
		!strings.Contains(html.String(), "<td>&#43;11起</td>") {
		t.Errorf("html figure links or comparison missing")
	}
}

func findingRules(fs []Finding) string {
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule+": "+f.Msg)
	}
	return strings.Join(rules, "\n")
}

func TestLint(t *testing.T) {
	src, _ := Parse(Seed2022)
	vals := seedValues()
	clean := Lint(Resolve(src, 2022, vals), map[string]indicator.Value{})
	for _, f := range clean {
		if f.Rule != "占位符指向未知指标" { // this test gives only some indicators
			t.Errorf("clean seed: %s", f)
		}
	}
	for name, tc := range map[string]struct {
		edit func(text string) string
		vals func(m map[string]indicator.Value)
		prev map[string]indicator.Value
		want string
	}{
		"typed figure": {edit: func(s string) string {
			return strings.Replace(s, "受理{{reconsideration.accepted}}起", "受理47起", 1)
		}, want: "数字与指标不符: 正文写“受理47起”，但指标 reconsideration.accepted（受理）为 48起"},
		"accepted over received": {vals: func(m map[string]indicator.Value) {
			v := m["reconsideration.accepted"]
			v.Value = 53
			m["reconsideration.accepted"] = v
		}, want: "受理不超过收到加上年结转"},
		"concluded over accepted": {vals: func(m map[string]indicator.Value) {
			v := m["reconsideration.concluded"]
			v.Value = 49
			m["reconsideration.concluded"] = v
		}, prev: map[string]indicator.Value{"reconsideration.open_at_year_end": {Name: "年末未审结", Value: 0}}, want: "审结不超过受理加上年未结"},
		"appearances over hearings": {vals: func(m map[string]indicator.Value) {
			v := m["litigation.head_appearances"]
			v.Value = 36
			m["litigation.head_appearances"] = v
		}, want: "出庭次数不超过开庭案件"},
		"rate over 100": {vals: func(m map[string]indicator.Value) {
			v := m["litigation.appearance_rate"]
			v.Value = 102.86
			m["litigation.appearance_rate"] = v
		}, want: "比率超过100%"},
		"zero after non-zero": {vals: func(m map[string]indicator.Value) {
			v := m["litigation.cases"]
			v.Value = 0
			m["litigation.cases"] = v
		}, prev: map[string]indicator.Value{"litigation.cases": {Value: 30, Unit: "件"}}, want: "指标为零而上年不为零"},
		"unknown placeholder": {edit: func(s string) string { return strings.Replace(s, "{{litigation.cases}}", "{{litigation.casez}}", 1) }, want: "{{litigation.casez}} 不是已声明的指标"},
		"leading zero date":   {edit: func(s string) string { return strings.Replace(s, "2022年3月，召开", "2022年03月，召开", 1) }, want: "日期格式"},
		"doc number": {edit: func(s string) string {
			return strings.Replace(s, "发文字号：偃文〔2023〕12号", "发文字号：偃文[2023]12号", 1)
		}, want: "文号格式"},
	} {
		t.Run(name, func(t *testing.T) {
			text := Seed2022
			if tc.edit != nil {
				text = tc.edit(text)
			}
			s, err := Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			m := seedValues()
			if tc.vals != nil {
				tc.vals(m)
			}
			prev := tc.prev
			if prev == nil {
				prev = map[string]indicator.Value{}
			}
			got := findingRules(Lint(Resolve(s, 2022, m), prev))
			if !strings.Contains(got, tc.want) {
				t.Errorf("lint lacks %q:\n%s", tc.want, got)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	old := "标题：甲\n---\n第一段。\n\n第二段。\n\n第三段。"
	new := "标题：甲\n---\n第一段。\n\n第二段，改过。\n\n第三段。\n\n第四段。"
	got := strings.Join(Diff(old, new), "\n")
	want := "- 第二段。\n+ 第二段，改过。\n+ 第四段。"
	if got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
	if len(Diff(old, old)) != 0 {
		t.Error("identical sources differ")
	}
}

// TestLint_EveryTypedFigure replaces each placeholder of the seed in turn
// with a wrong number typed by hand; lint must name that indicator.
func TestLint_EveryTypedFigure(t *testing.T) {
	seed, _ := Parse(Seed2022)
	ids := seed.Placeholders()
	vals := map[string]indicator.Value{}
	for i, id := range ids {
		vals[id] = indicator.Value{ID: id, Name: "指标" + id, Unit: "个", Value: float64(10 + i)}
	}
	for i, id := range ids {
		typed := strings.Replace(Seed2022, "{{"+id+"}}", fmt.Sprint(11+i), 1)
		src, err := Parse(typed)
		if err != nil {
			t.Fatal(err)
		}
		got := findingRules(Lint(Resolve(src, 2022, vals), nil, seed))
		if !strings.Contains(got, "数字与指标不符") || !strings.Contains(got, "指标 "+id+"（") {
			t.Errorf("typed %d in place of {{%s}}: not flagged\n%s", 11+i, id, got)
		}
	}
	// The right number typed by hand is not a contradiction.
	src, _ := Parse(strings.Replace(Seed2022, "{{"+ids[0]+"}}", "10", 1))
	if got := findingRules(Lint(Resolve(src, 2022, vals), nil, seed)); strings.Contains(got, "数字与指标不符") {
		t.Errorf("a correct typed figure flagged:\n%s", got)
	}
	// A typed rate over 100%.
	src, _ = Parse(strings.Replace(Seed2022, "事项网上办{{service.online_rate}}%", "事项网上办101%", 1))
	if got := findingRules(Lint(Resolve(src, 2022, vals), nil)); !strings.Contains(got, "比率超过100%: 正文写“事项网上办101%”") {
		t.Errorf("typed rate over 100%% not flagged:\n%s", got)
	}
}

func TestChange_DeltaText(t *testing.T) {
	for _, tc := range []struct {
		c    Change
		want string
	}{
		{Change{Value: 371.6, Prev: 13.84, Unit: "亿元", HasPrev: true}, "+357.76亿元"},
		{Change{Value: 100, Prev: 91.67, Unit: "%", HasPrev: true}, "+8.33个百分点"},
		{Change{Value: 44, Prev: 46, Unit: "起", HasPrev: true}, "−2起"},
		{Change{Value: 5, Prev: 5, Unit: "件", HasPrev: true}, "持平"},
		// Against a missing or null figure no change is claimed.
		{ChangeOf(indicator.Value{Value: 100, Unit: "%"}, &indicator.Value{Unit: "%", Null: true}), "—"},
		{ChangeOf(indicator.Value{Value: 100, Unit: "%"}, nil), "—"},
		{ChangeOf(indicator.Value{Unit: "%", Null: true}, &indicator.Value{Value: 90, Unit: "%"}), "—"},
		{ChangeOf(indicator.Value{Value: 100, Unit: "%"}, &indicator.Value{Value: 91.67, Unit: "%"}), "+8.33个百分点"},
		{ChangeOf(indicator.Value{Value: 3, Unit: "起"}, &indicator.Value{Value: 0, Unit: "起"}), "+3起"},
		{Change{Value: 100, Unit: "%"}, "—"}, // HasPrev unset: last year unknown
	} {
		if got := tc.c.DeltaText(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.c, got, tc.want)
		}
	}
	src, _ := Parse(Seed2022)
	items := Plans(src)
	if len(items) != 6 || strings.Contains(items[5], "特此报告") || !strings.HasPrefix(items[0], "全面加强对法治政府建设的组织领导") {
		t.Errorf("plans: %d items, last %q", len(items), items[len(items)-1])
	}
}
