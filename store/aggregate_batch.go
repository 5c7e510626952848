package store

import (
	"context"
	"fmt"
	"strings"

	"fazhi/ledger"
)

// AggregateBatch computes every item over one ledger in a single scan of
// its table:
//
//	SELECT [district,] SUM(CASE WHEN <item 1> THEN 1 ELSE 0 END), …
//	FROM ledger_x WHERE <scope> AND (<item 1> OR <item 2> …) [GROUP BY district]
//
// CASE inside the aggregate rather than FILTER (WHERE …) keeps the SQL
// portable to engines without FILTER (Citus, older SQLite). The result
// maps a district code to the items' values in order; without byDistrict
// the one key is "". Sums of Decimal fields come back scaled, as from
// AggregateRecords, and a district with no matching record is absent.
// Every item must share the first item's scope (ledger.AggItem).
func (db *DB) AggregateBatch(ctx context.Context, d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (map[string][]int64, error) {
	if len(items) == 0 {
		return map[string][]int64{}, nil
	}
	base := readRegion(ctx, items[0].Query)
	prefix, cteArgs, scope, scopeArgs, err := db.scopeParts(d, base)
	if err != nil {
		return nil, err
	}
	r := base.Scope.District
	perDistrict := byDistrict || (r != "" && ledger.LevelOf(r) == ledger.LevelCounty)
	var exprs, ors []string
	var exprArgs, orArgs []any
	seen := map[string]bool{}
	whole := false // an item reads every record in scope
	for _, it := range items {
		parts, args, err := db.filterParts(d, it.Query)
		if err != nil {
			return nil, err
		}
		if len(parts) == 0 {
			whole = true
		} else if c := strings.Join(parts, " AND "); !seen[c+fmt.Sprint(args...)] {
			seen[c+fmt.Sprint(args...)] = true
			ors, orArgs = append(ors, "("+c+")"), append(orArgs, args...)
		}
		// The bucket narrows the aggregate only.
		bq := ledger.Query{Year: it.Query.Year, AsOf: true, Conds: it.Bucket}
		bparts, bargs, err := db.filterParts(d, bq)
		if err != nil {
			return nil, err
		}
		parts, args = append(parts, bparts...), append(args, bargs...)
		cond := "1 = 1"
		if len(parts) > 0 {
			cond = strings.Join(parts, " AND ")
		}
		var e string
		switch it.Agg {
		case ledger.AggCount:
			e = "SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END)"
		case ledger.AggCountDistinct, ledger.AggSum:
			f := d.Field(it.Field)
			if f == nil {
				return nil, fmt.Errorf("台账 %s 没有字段 %s", d.ID, it.Field)
			}
			col := f.Name
			if it.Agg == ledger.AggSum {
				e = "CAST(COALESCE(SUM(CASE WHEN " + cond + " THEN " + col + " END), 0) AS BIGINT)"
				break
			}
			if f.Sensitive {
				col = bidx(f) // equal values, equal blind indexes
			}
			if !perDistrict {
				// Over several districts a value counts once per district:
				// two districts' 偃政复〔2022〕1号 are two cases.
				col = "district || '|' || " + col
			}
			e = "COUNT(DISTINCT CASE WHEN " + cond + " THEN " + col + " END)"
		default:
			return nil, fmt.Errorf("统计台账 %s: 未知的汇总方式 %d", d.ID, it.Agg)
		}
		exprs, exprArgs = append(exprs, e), append(exprArgs, args...)
	}
	where := append([]string{}, scope...)
	if !whole && len(ors) > 0 {
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	} else {
		orArgs = nil
	}
	sel, group := "'' AS district, ", ""
	if byDistrict {
		sel, group = "district, ", " GROUP BY district"
	}
	q := prefix + "SELECT " + sel + strings.Join(exprs, ", ") + " FROM " + d.Table()
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += group
	args := append(append(append(cteArgs, exprArgs...), scopeArgs...), orArgs...)
	rows, err := db.reads(ctx).QueryContext(ctx, db.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("统计台账 %s: %w", d.ID, err)
	}
	defer rows.Close()
	out := map[string][]int64{}
	for rows.Next() {
		var district string
		vals := make([]any, len(items))
		ptrs := make([]any, len(items)+1)
		ptrs[0] = &district
		for i := range vals {
			ptrs[i+1] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("统计台账 %s: %w", d.ID, err)
		}
		ns := make([]int64, len(items))
		for i, v := range vals {
			ns[i] = toInt64(v)
		}
		out[district] = ns
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("统计台账 %s: %w", d.ID, err)
	}
	if !byDistrict && out[""] == nil {
		out[""] = make([]int64, len(items))
	}
	return out, nil
}

// FilterAggregateSQL writes the floor that benchmarks measure
// AggregateBatch against (issue 14): the same items as the minimal
// hand-written query, one aggregate with FILTER (WHERE …) per item over
// every live record of the ledger, without the data scope, the region or
// the pre-filter of AggregateBatch, optionally grouped by district. The
// query and its arguments are ready for the engine (placeholders rebound).
func (db *DB) FilterAggregateSQL(d *ledger.Definition, items []ledger.AggItem, byDistrict bool) (string, []any, error) {
	var exprs []string
	var args []any
	for _, it := range items {
		parts, a, err := db.filterParts(d, it.Query)
		if err != nil {
			return "", nil, err
		}
		bparts, ba, err := db.filterParts(d, ledger.Query{Year: it.Query.Year, AsOf: true, Conds: it.Bucket})
		if err != nil {
			return "", nil, err
		}
		parts, a = append(parts, bparts...), append(a, ba...)
		filter := ""
		if len(parts) > 0 {
			filter = " FILTER (WHERE " + strings.Join(parts, " AND ") + ")"
		}
		switch it.Agg {
		case ledger.AggCount:
			exprs = append(exprs, "COUNT(*)"+filter)
		case ledger.AggCountDistinct:
			exprs = append(exprs, "COUNT(DISTINCT "+it.Field+")"+filter)
		case ledger.AggSum:
			exprs = append(exprs, "SUM("+it.Field+")"+filter)
		}
		args = append(args, a...)
	}
	sel, group := "", ""
	if byDistrict {
		sel, group = "district, ", " GROUP BY district"
	}
	return db.rebind("SELECT " + sel + strings.Join(exprs, ", ") + " FROM " + d.Table() + " WHERE deleted_at IS NULL" + group), args, nil
}
