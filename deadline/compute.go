package deadline

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fazhi/calendar"
)

// Span is a suspension: the case was suspended (中止) on From and resumed
// (恢复) on To. To is zero while the case is still suspended.
type Span struct {
	From, To time.Time
}

// Input is what a rule needs from a record.
type Input struct {
	// From is the start event's date (Rule.Start): receipt, acceptance,
	// service, publication … The start day itself is not counted.
	From time.Time
	// LawDate picks the law version for reconsideration rules; zero means
	// From. Pass the 受理日期 to follow law.md's "by 受理日" rule for steps
	// that start on another date.
	LawDate time.Time
	// Extended adds the rule's extension (复议决定: +30 days).
	Extended bool
	// Simplified uses the simplified-procedure period (2023 law only).
	Simplified bool
	// Suspensions are the 中止 … 恢复 spans; only Suspendable rules take them.
	Suspensions []Span
	// DaysOverride replaces a Configurable rule's period (in its unit).
	DaysOverride *int
}

// Result is a computed deadline and how it was reached.
type Result struct {
	Due     time.Time // the last day to act; the record is overdue after it
	LastDay time.Time // the period's last day before moving off a rest day
	Rule    Rule
	Law     string // the law applied (the 2017 or 2023 law for reconsideration)
	Article string
	Note    string // how the applied law counts the period
	Unit    Unit
	Period  int // in Unit, including any extension
	// Suspended is how much the suspensions added, in natural days (working
	// days for a Workdays rule).
	Suspended   int
	Explanation string // Chinese, one paragraph
}

var (
	// ErrUnknownRule is returned for a rule ID not in Rules().
	ErrUnknownRule = errors.New("未知的期限规则")
	// ErrSuspended is returned while a suspension has not ended: the due
	// date cannot be known until the case resumes.
	ErrSuspended = errors.New("案件处于中止状态，恢复后才能计算届满日")
)

// Engine computes deadlines on one calendar under one configuration.
type Engine struct {
	Cal    *calendar.Calendar
	Config Config
}

// Compute computes rule id for in on cal with DefaultConfig.
func Compute(cal *calendar.Calendar, id string, in Input) (Result, error) {
	return Engine{Cal: cal, Config: DefaultConfig()}.Compute(id, in)
}

// Compute returns the due date of rule id for in. Errors are in Chinese; a
// date the calendar does not cover yields calendar.ErrNotCovered.
func (e Engine) Compute(id string, in Input) (Result, error) {
	rp, ok := byID[id]
	if !ok {
		return Result{}, fmt.Errorf("%w“%s”；运行 fazhi deadline --list 查看全部规则", ErrUnknownRule, id)
	}
	r := rp.clone()
	if in.From.IsZero() {
		return Result{}, fmt.Errorf("缺少起算日期（%s）", r.Start)
	}
	from := calendar.Day0(in.From)
	v, why := e.version(r, from, in.LawDate)
	var periodWhy []string
	n, unit, err := e.period(r, v, in, &periodWhy)
	if err != nil {
		return Result{}, err
	}
	why = append(why, startText(r, unit, from))
	why = append(why, periodWhy...)
	if len(in.Suspensions) > 0 && !r.Suspendable {
		return Result{}, fmt.Errorf("“%s”不适用中止，不能指定 --suspend", r.Name)
	}
	spans, err := mergeSpans(from, in.Suspensions)
	if err != nil {
		return Result{}, err
	}
	res := Result{Rule: r, Law: v.Law, Article: v.Article, Note: v.Note, Unit: unit, Period: n}
	if err := e.count(&res, from, spans, &why); err != nil {
		return Result{}, err
	}
	why = append(why, "届满日 "+calendar.Format(res.Due))
	res.Explanation = strings.Join(why, "；") + "。"
	return res, nil
}

// Applied is the version of r's law that applies to a case whose law date
// (for reconsideration: the date the case was accepted, or received) is
// lawDate: the 2017 law before Config.ReconsiderationSwitch, else the law
// in force (复议法 2023年修订 第90条: the revised law applies from
// 2024-01-01).
func (e Engine) Applied(r Rule, lawDate time.Time) Version {
	v, _ := e.version(r, lawDate, lawDate)
	return v
}

// version picks the law version: reconsideration rules use Old when the law
// date is before Config.ReconsiderationSwitch.
func (e Engine) version(r Rule, from, lawDate time.Time) (Version, []string) {
	if r.Old == nil {
		return r.Version, nil
	}
	if lawDate.IsZero() {
		lawDate = from
	}
	lawDate = calendar.Day0(lawDate)
	sw := calendar.Format(e.Config.ReconsiderationSwitch)
	if lawDate.Before(e.Config.ReconsiderationSwitch) {
		return *r.Old, []string{fmt.Sprintf("案件日期 %s 早于新行政复议法适用日 %s，适用%s", calendar.Format(lawDate), sw, r.Old.Law)}
	}
	return r.Version, []string{fmt.Sprintf("案件日期 %s 不早于新行政复议法适用日 %s，适用%s", calendar.Format(lawDate), sw, r.Law)}
}

// period works out the length of the period and its unit.
func (e Engine) period(r Rule, v Version, in Input, why *[]string) (int, Unit, error) {
	n, unit := v.Period, v.Unit
	if p, ok := e.Config.Periods[r.ID]; ok && v.Configurable {
		n = p
	}
	if in.DaysOverride != nil {
		if !v.Configurable {
			return 0, 0, fmt.Errorf("“%s”的期限由%s%s规定，不能用 --days 改变", r.Name, v.Law, v.Article)
		}
		if *in.DaysOverride <= 0 {
			return 0, 0, fmt.Errorf("--days 应为正数：%d", *in.DaysOverride)
		}
		n = *in.DaysOverride
		if unit == Fixed {
			unit = Days // "N日内整改": N natural days from the notice
		}
	}
	switch {
	case in.Simplified && v.Simplified == 0:
		return 0, 0, fmt.Errorf("%s对“%s”没有规定简易程序期限", v.Law, r.Name)
	case in.Simplified && in.Extended:
		return 0, 0, fmt.Errorf("简易程序审理的案件不能延长期限（%s第六十二条）；转为普通程序的，不要同时指定 --simplified", lawRecon2023)
	case in.Extended && v.Extension == 0:
		return 0, 0, fmt.Errorf("%s未规定“%s”可以延长", v.Law, r.Name)
	case in.Simplified:
		n = v.Simplified
		*why = append(*why, "适用简易程序，期限"+unit.Suffix(n))
	case in.Extended:
		*why = append(*why, fmt.Sprintf("期限%s，经批准延长%s，共%s", unit.Suffix(n), unit.Suffix(v.Extension), unit.Suffix(n+v.Extension)))
		n += v.Extension
	case unit != Fixed && n > 0:
		*why = append(*why, "期限"+unit.Suffix(n))
	}
	if unit != Fixed && n <= 0 {
		return 0, 0, fmt.Errorf("“%s”没有法定期限：%s", r.Name, v.Note)
	}
	return n, unit, nil
}

// startText says from when the period runs.
func startText(r Rule, unit Unit, from time.Time) string {
	switch unit {
	case Fixed:
		return "整改时限为 " + calendar.Format(from) + "（载明的日期不因节假日顺延）"
	case Validity:
		return fmt.Sprintf("自 %s（%s）起有效，含当日", calendar.Format(from), r.Start)
	}
	if r.Unit == Fixed { // "N日内整改" counted with --days
		return fmt.Sprintf("自 %s（下发整改要求之日）起算，当日不计入", calendar.Format(from))
	}
	return fmt.Sprintf("自 %s（%s）起算，当日不计入", calendar.Format(from), r.Start)
}

// mergeSpans checks the suspensions, sorts them and joins overlaps so no day
// is excluded twice.
func mergeSpans(from time.Time, in []Span) ([]Span, error) {
	var out []Span
	for _, s := range in {
		s.From = calendar.Day0(s.From)
		if s.To.IsZero() {
			return nil, fmt.Errorf("%w（%s 中止，尚未恢复）", ErrSuspended, calendar.Format(s.From))
		}
		s.To = calendar.Day0(s.To)
		if s.To.Before(s.From) {
			return nil, fmt.Errorf("恢复日期 %s 早于中止日期 %s", calendar.Format(s.To), calendar.Format(s.From))
		}
		if s.From.Before(from) {
			return nil, fmt.Errorf("中止日期 %s 早于起算日期 %s", calendar.Format(s.From), calendar.Format(from))
		}
		out = append(out, s)
	}
	for i := 1; i < len(out); i++ { // insertion sort: a case has one or two spans
		for j := i; j > 0 && out[j].From.Before(out[j-1].From); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && !s.From.After(merged[k].To) {
			if s.To.After(merged[k].To) {
				merged[k].To = s.To
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged, nil
}
