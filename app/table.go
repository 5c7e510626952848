package app

import (
	"time"

	"fazhi/ident"
	"fazhi/ledger"
)

// LedgerDef is a ledger's definition (package ledger), named here so that
// interfaces need not import the domain packages.
type LedgerDef = ledger.Definition

// Table renders records as rows of text: a header row of the labels of the
// columns any record sets, then one row per record, values formatted as
// staff write them (units by name). It is the one records-to-table function
// of the product (command line, web lists, reports' appendices).
func Table(d *ledger.Definition, recs []RecordView, unitName func(string) string) [][]string {
	var cols []*ledger.Field
	for i := range d.Fields {
		f := &d.Fields[i]
		for _, r := range recs {
			if _, ok := r.Record[f.Name]; ok {
				cols = append(cols, f)
				break
			}
		}
	}
	head := make([]string, len(cols))
	for i, f := range cols {
		head[i] = f.Label
	}
	out := [][]string{head}
	for _, r := range recs {
		row := make([]string, len(cols))
		for i, f := range cols {
			row[i] = f.Format(r.Record[f.Name], unitName)
		}
		out = append(out, row)
	}
	return out
}

// ParseDate is the product's one date parser: 2022-03-05, 2022/3/5,
// 2022.3.5, 2022年3月5日, 20220305 and Excel serial numbers, for imports,
// forms and the command line alike.
func ParseDate(s string) (time.Time, error) { return ledger.ParseDate(s) }

// Ledgers returns every ledger definition, sorted by ID.
func Ledgers() []*ledger.Definition { return ledger.All() }

// TypeName is a field type in Chinese.
func TypeName(t ledger.FieldType) string {
	return map[ledger.FieldType]string{ledger.Text: "文字", ledger.Date: "日期", ledger.Int: "整数", ledger.Decimal: "数值",
		ledger.Enum: "选项", ledger.Bool: "是否", ledger.UnitRef: "单位", ledger.Year: "年度"}[t]
}

// Engine names the database engine (sqlite, postgres).
func (a *App) Engine() string { return a.db.Dialect.String() }

// NormalizeDocNumber writes a 文号 in its canonical form (〔〕 brackets, half-width digits).
func NormalizeDocNumber(s string) string { return ident.NormalizeDocNumber(s) }
