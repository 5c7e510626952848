package calendar

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteYear prints year y for `fazhi calendar show`: a summary, the list of
// breaks and 调休 working days, and twelve month grids in which 休 marks a
// holiday and 班 a 调休 working day. It returns ErrNotCovered for a year the
// table does not cover.
func (c *Calendar) WriteYear(w io.Writer, y int) error {
	days, err := c.Year(y)
	if err != nil {
		return err
	}
	var b strings.Builder
	work := 0
	for _, d := range days {
		if d.Kind.IsWork() {
			work++
		}
	}
	fmt.Fprintf(&b, "%d年工作日历：全年%d天，工作日%d天，休息日%d天\n\n", y, len(days), work, len(days)-work)
	b.WriteString("放假与调休上班：\n")
	var special []Day
	for _, d := range days {
		if d.Kind == Holiday || d.Kind == Makeup {
			special = append(special, d)
		}
	}
	for _, r := range runs(special) {
		if r.Kind == Holiday && r.first.Equal(r.last) {
			fmt.Fprintf(&b, "  %s（%s）  %s  放假1天\n", Format(r.first), WeekdayName(r.first), r.Name)
			continue
		}
		if r.Kind == Holiday {
			n := DaysBetween(r.first, r.last) + 1
			fmt.Fprintf(&b, "  %s（%s）至 %s（%s）  %s  放假%d天\n",
				Format(r.first), WeekdayName(r.first), Format(r.last), WeekdayName(r.last), r.Name, n)
			continue
		}
		for d := r.first; !d.After(r.last); d = d.AddDate(0, 0, 1) {
			fmt.Fprintf(&b, "  %s（%s）  %s  调休上班\n", Format(d), WeekdayName(d), r.Name)
		}
	}
	for m := time.January; m <= time.December; m++ {
		writeMonth(&b, y, m, days)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// writeMonth prints one month as a Monday-first grid. Each cell is the day
// number and a two-column mark (休, 班 or blanks).
func writeMonth(b *strings.Builder, y int, m time.Month, days []Day) {
	fmt.Fprintf(b, "\n%d年%d月\n", y, m)
	b.WriteString("  一   二   三   四   五   六   日\n")
	first := Date(y, m, 1)
	col := (int(first.Weekday()) + 6) % 7 // Monday = 0
	line := strings.Repeat("     ", col)
	for d := first; d.Month() == m; d = d.AddDate(0, 0, 1) {
		mark := "  "
		switch days[d.YearDay()-1].Kind {
		case Holiday:
			mark = "休"
		case Makeup:
			mark = "班"
		}
		line += fmt.Sprintf("%2d%s ", d.Day(), mark)
		if col++; col == 7 || d.AddDate(0, 0, 1).Month() != m {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line, col = "", 0
		}
	}
}
