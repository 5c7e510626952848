package indicator

import (
	"context"
	"fmt"
	"strings"

	"fazhi/ledger"
)

// UnitTreeSource is a Source that also knows the unit tree (storage does):
// a Group over a UnitRef field needs each unit's 单位类型.
type UnitTreeSource interface {
	UnitTree(ctx context.Context) (*ledger.UnitTree, error)
}

// computeGroups splits a Group indicator's records by its GroupBy field:
// one aggregate per enum value (declaration order), or per respondent type
// of UnitKindGroups for a UnitRef field. Value is the sum of the groups;
// groups with no record are left out.
func computeGroups(ctx context.Context, src Source, ind *Indicator, v Value, year int, unit string) (Value, error) {
	d, _ := ledger.Get(ind.Ledger)
	if unit != "" && d.Owner == "" {
		return v, fmt.Errorf("指标 %s 的台账不按单位划分，不能按单位统计", ind.ID)
	}
	bs, err := buckets(ctx, src, ind, d)
	if err != nil {
		return v, err
	}
	agg := ledger.AggCount
	if ind.Field != "" {
		agg = ledger.AggSum
	}
	for _, b := range bs {
		q := ind.Query(year, unit)
		q.Conds = append(append([]ledger.Cond{}, q.Conds...), b.cond)
		n, err := src.AggregateRecords(ctx, d, q, agg, ind.Field)
		if err != nil {
			return v, fmt.Errorf("指标 %s: %w", ind.ID, err)
		}
		x := float64(n)
		if agg == ledger.AggSum {
			x = d.Field(ind.Field).Float(n)
		}
		if x == 0 {
			continue
		}
		v.Groups = append(v.Groups, Group{Key: b.key, Value: x})
		v.Value += x
	}
	return v, nil
}

// ListItems splits a list of names as staff type it (、，,；; and spaces).
func ListItems(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；; 　/", r)
	})
}

// GroupText writes a grouped figure as a sentence list: 行政处罚12起、行政许可5起.
func GroupText(v Value) string {
	if len(v.Groups) == 0 {
		return "无"
	}
	parts := make([]string, len(v.Groups))
	for i, g := range v.Groups {
		parts[i] = g.Key + Value{Value: g.Value}.Text() + v.Unit
	}
	return strings.Join(parts, "、")
}

// bucket is one line of a grouped figure: its key and the condition
// choosing its records.
type bucket struct {
	key  string
	cond ledger.Cond
}

// buckets lists a GroupBy indicator's lines: an Enum field's values in
// declaration order, or for a UnitRef field the respondent types of
// UnitKindGroups with the units of each.
func buckets(ctx context.Context, src Source, ind *Indicator, d *ledger.Definition) ([]bucket, error) {
	f := d.Field(ind.GroupField)
	var buckets []bucket
	if f.Type == ledger.Enum {
		for _, e := range f.Enum {
			buckets = append(buckets, bucket{e, ledger.In(f.Name, e)})
		}
	} else {
		ts, ok := src.(UnitTreeSource)
		if !ok {
			return nil, fmt.Errorf("指标 %s 需要单位名录（单位类型）", ind.ID)
		}
		tree, err := ts.UnitTree(ctx)
		if err != nil {
			return nil, err
		}
		codes := map[string][]any{}
		for _, u := range tree.Units {
			g, ok := UnitKindGroups[u.Kind]
			if !ok {
				g = "其他"
			}
			codes[g] = append(codes[g], u.Code)
		}
		for _, g := range UnitKindGroupOrder {
			if len(codes[g]) > 0 {
				buckets = append(buckets, bucket{g, ledger.In(f.Name, codes[g]...)})
			}
		}
	}
	return buckets, nil
}
