package calendar

import (
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// lunar-go's table starts with the 2002 New Year and ends with the latest
// notice its maintainer has added (2027 in v1.4.7). Scanning a wider span
// costs nothing and picks up future releases without a code change.
const scanFirst, scanLast = 1999, 2100

var (
	builtinOnce sync.Once
	builtin     *Calendar
)

// Builtin returns the calendar seeded from lunar-go's table of State Council
// holiday notices (github.com/6tail/lunar-go/HolidayUtil). A year counts as
// covered when the table holds its Spring Festival break, i.e. that year's
// notice has been transcribed; the December days of the year before a table
// begins (2001-12-29 …) are kept as rows but 2001 is not covered.
//
// The rows for 2022–2026 were checked against the notices (国办发明电〔2021〕11号,
// 〔2022〕16号, 〔2023〕7号, 〔2024〕12号, 〔2025〕7号) and agree; builtinFixes holds
// any correction where a notice and lunar-go disagree (the notice wins).
func Builtin() *Calendar {
	builtinOnce.Do(func() {
		days, years := lunarDays()
		builtin = New(append(days, builtinFixes...), years)
	})
	return builtin
}

// builtinFixes overrides lunar-go rows that contradict the official notice.
// Empty: no disagreement was found for the years checked.
var builtinFixes []Day

// lunarDays reads lunar-go's table into Days and the covered years.
func lunarDays() ([]Day, []int) {
	var days []Day
	var years []int
	for y := scanFirst; y <= scanLast; y++ {
		covered := false
		for e := HolidayUtil.GetHolidaysByYear(y).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			d, err := time.Parse(Layout, h.GetDay())
			if err != nil {
				continue // lunar-go always writes YYYY-MM-DD; skip anything else
			}
			kind := Holiday
			if h.IsWork() {
				kind = Makeup
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					// lunar-go marks a few ordinary weekdays as "work"
					// (2012-05-02, 2012-10-08); they are plain working days.
					continue
				}
			}
			days = append(days, Day{Date: d, Kind: kind, Name: h.GetName()})
			if kind == Holiday && h.GetName() == "春节" {
				covered = true
			}
		}
		if covered {
			years = append(years, y)
		}
	}
	return days, years
}
