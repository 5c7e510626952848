package deadline

import (
	"errors"
	"testing"
	"time"

	"fazhi/calendar"
)

// Fuzz targets run for a bounded time in .ci/run; the seeds in testdata/fuzz
// run with every go test.

// FuzzCompute drives every rule with arbitrary start dates, extensions,
// suspensions and overrides. Whatever the input, Compute either refuses with
// an error or returns a due date that is not before the start, a period that
// does not shrink when the case starts later under the same law, and a
// status that can be computed.
func FuzzCompute(f *testing.F) {
	f.Add(uint8(0), int16(8000), false, false, int16(0), int16(0), int16(0))
	f.Add(uint8(3), int16(8800), true, false, int16(10), int16(20), int16(0))
	f.Add(uint8(3), int16(8800), false, true, int16(10), int16(-1), int16(0))
	f.Add(uint8(9), int16(9000), false, false, int16(0), int16(0), int16(15))
	f.Add(uint8(10), int16(-5), false, false, int16(0), int16(0), int16(-3))
	f.Add(uint8(11), int16(10000), false, false, int16(0), int16(0), int16(30000))
	cal := calendar.Builtin()
	rules := Rules()
	base := calendar.Date(2002, 1, 1)
	f.Fuzz(func(t *testing.T, ruleIdx uint8, fromOff int16, extended, simplified bool, suspFrom, suspLen, override int16) {
		r := rules[int(ruleIdx)%len(rules)]
		in := Input{From: base.AddDate(0, 0, int(fromOff)), Extended: extended, Simplified: simplified}
		if suspFrom != 0 {
			sp := Span{From: in.From.AddDate(0, 0, int(suspFrom))}
			if suspLen >= 0 {
				sp.To = sp.From.AddDate(0, 0, int(suspLen))
			}
			in.Suspensions = []Span{sp}
		}
		if override != 0 {
			n := int(override)
			in.DaysOverride = &n
		}
		res, err := Compute(cal, r.ID, in)
		if err != nil {
			if errors.Is(err, ErrUnknownRule) {
				t.Fatalf("rule %s from Rules() is unknown to Compute", r.ID)
			}
			return
		}
		if res.Due.Before(calendar.Day0(in.From)) && res.Unit != Fixed {
			t.Fatalf("%s from %s: due %s is before the start", r.ID, calendar.Format(in.From), calendar.Format(res.Due))
		}
		if res.Due.Before(res.LastDay) {
			t.Fatalf("%s: due %s before the period's last day %s", r.ID, calendar.Format(res.Due), calendar.Format(res.LastDay))
		}
		if res.Explanation == "" {
			t.Fatalf("%s: no explanation", r.ID)
		}
		later := in
		later.From = in.From.AddDate(0, 0, 1)
		if len(in.Suspensions) == 0 {
			if res2, err := Compute(cal, r.ID, later); err == nil && res2.Law == res.Law && res2.Due.Before(res.Due) {
				t.Fatalf("%s: starting a day later (%s) gives an earlier due date %s than %s", r.ID,
					calendar.Format(later.From), calendar.Format(res2.Due), calendar.Format(res.Due))
			}
		}
		done := res.Due.AddDate(0, 0, int(suspLen)%400)
		if _, _, err := Status(res.Due, &done, in.From, cal, 3); err != nil {
			t.Fatalf("Status of a finished record: %v", err)
		}
		_, _, _ = Status(res.Due, nil, in.From.Add(time.Duration(override)*time.Hour), cal, 3)
	})
}
