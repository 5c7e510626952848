package ledger

import (
	"fmt"
	"slices"
)

// dateOrder requires that date field later is not before date field earlier
// when both are set; the error is reported against later.
func dateOrder(d *Definition, earlier, later string) RecordCheck {
	return RecordCheck{Field: later, Check: func(r Record) error {
		a, okA := r.Date(earlier)
		b, okB := r.Date(later)
		if okA && okB && b.Before(a) {
			return fmt.Errorf("%s %s 早于%s %s，顺序不可能", d.Field(later).Label, b.Format("2006-01-02"),
				d.Field(earlier).Label, a.Format("2006-01-02"))
		}
		return nil
	}}
}

// requiredWhen requires field when the enum field on holds one of values.
func requiredWhen(d *Definition, field, on string, values ...string) RecordCheck {
	return RecordCheck{Field: field, Check: func(r Record) error {
		if _, set := r[field]; set {
			return nil
		}
		if v := r.String(on); slices.Contains(values, v) {
			return fmt.Errorf("%s为“%s”时必须填写%s", d.Field(on).Label, v, d.Field(field).Label)
		}
		return nil
	}}
}

// together requires that a and b are either both set or both empty; the
// error is reported against the one that is missing.
func together(d *Definition, a, b string) []RecordCheck {
	one := func(x, y string) RecordCheck {
		return RecordCheck{Field: y, Check: func(r Record) error {
			_, hx := r[x]
			_, hy := r[y]
			if hx && !hy {
				return fmt.Errorf("已填写%s，必须同时填写%s", d.Field(x).Label, d.Field(y).Label)
			}
			return nil
		}}
	}
	return []RecordCheck{one(a, b), one(b, a)}
}

func int64p(n int64) *int64 { return &n }
