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

// DeltaText writes the change with its sign and unit; a rate changes by
// 个百分点.
func (c Change) DeltaText() string {
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
		c := Change{ID: id, Name: v.Name, Unit: v.Unit, Value: v.Value, Null: v.Null}
		if p, ok := prev[id]; ok && !p.Null {
			c.Prev, c.HasPrev = p.Value, true
		}
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
