package report

import (
	"math"

	"fazhi/indicator"
)

// Change is one figure of the report beside last year's.
type Change struct {
	ID, Name, Unit string
	Value, Prev    float64
	// HasPrev is false when last year has no such figure or it has no
	// value (a rate of 0/0); Null marks this year's figure without value.
	HasPrev, Null bool
}

// ValueText is this year's figure with its unit, or "—".
func (c Change) ValueText() string {
	if c.Null {
		return "—"
	}
	return FormatNumber(c.Value) + c.Unit
}

// Delta is Value − Prev, rounded to the figures' own precision.
func (c Change) Delta() float64 { return math.Round((c.Value-c.Prev)*1e4) / 1e4 }

// ChangeOf compares figure cur with last year's prev (nil: last year has no
// such figure). A figure without value on either side (Null: a rate of 0/0,
// a part not known yet) leaves the change unknown: HasPrev or Null says so,
// and DeltaText is "—".
func ChangeOf(cur indicator.Value, prev *indicator.Value) Change {
	c := Change{ID: cur.ID, Name: cur.Name, Unit: cur.Unit, Value: cur.Value, Null: cur.Null}
	if prev != nil && !prev.Null {
		c.Prev, c.HasPrev = prev.Value, true
	}
	return c
}

// Known reports whether both years have a value, so that a change exists.
func (c Change) Known() bool { return c.HasPrev && !c.Null }

// DeltaText writes the change with its sign and unit; a rate changes by
// 个百分点. Without a value on either side (Known false) it is "—": no
// change is claimed against a missing figure.
func (c Change) DeltaText() string {
	if !c.Known() {
		return "—"
	}
	d := FormatDelta(c.Delta())
	if d == "0" {
		return "持平"
	}
	if c.Unit == "%" {
		return d + "个百分点"
	}
	return d + c.Unit
}

// Compare lists every figure the report uses with its value in the previous year.
func (r *Report) Compare(prev map[string]indicator.Value) []Change {
	var out []Change
	for _, id := range r.Source.Placeholders() {
		v, ok := r.Values[id]
		if !ok {
			continue
		}
		var pp *indicator.Value
		if p, ok := prev[id]; ok {
			pp = &p
		}
		c := ChangeOf(v, pp)
		c.ID = id
		out = append(out, c)
	}
	return out
}

// FormatDelta writes a change with its sign (+3, −2.5, 0).
func FormatDelta(x float64) string {
	switch {
	case x > 0:
		return "+" + FormatNumber(x)
	case x < 0:
		return "−" + FormatNumber(-x)
	}
	return "0"
}
