// Package warning finds the records whose statutory deadlines are near or
// past, across every ledger that declares deadlines, so staff act before a
// case goes overdue.
package warning

import (
	"context"
	"sort"
	"time"

	"fazhi/deadline"
	"fazhi/ledger"
)

// Finder reads ledger records; storage implements it.
type Finder interface {
	FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error)
}

// Item is one deadline of one record with its state on a date.
type Item struct {
	Ledger   *ledger.Definition
	Deadline *ledger.Deadline
	Rule     deadline.Rule
	// Law is the version of Rule's law that applies to the record (the
	// 2017 复议法 for cases before the switch date), for citing it.
	Law    deadline.Version
	Record ledger.Record
	Due    time.Time
	Done   *time.Time // nil while the duty is open on the as-of date
	State  deadline.State
	// Days is days left (正常/临期) or days late (逾期, 超期办结), in natural days.
	Days int
}

// Key is the record's natural key as staff write it.
func (it Item) Key() string {
	s := ""
	for i, k := range it.Ledger.Key {
		if i > 0 {
			s += " "
		}
		s += it.Ledger.Field(k).Format(it.Record[k], nil)
	}
	return s
}

// Unit is the code of the unit the record belongs to.
func (it Item) Unit() string { return it.Record.String(it.Ledger.Owner) }

// States evaluates every deadline of the records of d as of asOf. A record
// not yet received on asOf is left out; a duty done after asOf counts as open.
func States(ctx context.Context, f Finder, eng deadline.Engine, d *ledger.Definition, q ledger.Query, asOf time.Time) ([]Item, error) {
	if len(d.Deadlines) == 0 {
		return nil, nil
	}
	recs, _, err := f.FindRecords(ctx, d, q)
	if err != nil {
		return nil, err
	}
	return StatesOf(eng, d, recs, asOf)
}

// StatesOf evaluates every deadline of recs, records of d already read
// (a page of a list, one record), as of asOf, as States does.
func StatesOf(eng deadline.Engine, d *ledger.Definition, recs []ledger.Record, asOf time.Time) ([]Item, error) {
	var out []Item
	for i := range d.Deadlines {
		dl := &d.Deadlines[i]
		rule, _ := deadline.Lookup(dl.Rule)
		for _, r := range recs {
			due, ok := r.Date(dl.Due)
			if !ok {
				continue
			}
			if from, ok := r.Date(dl.From); ok && from.After(asOf) {
				continue
			}
			it := Item{Ledger: d, Deadline: dl, Rule: rule, Law: rule.Version, Record: r, Due: due}
			lawDate, ok := r.Date(dl.LawDate)
			if !ok || dl.LawDate == "" {
				lawDate, ok = r.Date(dl.From)
			}
			if ok {
				it.Law = eng.Applied(rule, lawDate)
			}
			if done, ok := r.Date(dl.Done); ok && !done.After(asOf) {
				it.Done = &done
			} else if !ok && !dl.Open(r) {
				continue // closed without a date: nothing to warn about
			}
			st, days, err := eng.Status(due, it.Done, asOf)
			if err != nil {
				return nil, err
			}
			it.State, it.Days = st, days
			out = append(out, it)
		}
	}
	return out, nil
}

// Warnings returns the open duties that are near (临期) or past (逾期) on
// asOf across all ledgers, most urgent first: the longest overdue, then the
// fewest days left.
func Warnings(ctx context.Context, f Finder, eng deadline.Engine, unit string, asOf time.Time) ([]Item, error) {
	var out []Item
	for _, d := range ledger.All() {
		if len(d.Deadlines) == 0 || (unit != "" && d.Owner == "") {
			continue
		}
		items, err := States(ctx, f, eng, d, ledger.Query{Unit: unit}, asOf)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.State == deadline.Overdue || it.State == deadline.Near {
				out = append(out, it)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return urgency(out[i]) > urgency(out[j]) })
	return out, nil
}

// urgency orders items: days late count up, days left count down.
func urgency(it Item) int {
	if it.State == deadline.Overdue {
		return 100000 + it.Days
	}
	return -it.Days
}
