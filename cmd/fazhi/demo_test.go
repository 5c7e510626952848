package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// demoFigure is one figure of ledgers.md's indicator table as the demo must
// reproduce it for 2022, and how explain's records add up to it.
type demoFigure struct {
	id, name string
	want     float64
	num, den float64 // rates: numerator and denominator
	agg      string  // "" count of records; "sum:LABEL" or "distinct:LABEL"
	divisor  float64 // sum: 万元 → 亿元
}

// demo2022 is ledgers.md's table, figure for figure. The correction rate is
// the demo's own: of the 44 cases concluded in 2022, 7 were corrected
// (偃政复〔2022〕1、15、20、26、33、37、44号: 责令履行 ×3, 撤销 ×2, 确认违法 ×2).
var demo2022 = []demoFigure{
	{id: "leadership.study_sessions", name: "习近平法治思想集中学习、专题研讨", want: 4},
	{id: "leadership.special_trainings", name: "领导干部专题培训", want: 2},
	{id: "leadership.rule_of_law_reviews", name: "研究听取法治建设相关工作", want: 4},
	{id: "shufa.units_reported", name: "书面述法单位", want: 71, agg: "distinct:单位"},
	{id: "investment.filed_projects", name: "企业投资项目备案", want: 1850},
	{id: "investment.filed_amount", name: "备案项目总投资（亿元）", want: 371.6, agg: "sum:总投资（万元）", divisor: 10000},
	{id: "investment.approved_projects", name: "政府性审批", want: 55},
	{id: "investment.approved_amount", name: "政府性审批投资（亿元）", want: 50.41, agg: "sum:总投资（万元）", divisor: 10000},
	{id: "investment.done_in_5_days_rate", name: "5个工作日内办结率", want: 100, num: 1909, den: 1909}, // 1850 备案 + 55 审批 + 4 核准
	{id: "service.phone_evaluations", name: "电话评价", want: 1980},
	{id: "service.satisfaction_rate", name: "满意度", want: 100, num: 2351, den: 2351}, // 1980 电话 + 214 网上 + 96 现场 + 61 短信
	{id: "service.contacts", name: "来电来访接待人次", want: 2010, agg: "sum:人数"},
	{id: "service.one_visit_items", name: "最多跑一次事项", want: 31},
	{id: "service.online_rate", name: "网上可办率", want: 100, num: 34, den: 34},
	{id: "service.one_network_rate", name: "一网通办率", want: 100, num: 34, den: 34},
	{id: "service.catalog_changes", name: "事项信息录入和变更", want: 703},
	{id: "bizenv.indicators", name: "营商环境评价指标", want: 31},
	{id: "bizenv.issues", name: "整改台账问题", want: 53},
	{id: "bizenv.briefings", name: "营商环境工作简报", want: 30},
	{id: "normdoc.review_trainings", name: "合法性审查业务培训", want: 2},
	{id: "normdoc.filed", name: "审查备案规范性文件", want: 5},
	{id: "normdoc.filing_rate", name: "备案率", want: 100, num: 5, den: 5},
	{id: "normdoc.cleanup_total", name: "清理规范性文件", want: 88},
	{id: "normdoc.cleanup_repealed", name: "废止、失效", want: 38},
	{id: "normdoc.cleanup_unlisted", name: "不再按规范性文件管理", want: 12},
	{id: "normdoc.cleanup_to_revise", name: "需要修改", want: 1},
	{id: "contract.review_meetings", name: "重大合同研判会议", want: 7},
	{id: "contract.reviewed", name: "审查重大合同", want: 40},
	{id: "reconsideration.received", name: "收到行政复议申请", want: 51},
	{id: "reconsideration.accepted", name: "受理", want: 48},
	{id: "reconsideration.concluded", name: "审结", want: 44},
	{id: "reconsideration.correction_rate", name: "纠错率", want: 15.91, num: 7, den: 44},
	{id: "litigation.cases", name: "办理应诉案件", want: 35},
	{id: "litigation.head_appearances", name: "负责人出庭应诉", want: 35},
	{id: "litigation.appearance_rate", name: "负责人出庭应诉率", want: 100, num: 35, den: 35},
	{id: "courtlink.major_cases", name: "重大疑难诉讼案件研讨", want: 5, agg: "distinct:关联案号"},
	{id: "courtlink.unfulfilled_judgments", name: "未履行生效判决专项清理", want: 3},
	{id: "enforcement.trainings", name: "行政执法理论培训", want: 4},
	{id: "enforcement.training_attendance", name: "参训人次", want: 487, agg: "sum:参训人次"},
	{id: "enforcement.mentoring_sessions", name: "传帮带活动", want: 8},
	{id: "enforcement.mentoring_guided", name: "现场指导人次", want: 89, agg: "sum:参训人次"},
}

func TestDemo_LoadReproducesTheReport(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := e.DSN(t)
		start := time.Now()
		out := mustFazhi(t, dsn, "demo", "load")
		t.Logf("%s: demo load took %.1fs", e.Name, time.Since(start).Seconds())
		if !strings.Contains(out, "73 个单位（新增 73") || !strings.Contains(out, "演示数据载入完成：21 个台账") {
			t.Errorf("demo load output:\n%s", out)
		}
		first := indicators(t, dsn, "2022")
		checkDemoFigures(t, first)
		for _, f := range demo2022 {
			checkExplain(t, dsn, f)
		}

		// The year's edges: records of 2021 and 2023 count in their own years.
		for year, want := range map[string]map[string]float64{
			"2021": {"reconsideration.received": 3, "contract.reviewed": 5, "investment.filed_projects": 70, "normdoc.filed": 3, "bizenv.indicators": 18},
			"2023": {"investment.filed_projects": 94, "contract.reviewed": 5, "normdoc.filed": 2, "bizenv.issues": 6, "service.catalog_changes": 18},
		} {
			got := indicators(t, dsn, year)
			for id, w := range want {
				if got[id].Value != w {
					t.Errorf("%s %s = %v, want %v", year, id, got[id].Value, w)
				}
			}
		}

		// Loading again changes nothing.
		out = mustFazhi(t, dsn, "demo", "load")
		if !strings.Contains(out, "新增或更新 0 条") || !strings.Contains(out, "（新增 0，更新 0，未变 73）") {
			t.Errorf("second load changed records:\n%s", out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, " 行（") && !strings.Contains(line, "新增 0，更新 0，") {
				t.Errorf("second load: %s", line)
			}
		}
		again := indicators(t, dsn, "2022")
		for id, v := range first {
			if again[id].Value != v.Value {
				t.Errorf("after a second load %s = %v, was %v", id, again[id].Value, v.Value)
			}
		}
	})
}

func checkDemoFigures(t *testing.T, got map[string]jsonIndicator) {
	t.Helper()
	for _, f := range demo2022 {
		v, ok := got[f.id]
		switch {
		case !ok:
			t.Errorf("indicators lacks %s", f.id)
		case v.Name != f.name:
			t.Errorf("%s name = %q, want %q", f.id, v.Name, f.name)
		case v.Value != f.want:
			t.Errorf("%s = %v, want %v", f.id, v.Value, f.want)
		case f.den != 0 && (v.Numerator == nil || v.Denominator == nil || *v.Numerator != f.num || *v.Denominator != f.den):
			t.Errorf("%s parts = %v/%v, want %v/%v", f.id, deref(v.Numerator), deref(v.Denominator), f.num, f.den)
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// checkExplain runs explain --json and adds up the records it lists.
func checkExplain(t *testing.T, dsn string, f demoFigure) {
	t.Helper()
	out := mustFazhi(t, dsn, "explain", f.id, "--year", "2022", "--json")
	var ex struct {
		Value float64 `json:"value"`
		Parts []struct {
			ID      string              `json:"id"`
			Records []map[string]string `json:"records"`
		} `json:"parts"`
	}
	if err := json.Unmarshal([]byte(out), &ex); err != nil {
		t.Fatalf("explain %s --json: %v", f.id, err)
	}
	if f.den != 0 {
		if len(ex.Parts) != 2 || float64(len(ex.Parts[0].Records)) != f.num || float64(len(ex.Parts[1].Records)) != f.den {
			t.Errorf("explain %s: parts %d, want %v/%v records", f.id, len(ex.Parts), f.num, f.den)
		}
		return
	}
	if len(ex.Parts) != 1 {
		t.Fatalf("explain %s: %d parts", f.id, len(ex.Parts))
	}
	recs := ex.Parts[0].Records
	kind, label, _ := strings.Cut(f.agg, ":")
	var got float64
	switch kind {
	case "":
		got = float64(len(recs))
	case "distinct":
		seen := map[string]bool{}
		for _, r := range recs {
			seen[r[label]] = true
		}
		got = float64(len(seen))
	case "sum":
		var sum int64
		for _, r := range recs {
			n, err := ledger.ParseScaled(r[label], 4)
			if err != nil {
				t.Fatalf("explain %s: %s = %q: %v", f.id, label, r[label], err)
			}
			sum += n
		}
		got = float64(sum) / 1e4
		if f.divisor != 0 {
			got = math.Round(got/f.divisor*100) / 100
		}
	}
	if got != f.want {
		t.Errorf("explain %s: records add up to %v (%d records), want %v", f.id, got, len(recs), f.want)
	}
}
