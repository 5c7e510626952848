package indicator

import (
	"context"
	"fmt"
	"math"
	"time"

	"fazhi/ledger"
)

// Source runs aggregates over ledger records; storage implements it.
type Source interface {
	AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error)
	FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error)
}

// Query returns the record query behind a count or sum indicator for a year
// and a unit scope ("" = all units).
func (ind *Indicator) Query(year int, unit string) ledger.Query {
	return ledger.Query{Year: year, YearField: ind.Period, AsOf: ind.AsOf, Unit: unit, Conds: ind.Where}
}

// Compute evaluates one indicator for year, over the records of unit and the
// units below it ("" = every unit).
func Compute(ctx context.Context, src Source, ind *Indicator, year int, unit string) (Value, error) {
	v := Value{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Definition: ind.Definition}
	switch ind.Agg {
	case Rate:
		num, err := Compute(ctx, src, registry[ind.Num], year, unit)
		if err != nil {
			return v, err
		}
		den, err := Compute(ctx, src, registry[ind.Den], year, unit)
		if err != nil {
			return v, err
		}
		if num.Null || den.Null {
			v.Null = true // a part not known yet
			return v, nil
		}
		v.Numerator, v.Denominator = &num.Value, &den.Value
		if den.Value != 0 {
			v.Value = round(num.Value/den.Value*100, ind.Decimals)
		} else {
			v.Null = true // nothing to divide: no rate, not 0%
		}
		return v, nil
	case Total:
		x := 0.0
		for i, ids := range [][]string{ind.Parts, ind.Minus} {
			for _, id := range ids {
				p, err := Compute(ctx, src, registry[id], year, unit)
				if err != nil {
					return v, err
				}
				if p.Null {
					v.Null = true
					return v, nil
				}
				if i == 0 {
					x += p.Value
				} else {
					x -= p.Value
				}
			}
		}
		v.Value = round(x, ind.Decimals)
		return v, nil
	case GroupBy:
		return computeGroups(ctx, src, ind, v, year, unit)
	case CountItems:
		d, _ := ledger.Get(ind.Ledger)
		recs, _, err := src.FindRecords(ctx, d, ind.Query(year, unit))
		if err != nil {
			return v, fmt.Errorf("指标 %s: %w", ind.ID, err)
		}
		for _, r := range recs {
			v.Value += float64(max(1, len(ListItems(r.String(ind.Field)))))
		}
		return v, nil
	}
	if ind.AsOf && !YearEnded(year) {
		// A stock at the end of a year that has not ended is not a fact yet.
		v.Null = true
		return v, nil
	}
	d, _ := ledger.Get(ind.Ledger)
	agg := ledger.AggCount
	switch ind.Agg {
	case CountDistinct:
		agg = ledger.AggCountDistinct
	case Sum:
		agg = ledger.AggSum
	}
	if unit != "" && d.Owner == "" {
		return v, fmt.Errorf("指标 %s 的台账不按单位划分，不能按单位统计", ind.ID)
	}
	n, err := src.AggregateRecords(ctx, d, ind.Query(year, unit), agg, ind.Field)
	if err != nil {
		return v, fmt.Errorf("指标 %s: %w", ind.ID, err)
	}
	v.Value = leafValue(ind, d, n)
	return v, nil
}

// leafValue turns a count or sum indicator's aggregate into its reported
// value: a Decimal sum unscaled, divided into the reported unit, rounded.
func leafValue(ind *Indicator, d *ledger.Definition, n int64) float64 {
	x := float64(n)
	if ind.Agg == Sum {
		x = d.Field(ind.Field).Float(n)
	}
	if ind.Divisor != 0 {
		x /= ind.Divisor
	}
	return round(x, ind.Decimals)
}

// ComputeAll evaluates every indicator, skipping those whose ledger has no
// unit owner when a unit scope is given. A BatchSource computes each
// ledger's figures in one scan and each rate's parts once; any other
// source answers one query per figure.
func ComputeAll(ctx context.Context, src Source, year int, unit string) ([]Value, error) {
	var inds []*Indicator
	for _, ind := range All() {
		if unit == "" || scopable(ind) {
			inds = append(inds, ind)
		}
	}
	if bs, ok := src.(BatchSource); ok {
		return computeBatch(ctx, src, bs, inds, year, unit)
	}
	var out []Value
	for _, ind := range inds {
		v, err := Compute(ctx, src, ind, year, unit)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func scopable(ind *Indicator) bool {
	switch ind.Agg {
	case Rate:
		return scopable(registry[ind.Num]) && scopable(registry[ind.Den])
	case Total:
		for _, id := range append(append([]string{}, ind.Parts...), ind.Minus...) {
			if !scopable(registry[id]) {
				return false
			}
		}
		return true
	}
	d, _ := ledger.Get(ind.Ledger)
	return d.Owner != ""
}

// Now is the clock YearEnded reads (tests may set it).
var Now = time.Now

// YearEnded reports whether year's last day is past.
func YearEnded(year int) bool { return Now().Year() > year }

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// Part is one list of records behind a figure: the records themselves for a
// count or sum, the numerator's and the denominator's for a rate.
type Part struct {
	Indicator *Indicator
	Ledger    *ledger.Definition
	Records   []ledger.Record
	// Total is how many records the part has in all; Records holds them
	// all, or the first limit of them (ExplainLimit).
	Total int
	Value Value
}

// Explain returns the records behind an indicator's figure.
func Explain(ctx context.Context, src Source, ind *Indicator, year int, unit string) (Value, []Part, error) {
	return ExplainLimit(ctx, src, ind, year, unit, 0)
}

// ExplainLimit is Explain keeping at most limit records of each part
// (0: all); Part.Total still counts them all.
func ExplainLimit(ctx context.Context, src Source, ind *Indicator, year int, unit string, limit int) (Value, []Part, error) {
	return ExplainPage(ctx, src, ind, year, unit, limit, 0)
}

// ExplainPage is ExplainLimit from the offset-th record of each part on
// (a page of a long list: at province scale a figure has tens of
// thousands of records); Part.Total still counts them all.
func ExplainPage(ctx context.Context, src Source, ind *Indicator, year int, unit string, limit, offset int) (Value, []Part, error) {
	v, err := Compute(ctx, src, ind, year, unit)
	if err != nil {
		return v, nil, err
	}
	parts := Leaves(ind)
	var out []Part
	for _, p := range parts {
		d, _ := ledger.Get(p.Ledger)
		q := p.Query(year, unit)
		q.Limit, q.Offset = limit, offset
		recs, total, err := src.FindRecords(ctx, d, q)
		if err != nil {
			return v, nil, err
		}
		if limit == 0 {
			total = len(recs)
		} else if len(recs) == 0 && offset > 0 {
			// Past the end: count them (the window counted none).
			q.Limit, q.Offset = 0, 0
			n, err := src.AggregateRecords(ctx, d, q, ledger.AggCount, "")
			if err != nil {
				return v, nil, err
			}
			total = int(n)
		} else if len(recs) == 0 {
			total = 0
		}
		pv := v
		if p != ind {
			if pv, err = Compute(ctx, src, p, year, unit); err != nil {
				return v, nil, err
			}
		}
		out = append(out, Part{Indicator: p, Ledger: d, Records: recs, Total: total, Value: pv})
	}
	return v, out, nil
}

// ExplainWith is ExplainLimit for a figure already computed: vals holds
// the values by indicator ID (one missing is computed), so only the records
// are read, at most limit of each part (limit > 0). A part's Total comes
// from its own figure when that is a plain count of the same records, and
// is otherwise counted; no query reads every record of a part.
func ExplainWith(ctx context.Context, src Source, ind *Indicator, year int, unit string, limit int, vals map[string]Value) (Value, []Part, error) {
	value := func(i *Indicator) (Value, error) {
		if v, ok := vals[i.ID]; ok {
			return v, nil
		}
		return Compute(ctx, src, i, year, unit)
	}
	v, err := value(ind)
	if err != nil {
		return v, nil, err
	}
	var out []Part
	for _, p := range Leaves(ind) {
		d, _ := ledger.Get(p.Ledger)
		q := p.Query(year, unit)
		q.Limit, q.NoTotal = limit, true
		recs, _, err := src.FindRecords(ctx, d, q)
		if err != nil {
			return v, nil, err
		}
		pv, err := value(p)
		if err != nil {
			return v, nil, err
		}
		total := len(recs)
		switch {
		case len(recs) < limit:
			// every record is read
		case p.Agg == Count && p.Divisor == 0 && !pv.Null:
			total = int(pv.Value)
		default:
			q.Limit, q.NoTotal = 0, false
			n, err := src.AggregateRecords(ctx, d, q, ledger.AggCount, "")
			if err != nil {
				return v, nil, err
			}
			total = int(n)
		}
		out = append(out, Part{Indicator: p, Ledger: d, Records: recs, Total: total, Value: pv})
	}
	return v, out, nil
}

// Leaves returns the indicators that read records for ind: itself for a
// count or sum, the parts of a rate or a total (recursively).
func Leaves(ind *Indicator) []*Indicator {
	var ids []string
	switch ind.Agg {
	case Rate:
		ids = []string{ind.Num, ind.Den}
	case Total:
		ids = append(append(ids, ind.Parts...), ind.Minus...)
	default:
		return []*Indicator{ind}
	}
	var out []*Indicator
	for _, id := range ids {
		out = append(out, Leaves(registry[id])...)
	}
	return out
}
