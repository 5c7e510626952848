package app

import (
	"context"
	"strconv"
	"strings"

	"fazhi/ledger"
)

// Tally counts the records of ledger id that the actor may read, in year
// (by the date or year field yearField; "" any date field in year) and for
// unit ("" all in scope), grouped by the values of the fields by, as staff
// write them (a unit by its name). A date field in by groups by its month
// (1–12). The key of each count joins the values with "\x1f"; a record
// without a value is counted under "". It is what the dashboard's charts
// draw: cases received per month, evaluations per grade, issues per unit and
// state.
func (a *App) Tally(ctx context.Context, id string, year int, yearField, unit string, by ...string) (map[string]int, error) {
	act, d, err := a.reader(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, n := range append([]string{yearField}, by...) {
		if n != "" && d.Field(n) == nil {
			return nil, errorf(Invalid, "%s台账没有字段“%s”", d.Name, n)
		}
	}
	q, err := a.query(ctx, act, d, year, unit)
	if err != nil {
		return nil, err
	}
	q.YearField = yearField
	recs, _, err := a.db.FindRecords(ctx, d, q)
	if err != nil {
		return nil, err
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	parts := make([]string, len(by))
	for _, r := range recs {
		for i, n := range by {
			f := d.Field(n)
			if t, ok := r.Date(n); ok && f.Type == ledger.Date {
				if year != 0 && t.Year() != year {
					parts[i] = ""
				} else {
					parts[i] = strconv.Itoa(int(t.Month()))
				}
				continue
			}
			parts[i] = f.Format(r[n], tree.Name)
		}
		out[strings.Join(parts, "\x1f")]++
	}
	return out, nil
}
