package app

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/store"
)

// scoped runs every storage read of a domain package (indicators, warnings)
// within one data scope, so those packages need no notion of access.
//
// A figure of a unit in a year groups records by that year's unit tree
// (the tree at the end of the year, ledger.UnitTree.At): after a unit is
// moved or merged in 2024, its 2022 records still count for its 2022
// parent, its 2024 records for the new one.
type scoped struct {
	db    *store.DB
	scope ledger.Scope
	past  *pastTrees // nil: group by the current tree
}

// pastTrees holds the unit events and the trees of the years asked for.
type pastTrees struct {
	mu     sync.Mutex
	loaded bool
	tree   *ledger.UnitTree
	events []ledger.UnitEvent
	years  map[int]*ledger.UnitTree
}

func newScoped(db *store.DB, sc ledger.Scope) scoped {
	return scoped{db: db, scope: sc, past: &pastTrees{years: map[int]*ledger.UnitTree{}}}
}

// dated replaces a query's unit by the unit's subtree in the tree of the
// query's year, when the tree has changed since.
func (s scoped) dated(ctx context.Context, q ledger.Query) (ledger.Query, error) {
	if s.past == nil || q.Unit == "" || q.OwnerUnits != nil || q.Year == 0 {
		return q, nil
	}
	p := s.past
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.loaded {
		evs, err := s.db.UnitEvents(ctx)
		if err != nil {
			return q, err
		}
		p.events, p.loaded = evs, true
		if len(evs) > 0 {
			if p.tree, err = s.db.AllUnitTree(ctx); err != nil {
				return q, err
			}
		}
	}
	if len(p.events) == 0 {
		return q, nil
	}
	t, ok := p.years[q.Year]
	if !ok {
		t = p.tree.At(fmt.Sprintf("%04d-12-31", q.Year), p.events)
		p.years[q.Year] = t
	}
	sub := t.Subtree(q.Unit)
	q.OwnerUnits = make([]string, 0, len(sub))
	for c := range sub {
		q.OwnerUnits = append(q.OwnerUnits, c)
	}
	sort.Strings(q.OwnerUnits)
	q.Unit = ""
	return q, nil
}

func (s scoped) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	q.Scope = s.scope
	q, err := s.dated(ctx, q)
	if err != nil {
		return 0, err
	}
	return s.db.AggregateRecords(ctx, d, q, agg, field)
}

func (s scoped) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	q.Scope = s.scope
	q, err := s.dated(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	return s.db.FindRecords(ctx, d, q)
}

// UnitTree gives grouped indicators the unit tree (单位类型 of a
// respondent); the tree itself is not scoped data.
func (s scoped) UnitTree(ctx context.Context) (*ledger.UnitTree, error) {
	return s.db.UnitTree(ctx)
}

// figureReader returns the actor's scoped source and the resolved unit.
func (a *App) figureReader(ctx context.Context, unit string) (Actor, scoped, string, error) {
	act, err := actor(ctx)
	if err != nil {
		return act, scoped{}, "", err
	}
	if err := require(act, permRead, "查看指标"); err != nil {
		return act, scoped{}, "", err
	}
	if region, ok, err := a.regionArg(ctx, act, unit); ok || err != nil {
		sc := act.readScope()
		sc.District = region
		return act, newScoped(a.db, sc), "", err
	}
	code, err := a.unitInScope(ctx, act, unit)
	if err != nil {
		return act, scoped{}, "", err
	}
	return act, newScoped(a.db, act.readScope()), code, nil
}

// regionArg reads a unit argument that is a 行政区划代码 rather than a unit
// (4103 or 410300 for 洛阳市, 410307 for 偃师区) when no unit has that code:
// figures over every district within it. It refuses a region beyond the
// actor's own district.
func (a *App) regionArg(ctx context.Context, act Actor, s string) (string, bool, error) {
	if s == "" {
		return "", false, nil
	}
	code, err := ledger.ParseDistrict(s)
	if err != nil {
		return "", false, nil
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return "", false, err
	}
	if _, isUnit := tree.Lookup(s); isUnit {
		return "", false, nil
	}
	if act.District != "" && !ledger.InRegion(code, act.District) {
		return "", true, errorf(Forbidden, "%s属于行政区划 %s，无权查看行政区划 %s 的数据", act.describe(), act.District, code)
	}
	return code, true, nil
}

// Indicators computes every indicator of year over the records the actor
// may read, for unit and the units below it ("" = all in scope).
func (a *App) Indicators(ctx context.Context, year int, unit string) ([]indicator.Value, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	_, src, code, err := a.figureReader(ctx, unit)
	if err != nil {
		return nil, err
	}
	return indicator.ComputeAll(ctx, src, year, code)
}

// Indicator resolves an indicator ID.
func Indicator(id string) (*indicator.Indicator, error) {
	ind, ok := indicator.Get(id)
	if !ok {
		return nil, errorf(NotFound, "未知指标“%s”", id)
	}
	return ind, nil
}

// ExplainPart is one list of records behind a figure, as the actor may see them.
type ExplainPart struct {
	Indicator *indicator.Indicator
	Ledger    *ledger.Definition
	Value     indicator.Value
	Records   []RecordView
	Total     int // records of the part in all (Records may be a page of them)
}

// Explain returns a figure and the records behind it (both lists for a
// rate), within the actor's scope, personal fields masked as in GetRecord.
func (a *App) Explain(ctx context.Context, id string, year int, unit string) (indicator.Value, []ExplainPart, error) {
	return a.explain(ctx, id, year, unit, false, 0, 0)
}

// ExplainPage is Explain (or ExplainAccepted, with acceptedOnly) keeping
// page (from 1) of size records of each part, ExplainPart.Total counting
// them all: what a page listing a figure's records shows at province
// scale.
func (a *App) ExplainPage(ctx context.Context, id string, year int, unit string, acceptedOnly bool, page, size int) (indicator.Value, []ExplainPart, error) {
	if size <= 0 {
		return indicator.Value{}, nil, errorf(Invalid, "每页记录数应大于 0")
	}
	return a.explain(ctx, id, year, unit, acceptedOnly, size, (max(page, 1)-1)*size)
}

// explain is Explain over every readable record, or over the records of
// accepted 报送 submissions only; limit > 0 keeps that many records of
// each part from offset on.
func (a *App) explain(ctx context.Context, id string, year int, unit string, acceptedOnly bool, limit, offset int) (indicator.Value, []ExplainPart, error) {
	ind, err := Indicator(id)
	if err != nil {
		return indicator.Value{}, nil, err
	}
	if err := checkYear(year); err != nil {
		return indicator.Value{}, nil, err
	}
	act, src, code, err := a.figureReader(ctx, unit)
	if err != nil {
		return indicator.Value{}, nil, err
	}
	var from indicator.Source = src
	if acceptedOnly {
		units, err := a.acceptedUnits(ctx, year)
		if err != nil {
			return indicator.Value{}, nil, err
		}
		from = accepted{src, units}
	}
	v, parts, err := indicator.ExplainPage(ctx, from, ind, year, code, limit, offset)
	if err != nil {
		return v, nil, err
	}
	out := make([]ExplainPart, len(parts))
	for i, p := range parts {
		out[i] = ExplainPart{Indicator: p.Indicator, Ledger: p.Ledger, Value: p.Value, Total: p.Total}
		for _, r := range p.Records {
			out[i].Records = append(out[i].Records, a.view(act, p.Ledger, r))
		}
	}
	return v, out, nil
}

// checkYear refuses a year no record or calendar can speak of.
func checkYear(year int) error {
	if year < 1990 || year > 2100 {
		return errorf(Invalid, "年度 %d 超出可统计的范围（1990—2100）", year)
	}
	return nil
}

// AggregateBatch computes a ledger's aggregates in one scan, every item
// within the source's scope (and, for a unit, the unit's subtree in the
// tree of the item's year).
func (s scoped) AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error) {
	out := make([]ledger.AggItem, len(items))
	for i, it := range items {
		it.Query.Scope = s.scope
		q, err := s.dated(ctx, it.Query)
		if err != nil {
			return nil, err
		}
		it.Query = q
		out[i] = it
	}
	return s.db.AggregateBatch(ctx, d, out, byDistrict)
}
