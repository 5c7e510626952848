package store

import (
	"fmt"
	"time"

	"fazhi/ledger"
)

// encode turns a record value into a driver argument for its column.
func (db *DB) encode(f *ledger.Field, v any) any {
	if v == nil {
		return nil
	}
	if s, ok := v.(string); ok && f.Sensitive {
		return nullable(db.sealValue(s))
	}
	switch f.Type {
	case ledger.Date:
		t := v.(time.Time)
		if db.Dialect == Postgres {
			return t
		}
		return t.Format("2006-01-02")
	case ledger.Bool:
		if db.Dialect == Postgres {
			return v
		}
		if v.(bool) {
			return int64(1)
		}
		return int64(0)
	}
	return v
}

// decode turns a scanned column value into the record value of f.
func decode(f *ledger.Field, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch f.Type {
	case ledger.Date:
		switch x := v.(type) {
		case time.Time:
			return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), nil
		case string:
			t, err := time.Parse("2006-01-02", x[:min(len(x), 10)])
			if err != nil {
				return nil, fmt.Errorf("字段 %s 的日期 %q 无法读取", f.Name, x)
			}
			return t, nil
		}
	case ledger.Int, ledger.Year, ledger.Decimal:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case float64:
			return int64(x), nil
		}
	case ledger.Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	default:
		if s, ok := v.(string); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("字段 %s 的值 %v（%T）类型不符", f.Name, v, v)
}

// dateColumn decodes the date columns of fixed tables (holidays, cleanup
// batches) the way ledger dates are decoded.
var dateColumn = &ledger.Field{Name: "date", Type: ledger.Date}

// dateArg is a date literal as a driver argument for a date column.
func (db *DB) dateArg(t time.Time) any {
	if db.Dialect == Postgres {
		return t
	}
	return t.Format("2006-01-02")
}

// bidxArg is the blind-index argument of a sensitive value.
func (db *DB) bidxArg(v any) any {
	s, _ := v.(string)
	return nullable(db.Keys().BlindIndex(s))
}
