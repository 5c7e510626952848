package importer

import (
	"errors"
	"fmt"
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// Book is a parsed file: every sheet whose header matches the ledger,
// hidden or not, and the sheets skipped with the reason.
type Book struct {
	File    string
	Sheets  []*Result
	Tables  []*excel.Table // the table of each sheet read
	Skipped []SkippedSheet
}

// SkippedSheet is a sheet that holds no records of the ledger.
type SkippedSheet struct {
	Name, Why string
}

// ParseBook reads every table of a file as ledger d. A sheet without the
// ledger's header (说明, 字典, an empty sheet) is skipped and named; a key
// repeated across sheets is a problem like one repeated within a sheet.
func ParseBook(d *ledger.Definition, tables []*excel.Table, opt Options) (*Book, error) {
	b := &Book{File: tables[0].File}
	var firstNoHeader, firstMissing error
	for _, t := range tables {
		if blank(t) {
			b.Skipped = append(b.Skipped, SkippedSheet{t.Sheet, "空白工作表"})
			continue
		}
		res, err := Parse(d, t, opt)
		if errors.Is(err, ErrNoHeader) {
			if firstNoHeader == nil {
				firstNoHeader = err
			}
			b.Skipped = append(b.Skipped, SkippedSheet{t.Sheet, "没有" + d.Name + "的表头"})
			continue
		}
		var me *MissingError
		if errors.As(err, &me) && !me.HasKey {
			// Labels without the key column: the template's 字典 of
			// dropdown values, a list of units: no records to read.
			if firstMissing == nil {
				firstMissing = err
			}
			b.Skipped = append(b.Skipped, SkippedSheet{t.Sheet, "没有" + d.KeyLabels() + "列，不是台账数据（如下拉字典）"})
			continue
		}
		if err != nil {
			return nil, err
		}
		b.Sheets = append(b.Sheets, res)
		b.Tables = append(b.Tables, t)
	}
	if len(b.Sheets) == 0 {
		if firstMissing != nil {
			return nil, firstMissing
		}
		if firstNoHeader == nil {
			return nil, fmt.Errorf("%s: 文件中没有数据", b.File)
		}
		if len(tables) > 1 {
			var names []string
			for _, s := range b.Skipped {
				names = append(names, "“"+s.Name+"”")
			}
			return nil, fmt.Errorf("%s: %w：%d 个工作表（%s）中都没有%s台账的列名", b.File, ErrNoHeader, len(tables), strings.Join(names, "、"), d.Name)
		}
		return nil, firstNoHeader
	}
	if len(tables) == 1 {
		for _, r := range b.Sheets {
			r.Sheet = ""
			for i := range r.Problems {
				r.Problems[i].Sheet = ""
			}
			for i := range r.Notes {
				r.Notes[i].Sheet = ""
			}
			for i := range r.Skipped {
				r.Skipped[i].Sheet = ""
			}
		}
	}
	// A key repeated across sheets.
	first := map[string]string{}
	kf := d.Field(d.Key[0])
	for _, r := range b.Sheets {
		kept := r.Records[:0]
		rows := r.Rows[:0]
		for i, rec := range r.Records {
			k := d.KeyOf(rec)
			where := fmt.Sprintf("工作表“%s”第%d行", r.Sheet, r.Rows[i])
			if prev, dup := first[k]; dup {
				r.Problems = append(r.Problems, Problem{Sheet: r.Sheet, Row: r.Rows[i], Col: r.colOf(kf.Name), Column: kf.Label,
					Msg: fmt.Sprintf("与%s重复（%s相同）", prev, d.KeyLabels())})
				continue
			}
			first[k] = where
			kept = append(kept, rec)
			rows = append(rows, r.Rows[i])
		}
		r.Records, r.Rows = kept, rows
	}
	return b, nil
}

func (r *Result) colOf(field string) int {
	for j, n := range r.Columns {
		if n == field {
			return j
		}
	}
	return -1
}

func blank(t *excel.Table) bool {
	for _, row := range t.Rows {
		for _, c := range row {
			if ledger.Clean(c) != "" {
				return false
			}
		}
	}
	return true
}

// Problems lists the problems of every sheet read.
func (b *Book) Problems() []Problem {
	var out []Problem
	for _, r := range b.Sheets {
		out = append(out, r.Problems...)
	}
	return out
}

// Notes lists the notes of every sheet read.
func (b *Book) Notes() []Problem {
	var out []Problem
	for _, r := range b.Sheets {
		out = append(out, r.Notes...)
	}
	return out
}

// Records counts the records of every sheet read.
func (b *Book) Records() int {
	n := 0
	for _, r := range b.Sheets {
		n += len(r.Records)
	}
	return n
}

// Batch is records that carry the same columns, saved together.
type Batch struct {
	Records []ledger.Record
	Present []string
}

// Batches groups the records of the sheets by the columns they carry (one
// batch when every sheet has the same header), so no record's missing
// column is written as blank.
func (b *Book) Batches() []Batch {
	var out []Batch
	idx := map[string]int{}
	for _, r := range b.Sheets {
		k := strings.Join(r.Present, ",")
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Batch{Present: r.Present})
		}
		out[i].Records = append(out[i].Records, r.Records...)
	}
	return out
}
