package deadline

import (
	"fmt"
	"strings"
	"time"

	"fazhi/calendar"
)

// count fills res.Due, res.LastDay and res.Suspended.
//
// Suspension (中止 … 恢复): the period stops running on the day of 中止 and
// runs again from the day of 恢复, so a span excludes the days From … To−1:
// To − From natural days (for a Workdays rule, the working days among them).
// Suspended on 03-01 and resumed on 03-11 excludes 10 days; suspended and
// resumed on the same day excludes none. A suspension must begin on or before
// the due date as it stands when the suspension begins: a case already out of
// time cannot be brought back into time by suspending it.
func (e Engine) count(res *Result, from time.Time, spans []Span, why *[]string) error {
	cal := e.Cal
	switch res.Unit {
	case Fixed:
		res.Due, res.LastDay = from, from
		return nil
	case Validity:
		// In force from `from` itself, so the period counted under 民法典
		// art 201 starts the day before and ends on the same-numbered day
		// n years later (art 202): 2019-01-01 + 5 years → 2023-12-31.
		res.Due = calendar.AddMonths(from.AddDate(0, 0, -1), 12*res.Period)
		res.LastDay = res.Due
		return nil
	}
	if cal == nil {
		return fmt.Errorf("没有节假日表，无法计算“%s”", res.Rule.Name)
	}
	if res.Unit == Workdays {
		return e.countWorkdays(res, from, spans, why)
	}
	end := from.AddDate(0, 0, res.Period)
	if res.Unit == Months {
		end = calendar.AddMonths(from, res.Period)
	}
	for _, s := range spans {
		due, err := cal.NextWorkday(end)
		if err != nil {
			return err
		}
		if s.From.After(due) {
			return fmt.Errorf("中止日期 %s 晚于届满日 %s，期限已届满", calendar.Format(s.From), calendar.Format(due))
		}
		k := calendar.DaysBetween(s.From, s.To)
		res.Suspended += k
		end = end.AddDate(0, 0, k)
		*why = append(*why, fmt.Sprintf("%s 中止、%s 恢复，%d日不计入", calendar.Format(s.From), calendar.Format(s.To), k))
	}
	due, err := cal.NextWorkday(end)
	if err != nil {
		return err
	}
	res.Due, res.LastDay = due, end
	if !due.Equal(end) {
		*why = append(*why, rollText(cal, end, due, rollBasis(res.Rule.ID)))
	}
	return nil
}

func (e Engine) countWorkdays(res *Result, from time.Time, spans []Span, why *[]string) error {
	cal := e.Cal
	due, err := cal.AddWorkdays(from, res.Period)
	if err != nil {
		return err
	}
	for _, s := range spans {
		if s.From.After(due) {
			return fmt.Errorf("中止日期 %s 晚于届满日 %s，期限已届满", calendar.Format(s.From), calendar.Format(due))
		}
		// working days among s.From … s.To−1
		k, err := cal.WorkdaysBetween(s.From.AddDate(0, 0, -1), s.To.AddDate(0, 0, -1))
		if err != nil {
			return err
		}
		res.Suspended += k
		if due, err = cal.AddWorkdays(from, res.Period+res.Suspended); err != nil {
			return err
		}
		*why = append(*why, fmt.Sprintf("%s 中止、%s 恢复，%d个工作日不计入", calendar.Format(s.From), calendar.Format(s.To), k))
	}
	res.Due, res.LastDay = due, due
	return nil
}

// rollBasis names the article that moves a last day off a rest day:
// procedural periods follow 民事诉讼法 art 85 (through 行政诉讼法 art 101 and
// 行政复议法 2023 art 88 / 2017 art 40); other periods 民法典 art 203.
func rollBasis(id string) string {
	if strings.HasPrefix(id, "reconsideration.") || strings.HasPrefix(id, "litigation.") {
		return "《中华人民共和国民事诉讼法》第八十五条"
	}
	return "《中华人民共和国民法典》第二百零三条"
}

// rollText explains moving the last day off a rest day.
func rollText(cal *calendar.Calendar, end, due time.Time, basis string) string {
	what := calendar.WeekdayName(end)
	if d, err := cal.Lookup(end); err == nil && d.Kind == calendar.Holiday && d.Name != "" {
		what += "，" + d.Name + "假期"
	}
	to := calendar.Format(due)
	if d, err := cal.Lookup(due); err == nil && d.Kind == calendar.Makeup {
		to += "（" + calendar.WeekdayName(due) + "，调休上班日）"
	}
	return fmt.Sprintf("期间最后一日 %s（%s）为法定休假日，依%s顺延至 %s", calendar.Format(end), what, basis, to)
}
