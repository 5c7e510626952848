package ledger

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Record is one row of a ledger, keyed by field name. Values are string (Text,
// Enum, UnitRef), time.Time (Date), int64 (Int, Year, Decimal scaled) or bool;
// a missing value is absent or nil.
type Record map[string]any

// Date returns the date value of field name and whether it is set.
func (r Record) Date(name string) (time.Time, bool) {
	t, ok := r[name].(time.Time)
	return t, ok
}

// String returns the text value of field name ("" when unset).
func (r Record) String(name string) string {
	s, _ := r[name].(string)
	return s
}

// Int returns the integer value of field name.
func (r Record) Int(name string) (int64, bool) {
	v, ok := r[name].(int64)
	return v, ok
}

// Key returns the natural key of r as one string, for duplicate detection.
func (d *Definition) KeyOf(r Record) string {
	parts := make([]string, len(d.Key))
	for i, k := range d.Key {
		parts[i] = d.Field(k).Format(r[k], nil)
	}
	return strings.Join(parts, "\x1f")
}

// Format renders a value as text the way a person writes it in a ledger
// (dates 2022-03-05, decimals without trailing zeros, 是/否). unitName maps a
// unit code to its name; nil leaves codes as they are.
func (f *Field) Format(v any, unitName func(string) string) string {
	if v == nil {
		return ""
	}
	switch f.Type {
	case Date:
		if t, ok := v.(time.Time); ok {
			return t.Format("2006-01-02")
		}
	case Int, Year:
		if n, ok := v.(int64); ok {
			return strconv.FormatInt(n, 10)
		}
	case Decimal:
		if n, ok := v.(int64); ok {
			return FormatScaled(n, f.Scale)
		}
	case Bool:
		if b, ok := v.(bool); ok {
			if b {
				return "是"
			}
			return "否"
		}
	case UnitRef:
		if s, ok := v.(string); ok && unitName != nil {
			return unitName(s)
		}
	}
	return fmt.Sprint(v)
}

// FormatScaled renders n / 10^scale without trailing zeros.
func FormatScaled(n int64, scale int) string {
	if scale == 0 {
		return strconv.FormatInt(n, 10)
	}
	neg := n < 0
	if neg {
		n = -n
	}
	p := int64(1)
	for i := 0; i < scale; i++ {
		p *= 10
	}
	s := strconv.FormatInt(n/p, 10)
	frac := fmt.Sprintf("%0*d", scale, n%p)
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Float returns a Decimal or Int value as a float64 in natural units, the
// nearest double to the exact decimal (41594.01, not 41594.009999999995).
func (f *Field) Float(v any) float64 {
	n, ok := v.(int64)
	if !ok {
		return 0
	}
	if f.Type != Decimal || f.Scale == 0 {
		return float64(n)
	}
	x, _ := strconv.ParseFloat(FormatScaled(n, f.Scale), 64)
	return x
}

// Keys under which storage returns a record's bookkeeping beside its
// fields; they are never field names (field names are snake_case letters).
const (
	MetaID         = "id"           // int64 row id
	MetaVersion    = "_version"     // int64, 1 for a new record, +1 per change
	MetaRecordUnit = "_record_unit" // string, the unit code that keeps the record (录入单位)
	MetaCreatedBy  = "_created_by"  // string, the account that entered it
	MetaDeletedAt  = "_deleted_at"  // string RFC 3339, set on a deleted record
	MetaDeletedBy  = "_deleted_by"  // string
	MetaDeleteWhy  = "_delete_reason"
	MetaDistrict   = "_district" // string, the 行政区划代码 of the record's district
)

// Version returns the record's stored version (0 when unknown).
func (r Record) Version() int64 {
	v, _ := r[MetaVersion].(int64)
	return v
}

// KeyText is the natural key of r as staff write it: 偃政复〔2022〕1号, or the
// parts of a composite key joined by " / " (2022 / 区民政局's code).
func (d *Definition) KeyText(r Record) string {
	parts := make([]string, len(d.Key))
	for i, k := range d.Key {
		parts[i] = d.Field(k).Format(r[k], nil)
	}
	return strings.Join(parts, " / ")
}

// VersionField is the column exports carry after the fields: each record's
// version, so that importing an export taken before someone else's edit is
// refused where it would revert that edit (field by field), instead of
// silently undoing it.
var VersionField = Field{Name: MetaVersion, Label: "版本号", Type: Int,
	Note: "系统填写，请勿修改：导入时据此发现他人在导出之后所做的修改"}
