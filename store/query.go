package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"fazhi/ledger"
)

// readRegion gives a query without a district in its scope the district
// ctx carries (ledger.WithDistrict), so a read made for a district never
// reaches another's records.
func readRegion(ctx context.Context, q ledger.Query) ledger.Query {
	if q.Scope.District == "" {
		q.Scope.District, _ = ledger.DistrictFrom(ctx)
	}
	return q
}

// where translates a query into a WHERE clause with its arguments and, when
// the query is scoped to a unit, the recursive CTE that lists the scope.
func (db *DB) where(d *ledger.Definition, q ledger.Query) (prefix, clause string, args []any, err error) {
	parts, args, err := db.filterParts(d, q)
	if err != nil {
		return "", "", nil, err
	}
	prefix, cteArgs, sparts, sargs, err := db.scopeParts(d, q)
	if err != nil {
		return "", "", nil, err
	}
	parts, args = append(parts, sparts...), append(append(cteArgs, args...), sargs...)
	if len(parts) > 0 {
		clause = " WHERE " + strings.Join(parts, " AND ")
	}
	return prefix, clause, args, nil
}

// filterParts are the conditions of q that choose records by their
// values: the year (by YearField, or any date field), Conds and Text.
func (db *DB) filterParts(d *ledger.Definition, q ledger.Query) (parts []string, args []any, err error) {
	var start, end time.Time
	if q.Year != 0 {
		start = time.Date(q.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		end = time.Date(q.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if q.Year != 0 && !q.AsOf {
		yearCond := func(name string) (string, []any, error) {
			f := d.Field(name)
			if f == nil {
				return "", nil, fmt.Errorf("台账 %s 没有字段 %s", d.ID, name)
			}
			if f.Type == ledger.Year {
				return name + " = ?", []any{int64(q.Year)}, nil
			}
			return "(" + name + " >= ? AND " + name + " < ?)", []any{db.dateArg(start), db.dateArg(end)}, nil
		}
		if q.YearField != "" {
			c, a, err := yearCond(q.YearField)
			if err != nil {
				return nil, nil, err
			}
			parts, args = append(parts, c), append(args, a...)
		} else {
			var ors []string
			for _, n := range d.DateFields() {
				c, a, _ := yearCond(n)
				ors, args = append(ors, c), append(args, a...)
			}
			if len(ors) > 0 {
				parts = append(parts, "("+strings.Join(ors, " OR ")+")")
			}
		}
	}
	for _, c := range q.Conds {
		f := d.Field(c.Field)
		if f == nil {
			return nil, nil, fmt.Errorf("台账 %s 没有字段 %s", d.ID, c.Field)
		}
		n := f.Name
		if f.Sensitive {
			// Sealed values compare only by their blind index.
			switch c.Op {
			case ledger.OpIn, ledger.OpNotIn:
				n = bidx(f)
			case ledger.OpSet, ledger.OpEmpty:
			default:
				return nil, nil, fmt.Errorf("敏感字段 %s 加密存储，只能按完整的值查找", f.Label)
			}
		}
		switch c.Op {
		case ledger.OpIn, ledger.OpNotIn:
			ph := strings.TrimSuffix(strings.Repeat("?, ", len(c.Values)), ", ")
			for _, v := range c.Values {
				if f.Sensitive {
					s, _ := v.(string)
					args = append(args, db.BlindIndex(f, s))
					continue
				}
				args = append(args, db.encode(f, v))
			}
			if c.Op == ledger.OpIn {
				parts = append(parts, n+" IN ("+ph+")")
			} else {
				parts = append(parts, n+" IS NOT NULL AND "+n+" NOT IN ("+ph+")")
			}
		case ledger.OpLE:
			parts, args = append(parts, n+" <= ?"), append(args, db.encode(f, c.Values[0]))
		case ledger.OpGE:
			parts, args = append(parts, n+" >= ?"), append(args, db.encode(f, c.Values[0]))
		case ledger.OpLEField:
			other, _ := c.Values[0].(string)
			if d.Field(other) == nil {
				return nil, nil, fmt.Errorf("台账 %s 没有字段 %s", d.ID, other)
			}
			parts = append(parts, n+" <= "+other)
		case ledger.OpWithin:
			text, _ := c.Values[0].(string)
			pos := "instr(?, " + n + ")"
			if db.Dialect == Postgres {
				pos = "strpos(?, " + n + ")"
			}
			parts, args = append(parts, "length("+n+") >= 2 AND "+pos+" > 0"), append(args, text)
		case ledger.OpSet:
			parts = append(parts, n+" IS NOT NULL")
		case ledger.OpEmpty:
			parts = append(parts, n+" IS NULL")
		case ledger.OpDateLE, ledger.OpAfterEnd:
			if q.Year == 0 {
				return nil, nil, fmt.Errorf("条件“截至年末”需要指定年度")
			}
			last := db.dateArg(end.AddDate(0, 0, -1))
			if c.Op == ledger.OpDateLE {
				parts, args = append(parts, n+" <= ?"), append(args, last)
			} else {
				parts, args = append(parts, "("+n+" IS NULL OR "+n+" > ?)"), append(args, last)
			}
		}
	}
	if q.Text != "" {
		var ors []string
		if hay := db.textHaystack(d); hay != "" {
			// One LIKE over the text fields, served by a pg_trgm index
			// on PostgreSQL (store/textindex.go).
			ors, args = append(ors, hay+` LIKE ? ESCAPE '\'`), append(args, textTerm(q.Text))
		}
		for i := range d.Fields {
			f := &d.Fields[i]
			switch {
			case f.Sensitive:
				// Sealed: found by the whole value through its blind
				// index, and only in records whose reader sees it in clear.
				if q.TextExact == nil {
					continue
				}
				c := bidx(f) + " = ?"
				args = append(args, db.BlindIndex(f, q.Text))
				if u := *q.TextExact; u != "" {
					c = "(" + c + " AND record_unit = ?)"
					args = append(args, u)
				}
				ors = append(ors, c)
			}
		}
		if len(ors) > 0 {
			parts = append(parts, "("+strings.Join(ors, " OR ")+")")
		}
	}
	return parts, args, nil
}

// scopeParts are the conditions of q that choose records by who may read
// them and where they belong: deleted or not, the unit and its subtree,
// the data scope, the district, the record units; prefix is the WITH
// RECURSIVE clause they need, whose arguments prefixArgs gives.
func (db *DB) scopeParts(d *ledger.Definition, q ledger.Query) (prefix string, cteArgs []any, parts []string, args []any, err error) {
	if q.Deleted {
		parts = append(parts, "deleted_at IS NOT NULL")
	} else {
		parts = append(parts, "deleted_at IS NULL")
	}
	var ctes []string
	switch {
	case q.OwnerUnits != nil:
		if d.Owner == "" {
			return "", nil, nil, nil, fmt.Errorf("台账 %s 不按单位划分", d.ID)
		}
		if len(q.OwnerUnits) == 0 {
			parts = append(parts, "1 = 0")
		} else {
			parts = append(parts, d.Owner+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(q.OwnerUnits)), ", ")+")")
			for _, u := range q.OwnerUnits {
				args = append(args, u)
			}
		}
	case q.Unit != "":
		if d.Owner == "" {
			return "", nil, nil, nil, fmt.Errorf("台账 %s 不按单位划分", d.ID)
		}
		ctes, cteArgs = append(ctes, subtreeCTE("scope")), append(cteArgs, q.Unit)
		parts = append(parts, d.Owner+" IN (SELECT code FROM scope)")
	}
	if err := q.Scope.Valid(); err != nil {
		return "", nil, nil, nil, err
	}
	if c, a := regionCond("district", q.Scope.District); c != "" {
		parts, args = append(parts, c), append(args, a...)
	}
	if !d.Public {
		c, a, cte := readScope(d, q.Scope)
		if cte != "" {
			ctes, cteArgs = append(ctes, cte), append(cteArgs, q.Scope.Unit)
		}
		if c != "" {
			parts, args = append(parts, c), append(args, a...)
		}
	}
	if q.RecordUnits != nil {
		if len(q.RecordUnits) == 0 {
			parts = append(parts, "1 = 0")
		} else {
			parts = append(parts, "record_unit IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(q.RecordUnits)), ", ")+")")
			for _, u := range q.RecordUnits {
				args = append(args, u)
			}
		}
	}
	if len(ctes) > 0 {
		prefix = "WITH RECURSIVE " + strings.Join(ctes, ", ") + " "
	}
	return prefix, cteArgs, parts, args, nil
}

// FindRecords returns the records matching q and how many match in all
// (ignoring Limit and Offset). Each record carries its row id under "id".
func (db *DB) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	prefix, clause, args, err := db.where(d, readRegion(ctx, q))
	if err != nil {
		return nil, 0, err
	}
	fields := fieldList(d)
	order := strings.Join(d.Key, ", ")
	if q.YearField != "" {
		dir := ""
		if q.Descending {
			dir = " DESC"
		}
		order = q.YearField + dir + ", " + order
	}
	if q.OrderBy != "" {
		if f := d.Field(q.OrderBy); f != nil && !f.Sensitive {
			dir := ""
			if q.Descending {
				dir = " DESC"
			}
			order = f.Name + dir + ", " + strings.Join(d.Key, ", ")
		}
	}
	count := "COUNT(*) OVER ()"
	if q.NoTotal {
		count = "0" // no window over every match: a LIMIT reads only the first rows
	}
	sqlText := fmt.Sprintf("%sSELECT id, %s, %s, %s FROM %s%s ORDER BY %s", prefix, columnList(fields), metaColumns, count, d.Table(), clause, order)
	if q.Limit > 0 {
		sqlText += fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, q.Offset)
	}
	rows, err := db.reads(ctx).QueryContext(ctx, db.rebind(sqlText), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("查询台账 %s: %w", d.ID, err)
	}
	defer rows.Close()
	var out []ledger.Record
	total := 0
	for rows.Next() {
		r, extra, err := db.scanRecord(rows, fields, 1)
		if err != nil {
			return nil, 0, err
		}
		total = int(toInt64(extra[0]))
		out = append(out, r)
	}
	if q.NoTotal {
		total = len(out)
	}
	return out, total, rows.Err()
}

// AggregateRecords computes COUNT(*), COUNT(DISTINCT field) or SUM(field)
// over the records matching q. Sums of Decimal fields come back scaled.
func (db *DB) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	prefix, clause, args, err := db.where(d, readRegion(ctx, q))
	if err != nil {
		return 0, err
	}
	if agg != ledger.AggCount && d.Field(field) == nil {
		return 0, fmt.Errorf("台账 %s 没有字段 %s", d.ID, field)
	}
	expr := "COUNT(*)"
	switch agg {
	case ledger.AggCountDistinct:
		if f := d.Field(field); f.Sensitive {
			field = bidx(f) // equal values, equal blind indexes
		}
		expr = "COUNT(DISTINCT " + field + ")"
		if r := q.Scope.District; r == "" || ledger.LevelOf(r) != ledger.LevelCounty {
			// Over several districts a value counts once per district:
			// two districts' 偃政复〔2022〕1号 are two cases.
			expr = "COUNT(DISTINCT district || '|' || " + field + ")"
		}
	case ledger.AggSum:
		expr = "CAST(COALESCE(SUM(" + field + "), 0) AS BIGINT)"
	}
	var v any
	if err := db.reads(ctx).QueryRowContext(ctx, db.rebind(prefix+"SELECT "+expr+" FROM "+d.Table()+clause), args...).Scan(&v); err != nil {
		return 0, fmt.Errorf("统计台账 %s: %w", d.ID, err)
	}
	return toInt64(v), nil
}

func toInt64(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case float64:
		return int64(x)
	}
	return 0
}

// fieldList is every field of d, in declaration order.
func fieldList(d *ledger.Definition) []*ledger.Field {
	fields := make([]*ledger.Field, len(d.Fields))
	for i := range d.Fields {
		fields[i] = &d.Fields[i]
	}
	return fields
}

// scanRecord reads one row of "SELECT id, <fields>, <metaColumns>, <extra
// more columns>" into a record carrying its id and bookkeeping (MetaID,
// setMeta), and returns the extra columns' values as scanned.
func (db *DB) scanRecord(rows *sql.Rows, fields []*ledger.Field, extra int) (ledger.Record, []any, error) {
	vals := make([]any, 1+len(fields)+len(metaKeys)+extra)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, nil, err
	}
	r, id, err := db.toRecord(fields, vals[:len(fields)+1])
	if err != nil {
		return nil, nil, err
	}
	r[ledger.MetaID] = id
	meta := len(fields) + 1
	setMeta(r, vals[meta:meta+len(metaKeys)])
	return r, vals[meta+len(metaKeys):], nil
}

// metaColumns are the bookkeeping columns FindRecords returns after the
// fields, under the keys metaKeys.
const metaColumns = "version, record_unit, created_by, deleted_at, deleted_by, delete_reason, district"

var metaKeys = []string{ledger.MetaVersion, ledger.MetaRecordUnit, ledger.MetaCreatedBy, ledger.MetaDeletedAt, ledger.MetaDeletedBy, ledger.MetaDeleteWhy, ledger.MetaDistrict}

// setMeta stores scanned bookkeeping columns in r.
func setMeta(r ledger.Record, vals []any) {
	for i, k := range metaKeys {
		switch v := vals[i].(type) {
		case nil:
		case []byte:
			r[k] = string(v)
		case string:
			r[k] = v
		default:
			r[k] = toInt64(v)
		}
	}
}

// subtreeCTE names a CTE listing the code of unit ? and every unit below
// it. UNION, not UNION ALL: a cycle in the unit data ends the recursion
// instead of looping forever.
//
// A city or province unit sits above districts: the roots of a district
// (units without a parent) hang below each root of the city or province
// whose 行政区划代码 encloses theirs, so the subtree of 洛阳市人民政府 covers
// every district of 洛阳市.
func subtreeCTE(name string) string {
	return name + `(code) AS (
  SELECT code FROM units WHERE code = ?
  UNION
  SELECT u.code FROM ` + name + ` s JOIN units p ON p.code = s.code JOIN units u
    ON u.parent = s.code
    OR (u.parent IS NULL AND p.parent IS NULL AND u.district <> p.district AND u.district LIKE ` + regionPrefixSQL("p.district") + ` || '%')
)`
}

// regionPrefixSQL is ledger.RegionPrefix in SQL: the prefix shared by the
// codes of the districts within the district in column col.
func regionPrefixSQL(col string) string {
	return "(CASE WHEN substr(" + col + ", 3, 4) = '0000' THEN substr(" + col + ", 1, 2) WHEN substr(" + col + ", 5, 2) = '00' THEN substr(" + col + ", 1, 4) ELSE " + col + " END)"
}

// readScope is the condition a reader's scope puts on ledger d: a record is
// read when the unit that keeps it or the unit it counts for (d.Owner) lies
// in the scope. It returns a CTE (taking the scope's unit as its one
// argument) when the condition needs the subtree.
func readScope(d *ledger.Definition, s ledger.Scope) (cond string, args []any, cte string) {
	owner := func(in string) string {
		if d.Owner == "" {
			return ""
		}
		return " OR " + d.Owner + " " + in
	}
	switch s.Kind {
	case ledger.ScopeSubtree:
		return "(record_unit IN (SELECT code FROM access)" + owner("IN (SELECT code FROM access)") + ")", nil, subtreeCTE("access")
	case ledger.ScopeUnit:
		if d.Owner == "" {
			return "record_unit = ?", []any{s.Unit}, ""
		}
		return "(record_unit = ? OR " + d.Owner + " = ?)", []any{s.Unit, s.Unit}, ""
	case ledger.ScopeOwn:
		return "created_by = ?", []any{s.Account}, ""
	}
	return "", nil, ""
}
