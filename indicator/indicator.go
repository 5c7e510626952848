// Package indicator declares the figures of the annual report: each is an ID,
// a Chinese name, the ledger it counts, a filter and an aggregate. The report
// refers to indicators by ID; storage computes them as SQL aggregates.
package indicator

import (
	"fmt"
	"sort"

	"fazhi/ledger"
)

// Agg is how an indicator aggregates its records.
type Agg int

const (
	Count         Agg = iota // number of records
	CountDistinct            // number of distinct values of Field
	Sum                      // sum of Field
	Rate                     // Num / Den × 100, in percent
	// GroupBy counts (or sums Field of) the records per value of the
	// indicator's GroupField: an
	// Enum field's values in declaration order, or for a UnitRef field the
	// 单位类型 of the unit, folded by UnitKindGroups. Value is the total.
	GroupBy
	// Total adds the indicators in Parts and subtracts those in Minus (the
	// same unit; e.g. 合法性审查 = 文件 + 合同 + 会议纪要).
	Total
	// CountItems counts the entries listed in Field (names separated by
	// 、，,；; space) over the records: 人次 from a list of people.
	CountItems
)

// UnitKindGroups folds the unit tree's 单位类型 into the respondent types
// reports use (复议 by 被申请人类型): 部门, 乡镇街道, 区政府; anything else is 其他.
var UnitKindGroups = map[string]string{
	"政府部门": "部门", "垂直管理部门": "部门", "镇": "乡镇街道", "街道": "乡镇街道", "政府": "区政府",
}

// UnitKindGroupOrder is the order in which respondent types are listed.
var UnitKindGroupOrder = []string{"部门", "乡镇街道", "区政府", "其他"}

// Indicator is one declared figure.
type Indicator struct {
	ID     string
	Name   string // Chinese name, as printed in the report
	Unit   string // 起, 件, 次, 人次, 个, 家, 期, 亿元, %
	Ledger string // ledger ID (not used by rates)
	// Period is the date (or year) field whose calendar year is the
	// indicator's year.
	Period string
	// AsOf makes the indicator a stock at the end of the year (open cases,
	// the catalogue in force): Where must then use as-of conditions such as
	// ledger.OnOrBeforeEnd and ledger.OpenAtEnd; Period is not filtered.
	AsOf  bool
	Where []ledger.Cond
	Agg   Agg
	Field string // Sum / CountDistinct field
	// Divisor turns the natural unit of Field into the reported unit
	// (10000: 万元 to 亿元).
	Divisor  float64
	Decimals int    // decimals kept in the reported value
	Num, Den string // Rate: indicator IDs of numerator and denominator
	// GroupField is the field a GroupBy indicator splits its records by.
	GroupField string
	// Parts and Minus are the indicators a Total adds and subtracts.
	Parts, Minus []string
	// Definition states the rule in Chinese for staff (shown by explain).
	Definition string
}

var registry = map[string]*Indicator{}
var order []string

// register adds indicators, checking them against the ledger definitions.
func register(list ...*Indicator) {
	for _, ind := range list {
		if _, dup := registry[ind.ID]; dup {
			panic("indicator: duplicate " + ind.ID)
		}
		if ind.Agg != Rate && ind.Agg != Total {
			d, ok := ledger.Get(ind.Ledger)
			if !ok {
				panic(fmt.Sprintf("indicator %s: unknown ledger %s", ind.ID, ind.Ledger))
			}
			if d.Field(ind.Period) == nil {
				panic(fmt.Sprintf("indicator %s: ledger %s has no field %s", ind.ID, ind.Ledger, ind.Period))
			}
			for _, c := range ind.Where {
				if c.Op == ledger.OpLEField && d.Field(c.Values[0].(string)) == nil {
					panic(fmt.Sprintf("indicator %s: ledger %s has no field %v", ind.ID, ind.Ledger, c.Values[0]))
				}
				if d.Field(c.Field) == nil {
					panic(fmt.Sprintf("indicator %s: ledger %s has no field %s", ind.ID, ind.Ledger, c.Field))
				}
			}
			if ind.Agg == GroupBy {
				f := d.Field(ind.GroupField)
				if f == nil || (f.Type != ledger.Enum && f.Type != ledger.UnitRef) {
					panic(fmt.Sprintf("indicator %s: ledger %s has no enum or unit field %s", ind.ID, ind.Ledger, ind.GroupField))
				}
			}
			if ind.Agg != Count && ind.Agg != GroupBy && d.Field(ind.Field) == nil {
				panic(fmt.Sprintf("indicator %s: ledger %s has no field %s", ind.ID, ind.Ledger, ind.Field))
			}
		}
		registry[ind.ID] = ind
		order = append(order, ind.ID)
	}
}

// Get returns the indicator with id.
func Get(id string) (*Indicator, bool) {
	ind, ok := registry[id]
	return ind, ok
}

// All returns every indicator in declaration order (the report's order).
func All() []*Indicator {
	checkRates()
	out := make([]*Indicator, len(order))
	for i, id := range order {
		out[i] = registry[id]
	}
	return out
}

// IDs returns all indicator IDs, sorted.
func IDs() []string {
	ids := append([]string(nil), order...)
	sort.Strings(ids)
	return ids
}

func checkRates() {
	for _, ind := range registry {
		if ind.Agg == Total {
			for _, id := range append(append([]string{}, ind.Parts...), ind.Minus...) {
				if p, ok := registry[id]; !ok || p.Agg == Rate || p.Agg == GroupBy {
					panic(fmt.Sprintf("indicator %s: total part %s is not a count or sum indicator", ind.ID, id))
				}
			}
			continue
		}
		if ind.Agg != Rate {
			continue
		}
		for _, id := range []string{ind.Num, ind.Den} {
			if p, ok := registry[id]; !ok || p.Agg == Rate || p.Agg == GroupBy {
				panic(fmt.Sprintf("indicator %s: rate part %s is not a count or sum indicator", ind.ID, id))
			}
		}
	}
}

// Value is a computed indicator. Its JSON (value.go) has "value": null
// when Null is set.
type Value struct {
	ID          string
	Name        string
	Value       float64
	Unit        string
	Numerator   *float64
	Denominator *float64
	// Null marks a rate whose denominator is 0: no value, shown as "—".
	Null bool
	// Groups are a Group indicator's lines, in the field's order.
	Groups     []Group
	Definition string
}
