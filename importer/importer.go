// Package importer turns a spreadsheet table into validated ledger records:
// it finds the header row under any title rows, maps columns to fields by
// their Chinese labels, parses every cell and reports every problem with its
// row and column. It writes nothing; storage saves the records only when
// there is no problem at all.
package importer

import (
	"errors"
	"fmt"
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// ErrNoHeader is returned when no row near the top carries the ledger's labels.
var ErrNoHeader = errors.New("找不到表头")

// headerScan is how many rows from the top are searched for the header row.
const headerScan = 20

// Problem is one bad cell or row.
type Problem struct {
	Row    int    // spreadsheet row, 1-based
	Col    int    // 0-based column, -1 for the whole row
	Column string // header label
	Msg    string
}

// Result is a parsed table.
type Result struct {
	Records   []ledger.Record
	Rows      []int    // spreadsheet row of each record
	Present   []string // field names of the columns the file carries
	Ignored   []string // header labels the ledger does not define
	HeaderRow int      // 1-based
	Problems  []Problem
	// Notes are problems that do not stop the import (a due date that
	// cannot be computed yet); the records are saved.
	Notes []Problem
}

// Options carries what parsing needs from outside.
type Options struct {
	Units    ledger.Units
	Env      ledger.Env
	Progress func(done, total int) // called every few hundred rows, may be nil
}

// Parse reads t as ledger d. A file-level problem (no header, a missing
// required column, a repeated column) is returned as an error; cell problems
// are collected in Result.Problems, every one of them.
func Parse(d *ledger.Definition, t *excel.Table, opt Options) (*Result, error) {
	byLabel := map[string]*ledger.Field{}
	for i := range d.Fields {
		byLabel[ledger.FoldLabel(d.Fields[i].Label)] = &d.Fields[i]
	}
	hdr, best := -1, 0
	for i := 0; i < min(headerScan, len(t.Rows)); i++ {
		n := 0
		for _, c := range t.Rows[i] {
			if byLabel[ledger.FoldLabel(c)] != nil {
				n++
			}
		}
		if n > best {
			hdr, best = i, n
		}
	}
	if hdr < 0 {
		var req []string
		for _, f := range d.Fields {
			if f.Required {
				req = append(req, f.Label)
			}
		}
		where := t.File
		if t.Sheet != "" {
			where += "（工作表“" + t.Sheet + "”）"
		}
		return nil, fmt.Errorf("%s: %w：前%d行中没有%s台账的列名（应包含 %s）", where, ErrNoHeader, headerScan, d.Name, strings.Join(req, "、"))
	}
	res := &Result{HeaderRow: hdr + 1}
	colField := map[int]*ledger.Field{}
	seen := map[string]int{}
	for j, c := range t.Rows[hdr] {
		label := ledger.Clean(c)
		if label == "" {
			continue
		}
		f := byLabel[ledger.FoldLabel(label)]
		if f == nil {
			res.Ignored = append(res.Ignored, label)
			continue
		}
		if prev, dup := seen[f.Name]; dup {
			return nil, fmt.Errorf("%s:第%d行: 列“%s”出现两次（第%d列和第%d列）", t.File, hdr+1, f.Label, prev+1, j+1)
		}
		seen[f.Name] = j
		colField[j] = f
		res.Present = append(res.Present, f.Name)
	}
	for _, n := range d.DerivedFields() {
		if _, ok := seen[n]; !ok {
			res.Present = append(res.Present, n) // computed for every record
		}
	}
	var missing []string
	for _, f := range d.Fields {
		if _, ok := seen[f.Name]; !ok && (f.Required || d.IsKey(f.Name)) {
			missing = append(missing, f.Label)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: 缺少必填列：%s（表头在第%d行）", t.File, strings.Join(missing, "、"), hdr+1)
	}

	keys := map[string]int{}
	total := len(t.Rows) - hdr - 1
	for i := hdr + 1; i < len(t.Rows); i++ {
		if opt.Progress != nil && (i-hdr)%500 == 0 {
			opt.Progress(i-hdr, total)
		}
		cells := map[string]string{}
		empty := true
		for j, f := range colField {
			v := t.Cell(i, j)
			cells[f.Name] = v
			if ledger.Clean(v) != "" {
				empty = false
			}
		}
		if empty {
			continue // blank and trailing rows
		}
		rec, errs := d.ParseRecord(cells, opt.Units, opt.Env)
		fatal := false
		for _, e := range errs {
			col := -1
			if j, ok := seen[e.Field]; ok {
				col = j
			}
			p := Problem{Row: i + 1, Col: col, Column: e.Label, Msg: e.Msg}
			if e.Warning {
				res.Notes = append(res.Notes, p)
				continue
			}
			fatal = true
			res.Problems = append(res.Problems, p)
		}
		if fatal {
			continue
		}
		k := d.KeyOf(rec)
		if first, dup := keys[k]; dup {
			f := d.Field(d.Key[0])
			res.Problems = append(res.Problems, Problem{Row: i + 1, Col: seen[f.Name], Column: f.Label,
				Msg: fmt.Sprintf("与第%d行重复（%s相同）", first, d.KeyLabels())})
			continue
		}
		keys[k] = i + 1
		res.Records = append(res.Records, rec)
		res.Rows = append(res.Rows, i+1)
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	return res, nil
}

// MaxListed is how many problems an error report lists before counting the rest.
const MaxListed = 100

// Report renders problems as lines 文件:第N行:列名: 原因, at most MaxListed,
// then a count of the rest.
func Report(file string, ps []Problem) string {
	var b strings.Builder
	for i, p := range ps {
		if i == MaxListed {
			fmt.Fprintf(&b, "……另有%d处错误未列出（共%d处）\n", len(ps)-MaxListed, len(ps))
			break
		}
		col := p.Column
		if col == "" {
			col = "整行"
		}
		fmt.Fprintf(&b, "%s:第%d行:%s: %s\n", file, p.Row, col, p.Msg)
	}
	return b.String()
}

// Marks converts problems to cell marks for an errors workbook.
func Marks(ps []Problem) []excel.Mark {
	out := make([]excel.Mark, len(ps))
	for i, p := range ps {
		out[i] = excel.Mark{Row: p.Row - 1, Col: p.Col, Column: p.Column, Msg: p.Msg}
	}
	return out
}
