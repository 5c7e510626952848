package indicator

import (
	"context"
	"fmt"

	"fazhi/ledger"
)

// BatchSource is a Source that computes many aggregates of one ledger in
// one scan of its records (storage does: store.DB.AggregateBatch), by
// district when asked. The result maps a district's 行政区划代码 ("" when
// not by district) to the items' values in order.
type BatchSource interface {
	AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error)
}

// slot is where a leaf aggregate's value lands: its ledger's batch and the
// index in it.
type slot struct {
	ledger string
	i      int
}

// bucketSlot is one line of a grouped figure.
type bucketSlot struct {
	key string
	slot
}

// batchPlan is every aggregate a set of indicators needs, by ledger: each
// leaf once, however many rates and totals use it.
type batchPlan struct {
	year   int
	unit   string
	order  []string // ledger IDs in first use
	items  map[string][]ledger.AggItem
	leaf   map[string]slot         // count, distinct count, sum
	groups map[string][]bucketSlot // grouped figures
	lists  []*Indicator            // CountItems: read as records
	null   map[string]bool         // stocks of a year not ended
}

func newBatchPlan(year int, unit string) *batchPlan {
	return &batchPlan{year: year, unit: unit, items: map[string][]ledger.AggItem{},
		leaf: map[string]slot{}, groups: map[string][]bucketSlot{}, null: map[string]bool{}}
}

func (p *batchPlan) add(d *ledger.Definition, it ledger.AggItem) slot {
	if _, ok := p.items[d.ID]; !ok {
		p.order = append(p.order, d.ID)
	}
	p.items[d.ID] = append(p.items[d.ID], it)
	return slot{d.ID, len(p.items[d.ID]) - 1}
}

// need adds ind and, for a rate or total, its parts.
func (p *batchPlan) need(ctx context.Context, src Source, ind *Indicator) error {
	if _, ok := p.leaf[ind.ID]; ok || p.null[ind.ID] {
		return nil
	}
	if _, ok := p.groups[ind.ID]; ok {
		return nil
	}
	switch ind.Agg {
	case Rate:
		for _, id := range []string{ind.Num, ind.Den} {
			if err := p.need(ctx, src, registry[id]); err != nil {
				return err
			}
		}
		return nil
	case Total:
		for _, id := range append(append([]string{}, ind.Parts...), ind.Minus...) {
			if err := p.need(ctx, src, registry[id]); err != nil {
				return err
			}
		}
		return nil
	}
	d, _ := ledger.Get(ind.Ledger)
	if p.unit != "" && d.Owner == "" {
		return fmt.Errorf("指标 %s 的台账不按单位划分，不能按单位统计", ind.ID)
	}
	switch ind.Agg {
	case CountItems:
		for _, l := range p.lists {
			if l == ind {
				return nil
			}
		}
		p.lists = append(p.lists, ind)
	case GroupBy:
		bs, err := buckets(ctx, src, ind, d)
		if err != nil {
			return err
		}
		agg := ledger.AggCount
		if ind.Field != "" {
			agg = ledger.AggSum
		}
		gs := []bucketSlot{}
		for _, b := range bs {
			s := p.add(d, ledger.AggItem{Query: ind.Query(p.year, p.unit), Agg: agg, Field: ind.Field, Bucket: []ledger.Cond{b.cond}})
			gs = append(gs, bucketSlot{b.key, s})
		}
		p.groups[ind.ID] = gs
	default:
		if ind.AsOf && !YearEnded(p.year) {
			p.null[ind.ID] = true // a stock at the end of a year not ended is not a fact yet
			return nil
		}
		agg := ledger.AggCount
		switch ind.Agg {
		case CountDistinct:
			agg = ledger.AggCountDistinct
		case Sum:
			agg = ledger.AggSum
		}
		p.leaf[ind.ID] = p.add(d, ledger.AggItem{Query: ind.Query(p.year, p.unit), Agg: agg, Field: ind.Field})
	}
	return nil
}

// raw is the aggregates of one district (or of the whole scope), by
// ledger, in plan order; items counts list entries of CountItems figures.
type raw struct {
	aggs  map[string][]int64
	items map[string]float64
}

func (r raw) at(s slot) int64 {
	if a := r.aggs[s.ledger]; s.i < len(a) {
		return a[s.i]
	}
	return 0 // no record of the district in that ledger
}

// run reads the plan's aggregates: one query per ledger, and the records of
// CountItems figures. byDistrict splits everything by district.
func (p *batchPlan) run(ctx context.Context, src Source, bs BatchSource, byDistrict bool) (map[string]raw, error) {
	out := map[string]raw{}
	get := func(district string) raw {
		r, ok := out[district]
		if !ok {
			r = raw{aggs: map[string][]int64{}, items: map[string]float64{}}
			out[district] = r
		}
		return r
	}
	if !byDistrict {
		get("")
	}
	for _, id := range p.order {
		d, _ := ledger.Get(id)
		res, err := bs.AggregateBatch(ctx, d, p.items[id], byDistrict)
		if err != nil {
			return nil, err
		}
		for district, vals := range res {
			get(district).aggs[id] = vals
		}
	}
	for _, ind := range p.lists {
		d, _ := ledger.Get(ind.Ledger)
		recs, _, err := src.FindRecords(ctx, d, ind.Query(p.year, p.unit))
		if err != nil {
			return nil, fmt.Errorf("指标 %s: %w", ind.ID, err)
		}
		for _, r := range recs {
			district := ""
			if byDistrict {
				district, _ = r[ledger.MetaDistrict].(string)
			}
			get(district).items[ind.ID] += float64(max(1, len(ListItems(r.String(ind.Field)))))
		}
	}
	return out, nil
}

// values evaluates inds from one district's aggregates; rates and totals
// reuse their parts' values.
func (p *batchPlan) values(inds []*Indicator, r raw) []Value {
	memo := map[string]Value{}
	var eval func(ind *Indicator) Value
	eval = func(ind *Indicator) Value {
		if v, ok := memo[ind.ID]; ok {
			return v
		}
		v := Value{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Definition: ind.Definition}
		switch ind.Agg {
		case Rate:
			num, den := eval(registry[ind.Num]), eval(registry[ind.Den])
			switch {
			case num.Null || den.Null:
				v.Null = true // a part not known yet
			default:
				v.Numerator, v.Denominator = &num.Value, &den.Value
				if den.Value != 0 {
					v.Value = round(num.Value/den.Value*100, ind.Decimals)
				} else {
					v.Null = true // nothing to divide: no rate, not 0%
				}
			}
		case Total:
			x := 0.0
			for i, ids := range [][]string{ind.Parts, ind.Minus} {
				for _, id := range ids {
					pv := eval(registry[id])
					if pv.Null {
						v.Null = true
					}
					if i == 0 {
						x += pv.Value
					} else {
						x -= pv.Value
					}
				}
			}
			if v.Null {
				x = 0
			}
			v.Value = round(x, ind.Decimals)
		case GroupBy:
			d, _ := ledger.Get(ind.Ledger)
			for _, b := range p.groups[ind.ID] {
				n := r.at(b.slot)
				x := float64(n)
				if ind.Field != "" {
					x = d.Field(ind.Field).Float(n)
				}
				if x == 0 {
					continue
				}
				v.Groups = append(v.Groups, Group{Key: b.key, Value: x})
				v.Value += x
			}
		case CountItems:
			v.Value = r.items[ind.ID]
		default:
			if p.null[ind.ID] {
				v.Null = true
				break
			}
			d, _ := ledger.Get(ind.Ledger)
			v.Value = leafValue(ind, d, r.at(p.leaf[ind.ID]))
		}
		memo[ind.ID] = v
		return v
	}
	out := make([]Value, len(inds))
	for i, ind := range inds {
		out[i] = eval(ind)
	}
	return out
}

// sum adds districts' aggregates: the whole of a region, in which a
// distinct value counts once per district.
func sum(rs map[string]raw) raw {
	t := raw{aggs: map[string][]int64{}, items: map[string]float64{}}
	for _, r := range rs {
		for id, vals := range r.aggs {
			acc := t.aggs[id]
			if acc == nil {
				acc = make([]int64, len(vals))
				t.aggs[id] = acc
			}
			for i, v := range vals {
				acc[i] += v
			}
		}
		for id, x := range r.items {
			t.items[id] += x
		}
	}
	return t
}

// computeBatch evaluates inds with one scan per ledger.
func computeBatch(ctx context.Context, src Source, bs BatchSource, inds []*Indicator, year int, unit string) ([]Value, error) {
	p := newBatchPlan(year, unit)
	for _, ind := range inds {
		if err := p.need(ctx, src, ind); err != nil {
			return nil, err
		}
	}
	rs, err := p.run(ctx, src, bs, false)
	if err != nil {
		return nil, err
	}
	return p.values(inds, rs[""]), nil
}

// ComputeByDistrict evaluates every indicator of year for each district
// the source's scope holds, with one scan per ledger grouped by district,
// and for the scope as a whole (Total: counts and sums are the districts'
// sums; a distinct value counts once per district; rates are computed from
// the summed parts). A district with no record in the year still appears
// when any ledger holds one of its records, and every district listed in
// districts appears; the figures of a district without records are 0.
func ComputeByDistrict(ctx context.Context, src BatchSource, year int, districts []string) (total []Value, byDistrict map[string][]Value, err error) {
	s, ok := src.(Source)
	if !ok {
		return nil, nil, fmt.Errorf("indicator: the batch source reads no records")
	}
	inds := All()
	p := newBatchPlan(year, "")
	for _, ind := range inds {
		if err := p.need(ctx, s, ind); err != nil {
			return nil, nil, err
		}
	}
	rs, err := p.run(ctx, s, src, true)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range districts {
		if _, ok := rs[d]; !ok {
			rs[d] = raw{aggs: map[string][]int64{}, items: map[string]float64{}}
		}
	}
	byDistrict = map[string][]Value{}
	for district, r := range rs {
		byDistrict[district] = p.values(inds, r)
	}
	return p.values(inds, sum(rs)), byDistrict, nil
}

// Plan returns what ComputeAll reads for year over every unit: the
// aggregates of each ledger (by ledger ID) that one scan per ledger
// computes, and the figures read as records (CountItems). Benchmarks run
// the same aggregates as their floor.
func Plan(ctx context.Context, src Source, year int) (map[string][]ledger.AggItem, []*Indicator, error) {
	p := newBatchPlan(year, "")
	for _, ind := range All() {
		if err := p.need(ctx, src, ind); err != nil {
			return nil, nil, err
		}
	}
	return p.items, p.lists, nil
}
