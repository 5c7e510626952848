package deadline_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fazhi/calendar"
	"fazhi/deadline"
)

func d(s string) time.Time { return calendar.MustDate(s) }

func intp(n int) *int { return &n }

func span(a, b string) deadline.Span {
	s := deadline.Span{From: calendar.MustDate(a)}
	if b != "" {
		s.To = calendar.MustDate(b)
	}
	return s
}

// Expected dates are worked out by hand; each comment shows the count.
func TestCompute(t *testing.T) {
	tests := []struct {
		name    string
		rule    string
		in      deadline.Input
		want    string
		article string // a substring of Law+Article
	}{
		// 09-29(1) 09-30(2), 10-01..07 国庆, 10-08 Sat 班(3), 10-09 Sun 班(4), 10-10(5); 2017 law
		{"acceptance over National Day 2022", "reconsideration.acceptance",
			deadline.Input{From: d("2022-09-28")}, "2022-10-10", "（2017年修正）第十七条、第四十条"},
		// 02-07(1) 02-08(2) 02-09(3), 02-10..17 春节, 02-18 Sun 班(4), 02-19(5); 2023 law
		{"acceptance over Spring Festival 2024", "reconsideration.acceptance",
			deadline.Input{From: d("2024-02-06")}, "2024-02-19", "（2023年修订）第三十条"},
		// 09-26(1) 09-27(2) 09-29 Sun 班(3) 09-30(4), 10-01..07, 10-08..11(5..8), 10-12 Sat 班(9), 10-14(10)
		{"correction 10 working days", "reconsideration.correction",
			deadline.Input{From: d("2024-09-25")}, "2024-10-14", "第三十一条"},
		// old law: no statutory period; --days 15: 10-05 holiday → 10-07 Sat 班
		{"correction old law with --days", "reconsideration.correction",
			deadline.Input{From: d("2023-09-20"), DaysOverride: intp(15)}, "2023-10-07", "实施条例》第二十九条"},
		// 05-01..05 off, 05-06..10 (1..5), 05-11 Sat 班(6), 05-13..16 (7..10)
		{"answer 2023 law: 10 working days", "reconsideration.answer",
			deadline.Input{From: d("2024-04-30")}, "2024-05-16", "第四十八条"},
		{"answer simplified: 5 working days", "reconsideration.answer",
			deadline.Input{From: d("2024-04-30"), Simplified: true}, "2024-05-10", "第五十四条"},
		// old law: 10 natural days, 09-30 is a holiday → 10-07 Sat 班
		{"answer 2017 law: natural days", "reconsideration.answer",
			deadline.Input{From: d("2023-09-20")}, "2023-10-07", "第二十三条"},
		// 08-02 + 60 = 10-01 国庆 → 10-08
		{"decision ordinary", "reconsideration.decision",
			deadline.Input{From: d("2024-08-02")}, "2024-10-08", "第六十二条"},
		// 08-02 + 90 = 10-31
		{"decision extended", "reconsideration.decision",
			deadline.Input{From: d("2024-08-02"), Extended: true}, "2024-10-31", "第六十二条"},
		// 08-02 + 30 = 09-01 Sunday → 09-02
		{"decision simplified", "reconsideration.decision",
			deadline.Input{From: d("2024-08-02"), Simplified: true}, "2024-09-02", "第六十二条"},
		// 03-01 + 60 = 04-30; 中止 03-15, 恢复 04-15: 31 days → 05-31
		{"decision suspended", "reconsideration.decision",
			deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-03-15", "2024-04-15")}}, "2024-05-31", "第六十二条"},
		// 03-01 + 90 = 05-30; + 31 = 06-30 Sunday → 07-01
		{"decision extended and suspended", "reconsideration.decision",
			deadline.Input{From: d("2024-03-01"), Extended: true, Suspensions: []deadline.Span{span("2024-03-15", "2024-04-15")}}, "2024-07-01", "第六十二条"},
		// overlapping spans 03-10..03-20 and 03-15..03-25 = 03-10..03-25: 15 days; 04-30 + 15 = 05-15
		{"decision overlapping suspensions", "reconsideration.decision",
			deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-03-15", "2024-03-25"), span("2024-03-10", "2024-03-20")}}, "2024-05-15", "第六十二条"},
		// 2017 law: 07-01 + 60 = 08-30; 中止 08-01..08-31 = 30 days → 09-29 中秋 → 10-07 Sat 班
		{"decision 2017 law suspended, ends on a holiday before a 调休 day", "reconsideration.decision",
			deadline.Input{From: d("2023-07-01"), Suspensions: []deadline.Span{span("2023-08-01", "2023-08-31")}}, "2023-10-07", "（2017年修正）第三十一条"},
		// 2017 law extended: 2023-11-15 + 90 = 2024-02-13 春节 → 02-18 Sun 班
		{"decision 2017 law extended into Spring Festival", "reconsideration.decision",
			deadline.Input{From: d("2023-11-15"), Extended: true}, "2024-02-18", "（2017年修正）第三十一条"},
		// accepted in 2024 but the law date (receipt) is 2023: old law, 60 days: 01-03 + 60 = 03-03 Sunday → 03-04
		{"decision law chosen by LawDate", "reconsideration.decision",
			deadline.Input{From: d("2024-01-03"), LawDate: d("2023-12-28")}, "2024-03-04", "（2017年修正）"},
		// 08-02 + 60 = 10-01 → 10-09 (2025: 10-01..08)
		{"application period", "reconsideration.application",
			deadline.Input{From: d("2025-08-02")}, "2025-10-09", "第二十条第一款"},
		// 09-16 + 15 = 10-01 → 10-08 Sat 班
		{"defence over National Day 2022", "litigation.defence",
			deadline.Input{From: d("2022-09-16")}, "2022-10-08", "第六十七条第一款"},
		// 01-20 + 15 = 02-04, last day of 春节 2025 → 02-05
		{"defence over Spring Festival 2025", "litigation.defence",
			deadline.Input{From: d("2025-01-20")}, "2025-02-05", "第六十七条"},
		// 02-08 + 15 = 02-23, last day of 春节 2026 → 02-24
		{"appeal against judgment", "litigation.appeal_judgment",
			deadline.Input{From: d("2026-02-08")}, "2026-02-24", "第八十五条"},
		// 02-05 + 10 = 02-15, first day of 春节 2026 → 02-24
		{"appeal against ruling", "litigation.appeal_ruling",
			deadline.Input{From: d("2026-02-05")}, "2026-02-24", "第八十五条"},
		// 6 months: 2024-02-29 (no 31st)
		{"time to sue, month end", "litigation.sue",
			deadline.Input{From: d("2023-08-31")}, "2024-02-29", "第四十六条"},
		{"time to sue, ends on National Day", "litigation.sue",
			deadline.Input{From: d("2024-04-01")}, "2024-10-08", "第四十六条"},
		// 09-16 + 15 = 10-01 → 10-09
		{"normdoc filing default 15 days", "normdoc.filing",
			deadline.Input{From: d("2025-09-16")}, "2025-10-09", "国发〔2008〕17号"},
		// --days 20: 10-06 → 10-09
		{"normdoc filing --days 20", "normdoc.filing",
			deadline.Input{From: d("2025-09-16"), DaysOverride: intp(20)}, "2025-10-09", "国发〔2008〕17号"},
		{"normdoc expiry 5 years", "normdoc.expiry",
			deadline.Input{From: d("2019-01-01")}, "2023-12-31", "226号"},
		{"normdoc expiry from a leap day", "normdoc.expiry",
			deadline.Input{From: d("2020-02-29")}, "2025-02-28", "226号"},
		{"normdoc expiry mid-year", "normdoc.expiry",
			deadline.Input{From: d("2021-03-01")}, "2026-02-28", "226号"},
		{"normdoc expiry 2 years (暂行)", "normdoc.expiry",
			deadline.Input{From: d("2024-07-01"), DaysOverride: intp(2)}, "2026-06-30", "226号"},
		{"normdoc expiry beyond the holiday table", "normdoc.expiry",
			deadline.Input{From: d("2026-05-01")}, "2031-04-30", "226号"},
		{"rectification fixed date", "rectification",
			deadline.Input{From: d("2026-03-31")}, "2026-03-31", "整改时限"},
		{"rectification fixed date on a Sunday is not moved", "rectification",
			deadline.Input{From: d("2026-05-03")}, "2026-05-03", "整改时限"},
		// 30 days from 09-01 = 10-01 → 10-08
		{"rectification within 30 days", "rectification",
			deadline.Input{From: d("2026-09-01"), DaysOverride: intp(30)}, "2026-10-08", "整改时限"},
		// 09-29(1) 09-30(2), 10-01..07, 10-08(3) 10-09(4) 10-10 Sat 班(5) 10-12(6) 10-13(7)
		// 10-14(8) 10-15(9) 10-16(10) 10-19(11) 10-20(12) 10-21(13) 10-22(14) 10-23(15)
		{"contract review 15 working days", "contract.review",
			deadline.Input{From: d("2026-09-28")}, "2026-10-23", "最长不超过15个工作日"},
		// 05-01..05 off, 05-06(1) 05-07(2) 05-08(3) 05-09 Sat 班(4) 05-11(5)
		{"bad review 5 working days", "service.bad_review",
			deadline.Input{From: d("2026-04-30")}, "2026-05-11", "51号"},
	}
	cal := calendar.Builtin()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := deadline.Compute(cal, tt.rule, tt.in)
			if err != nil {
				t.Fatalf("Compute: %v", err)
			}
			if got := calendar.Format(res.Due); got != tt.want {
				t.Errorf("Due = %s, want %s\n%s", got, tt.want, res.Explanation)
			}
			if !strings.Contains(res.Law+res.Article, tt.article) {
				t.Errorf("law %q article %q, want %q", res.Law, res.Article, tt.article)
			}
			if first := strings.SplitN(res.String(), "\n", 2)[0]; first != tt.want {
				t.Errorf("first line %q, want %q", first, tt.want)
			}
		})
	}
}

func TestCompute_Errors(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		name, rule string
		in         deadline.Input
		want       string
		is         error
	}{
		{"unknown rule", "reconsideration.nothing", deadline.Input{From: d("2024-01-02")}, "fazhi deadline --list", deadline.ErrUnknownRule},
		{"no start date", "litigation.defence", deadline.Input{}, "缺少起算日期（收到起诉状副本之日）", nil},
		{"statutory period not overridable", "litigation.defence", deadline.Input{From: d("2024-01-02"), DaysOverride: intp(30)}, "不能用 --days 改变", nil},
		{"old correction needs --days", "reconsideration.correction", deadline.Input{From: d("2023-05-04")}, "请用 --days 指定", nil},
		{"no simplified procedure in the 2017 law", "reconsideration.decision", deadline.Input{From: d("2023-05-04"), Simplified: true}, "没有规定简易程序", nil},
		{"simplified cannot be extended", "reconsideration.decision", deadline.Input{From: d("2024-05-06"), Simplified: true, Extended: true}, "不能延长", nil},
		{"no extension", "litigation.defence", deadline.Input{From: d("2024-05-06"), Extended: true}, "未规定", nil},
		{"suspension not allowed", "litigation.defence", deadline.Input{From: d("2024-05-06"), Suspensions: []deadline.Span{span("2024-05-07", "2024-05-08")}}, "不适用中止", nil},
		{"still suspended", "reconsideration.decision", deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-03-15", "")}}, "2024-03-15 中止，尚未恢复", deadline.ErrSuspended},
		{"resumed before suspended", "reconsideration.decision", deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-03-15", "2024-03-10")}}, "早于中止日期", nil},
		{"suspended before the start", "reconsideration.decision", deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-02-15", "2024-03-10")}}, "早于起算日期", nil},
		{"suspended after the due date", "reconsideration.decision", deadline.Input{From: d("2024-03-01"), Suspensions: []deadline.Span{span("2024-05-06", "2024-05-10")}}, "晚于届满日 2024-04-30", nil},
		{"past the holiday table", "litigation.defence", deadline.Input{From: d("2099-12-20")}, "fazhi calendar import", calendar.ErrNotCovered},
		{"zero --days", "normdoc.filing", deadline.Input{From: d("2024-05-06"), DaysOverride: intp(0)}, "正数", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := deadline.Compute(cal, tt.rule, tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}

func TestEngine_Config(t *testing.T) {
	cfg := deadline.DefaultConfig()
	cfg.Periods["normdoc.filing"] = 30
	cfg.Periods["reconsideration.correction"] = 15 // the old law's period, set locally
	cfg.ReconsiderationSwitch = calendar.Date(2023, 1, 1)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	e := deadline.Engine{Cal: calendar.Builtin(), Config: cfg}
	// 09-16 + 30 = 10-16 Thursday
	if res, err := e.Compute("normdoc.filing", deadline.Input{From: d("2025-09-16")}); err != nil || calendar.Format(res.Due) != "2025-10-16" {
		t.Errorf("configured filing: %v %v", res.Due, err)
	}
	// With the switch moved to 2023-01-01, a 2023 case gets the 2023 law and
	// its simplified procedure: 2023-06-01 + 30 = 07-01 Saturday → 07-03.
	res, err := e.Compute("reconsideration.decision", deadline.Input{From: d("2023-06-01"), Simplified: true})
	if err != nil || calendar.Format(res.Due) != "2023-07-03" || !strings.Contains(res.Law, "2023年修订") {
		t.Errorf("switch moved: %v %s %v", res.Due, res.Law, err)
	}
	// 2022 case, old law, configured correction period 15 days: 2022-09-16 + 15 = 10-01 → 10-08
	if res, err := e.Compute("reconsideration.correction", deadline.Input{From: d("2022-09-16")}); err != nil || calendar.Format(res.Due) != "2022-10-08" {
		t.Errorf("configured old correction: %v %v", res.Due, err)
	}

	for _, bad := range []map[string]int{{"litigation.defence": 20}, {"nothing": 3}, {"contract.review": 0}} {
		c := deadline.DefaultConfig()
		c.Periods = bad
		if err := c.Validate(); err == nil {
			t.Errorf("Validate(%v) = nil", bad)
		}
	}
}

func TestRules(t *testing.T) {
	rules := deadline.Rules()
	ids := map[string]bool{}
	for _, r := range rules {
		ids[r.ID] = true
		if r.Name == "" || r.Law == "" || r.Article == "" || r.Start == "" || r.Unit == 0 {
			t.Errorf("rule %s is incomplete: %+v", r.ID, r)
		}
	}
	for _, id := range []string{"reconsideration.acceptance", "reconsideration.correction", "reconsideration.decision",
		"litigation.defence", "litigation.appeal_judgment", "litigation.appeal_ruling", "normdoc.filing",
		"normdoc.expiry", "rectification", "contract.review", "service.bad_review"} {
		if !ids[id] {
			t.Errorf("rule %s missing", id)
		}
	}
	var b strings.Builder
	if err := deadline.WriteRules(&b, deadline.DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"reconsideration.acceptance\t", "2024-01-01前：5个工作日 — 《中华人民共和国行政复议法》（2017年修正）第十七条", "60日，可延长30日，简易程序30日"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("--list lacks %q", want)
		}
	}
	// Rules returns copies: changing one does not change the registry.
	rules[0].Period = 999
	if r, _ := deadline.Lookup(rules[0].ID); r.Period == 999 {
		t.Error("Rules exposes the registry")
	}
}

func TestResult_String(t *testing.T) {
	res, err := deadline.Compute(calendar.Builtin(), "reconsideration.acceptance", deadline.Input{From: d("2022-09-28")})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(res.String(), "\n")
	if lines[0] != "2022-10-10" || !strings.HasPrefix(lines[1], "规则：reconsideration.acceptance") ||
		lines[2] != "依据：《中华人民共和国行政复议法》（2017年修正）第十七条、第四十条" {
		t.Errorf("String() =\n%s", res.String())
	}
}

func TestParseSpan(t *testing.T) {
	s, err := deadline.ParseSpan("2024-03-01:2024-03-11")
	if err != nil || !s.From.Equal(d("2024-03-01")) || !s.To.Equal(d("2024-03-11")) {
		t.Errorf("ParseSpan = %v %v", s, err)
	}
	if s, err := deadline.ParseSpan("2024-03-01:"); err != nil || !s.To.IsZero() {
		t.Errorf("open span = %v %v", s, err)
	}
	for _, bad := range []string{"2024-03-01", "2024-03-01:2024-02-30", "x:2024-03-01"} {
		if _, err := deadline.ParseSpan(bad); err == nil {
			t.Errorf("ParseSpan(%q) succeeded", bad)
		}
	}
}

func TestResult_Explanation(t *testing.T) {
	cal := calendar.Builtin()
	tests := []struct {
		rule string
		from string
		want []string
	}{
		{"litigation.defence", "2022-09-16", []string{"期间最后一日 2022-10-01（星期六，国庆节假期）", "《中华人民共和国民事诉讼法》第八十五条", "2022-10-08（星期六，调休上班日）"}},
		{"normdoc.filing", "2025-09-16", []string{"《中华人民共和国民法典》第二百零三条", "顺延至 2025-10-09"}},
		{"reconsideration.decision", "2024-08-02", []string{"不早于新行政复议法适用日 2024-01-01", "期限60日"}},
	}
	for _, tt := range tests {
		res, err := deadline.Compute(cal, tt.rule, deadline.Input{From: d(tt.from)})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(res.Explanation, w) {
				t.Errorf("%s: explanation %q lacks %q", tt.rule, res.Explanation, w)
			}
		}
	}
}
