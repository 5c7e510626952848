package importer

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fazhi/excel"
	"fazhi/ledger"
)

// MaxKept is how many problems, notes, skipped rows and hidden rows a book
// keeps in full; beyond it they are only counted (Book.ProblemCount …), so
// a file of a million bad rows is reported in bounded memory.
const MaxKept = 1000

// Item is one good record read from a book.
type Item struct {
	Sheet   int // index into Book.Sheets
	Row     int // spreadsheet row, 1-based
	Record  ledger.Record
	Given   []string // see Result.Given
	Version int64    // the record version of an export's 版本号 column, 0 if none
}

// Stream reads the records of a book one at a time, checking every row as
// it is read: a row with a problem is recorded in the book (Book.Problems)
// and not returned. Memory does not grow with the number of rows: the
// keys seen are kept as hashes (keySet), problems beyond MaxKept counted.
type Stream struct {
	Book *Book
	d    *ledger.Definition
	opt  Options
	keys *keySet
	rs   []*sheetReader // one per Book.Sheets
	si   int
	item Item
	done int
	err  error
}

// Open reads the header of every table of a file as ledger d and returns
// a stream of its records. A sheet without the ledger's header (说明,
// 字典, an empty sheet) is skipped and named; a file where no sheet has it
// is an error, as are a missing required column and an amount column that
// matches no field.
func Open(d *ledger.Definition, tables []*excel.Table, opt Options) (*Stream, error) {
	b := &Book{File: tables[0].File}
	s := &Stream{Book: b, d: d, opt: opt, keys: newKeySet()}
	var firstNoHeader, firstMissing error
	for _, t := range tables {
		if blank(t) {
			b.Skipped = append(b.Skipped, SkippedSheet{t.Sheet, "空白工作表"})
			continue
		}
		r, err := openSheet(d, t, opt)
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
		r.index = len(b.Sheets)
		r.book = b
		b.Sheets = append(b.Sheets, r.res)
		b.Tables = append(b.Tables, t)
		s.rs = append(s.rs, r)
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
		b.Sheets[0].Sheet = "" // one table: messages name the file only
	}
	return s, nil
}

// Next reads up to the next good record (Item); false at the end of the
// last sheet or on a read error (Err).
func (s *Stream) Next() bool {
	for s.err == nil && s.si < len(s.rs) {
		r := s.rs[s.si]
		if r.c == nil {
			if s.err = r.start(); s.err != nil {
				break
			}
		}
		for r.c.Next() {
			i := r.i
			r.i++
			s.done++
			if s.opt.Progress != nil && s.done%500 == 0 {
				s.opt.Progress(s.done, 0)
			}
			if it, ok := r.row(s, i, r.c.Row(), r.c.Hidden()); ok {
				s.item = it
				return true
			}
		}
		s.err = r.c.Err()
		r.c.Close()
		s.si++
	}
	if s.opt.Progress != nil && s.err == nil {
		s.opt.Progress(s.done, s.done)
	}
	return false
}

// Item is the record Next moved to.
func (s *Stream) Item() Item { return s.item }

// Err is the error that ended the stream early (the file could not be read).
func (s *Stream) Err() error { return s.err }

// Close releases the sheet being read.
func (s *Stream) Close() {
	for _, r := range s.rs {
		if r.c != nil {
			r.c.Close()
		}
	}
}

// sheetReader reads the rows under the header of one table.
type sheetReader struct {
	d        *ledger.Definition
	t        *excel.Table
	h        *header
	res      *Result
	book     *Book
	index    int
	opt      Options
	hdr      int // 0-based header row (the lower one)
	cols     []int
	seen     map[string]int
	ctx      map[string]ledger.CellContext
	keyCol   int
	verCol   int
	byTop    map[int][]excel.Merge
	fill     map[int]fillFrom
	dataSeen bool
	c        excel.Cursor
	i        int // 0-based index of the next row the cursor gives
}

type fillFrom struct {
	v      string
	bottom int
}

// openSheet reads the header of t.
func openSheet(d *ledger.Definition, t *excel.Table, opt Options) (*sheetReader, error) {
	h := findHeader(d, t, opt)
	if h == nil {
		var req []string
		for _, f := range d.Fields {
			if f.Required {
				req = append(req, f.Label)
			}
		}
		return nil, fmt.Errorf("%s: %w：前%d行中没有%s台账的列名（应包含 %s）", t.Where(), ErrNoHeader, headerScan, d.Name, strings.Join(req, "、"))
	}
	hdr := h.row + h.rows - 1
	res := &Result{Sheet: t.Sheet, HeaderRow: hdr + 1, Columns: map[int]string{}, Headers: h.labels, Ignored: h.ignored, Shape: shape(t, h.row, h.rows)}
	if len(h.amountBad) > 0 {
		var ls []string
		for _, a := range h.amountBad {
			s := fmt.Sprintf("第%s列“%s”", columnName(a.Col), a.Label)
			if len(a.Suggest) > 0 {
				s += "（是否为“" + strings.Join(a.Suggest, "”或“") + "”？）"
			}
			ls = append(ls, s)
		}
		return nil, fmt.Errorf("%s: 金额列%s不属于%s台账的任何一列，不能忽略；请改正表头，或用 --map '列名=字段名' 指定它对应哪一列", t.Where(), strings.Join(ls, "、"), d.Name)
	}
	seen := map[string]int{}
	for j, f := range h.cols {
		seen[f.Name] = j
		res.Columns[j] = f.Name
	}
	for _, f := range d.Fields {
		if _, ok := seen[f.Name]; ok {
			res.Present = append(res.Present, f.Name)
		}
	}
	for _, f := range d.Fields {
		if f.Term != "" {
			if _, ok := seen[f.Name]; ok {
				if _, has := seen[f.Term]; !has {
					res.Present = append(res.Present, f.Term) // the wording goes beside the date
				}
			}
		}
	}
	for _, n := range d.DerivedFields() {
		if _, ok := seen[n]; !ok {
			res.Present = append(res.Present, n) // computed for every record
		}
	}
	var missing []string
	for _, f := range d.Fields {
		if _, ok := seen[f.Name]; !ok && (f.Required || d.IsKey(f.Name)) {
			m := f.Label
			for _, ig := range h.ignored {
				for _, s := range ig.Suggest {
					if s == f.Label {
						m += fmt.Sprintf("（文件中的“%s”是否就是它？可用 --map '%s=%s'）", ig.Label, ig.Label, f.Label)
					}
				}
			}
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		_, hasKey := seen[d.Key[0]]
		return nil, &MissingError{Msg: fmt.Sprintf("%s: 缺少必填列：%s（表头在第%d行）", t.Where(), strings.Join(missing, "、"), hdr+1), HasKey: hasKey}
	}
	r := &sheetReader{d: d, t: t, h: h, res: res, opt: opt, hdr: hdr, seen: seen, keyCol: seen[d.Key[0]], verCol: -1,
		ctx: map[string]ledger.CellContext{}, byTop: map[int][]excel.Merge{}, fill: map[int]fillFrom{}}
	for j, f := range h.cols {
		r.ctx[f.Name] = ledger.CellContext{Unit: h.units[j], Date1904: t.Date1904}
		r.cols = append(r.cols, j)
	}
	sort.Ints(r.cols)
	for _, ig := range h.ignored {
		if ig.Label == ledger.VersionField.Label {
			r.verCol = ig.Col
		}
	}
	for _, m := range t.Merges {
		if m.Bottom > m.Top && m.Top > hdr {
			if _, ok := h.cols[m.Left]; ok {
				r.byTop[m.Top] = append(r.byTop[m.Top], m)
			}
		}
	}
	return r, nil
}

// start opens the cursor and skips the rows down to the header's.
func (r *sheetReader) start() error {
	c, err := r.t.Open()
	if err != nil {
		return err
	}
	r.c = c
	for r.i <= r.hdr && c.Next() {
		r.i++
	}
	return c.Err()
}

// problem records p in the book: kept in full up to MaxKept, counted.
func (b *Book) problem(res *Result, p Problem) {
	b.problems++
	if b.kept < MaxKept {
		b.kept++
		res.Problems = append(res.Problems, p)
	}
}

func (b *Book) note(res *Result, p Problem) {
	b.notes++
	if len(res.Notes) < MaxKept {
		res.Notes = append(res.Notes, p)
	}
}

// row checks spreadsheet row i (0-based) and returns its record when good.
func (r *sheetReader) row(s *Stream, i int, row []string, hidden bool) (Item, bool) {
	d, res, b := r.d, r.res, r.book
	cell := func(j int) string {
		if j >= 0 && j < len(row) {
			return row[j]
		}
		return ""
	}
	for _, m := range r.byTop[i] {
		r.fill[m.Left] = fillFrom{cell(m.Left), m.Bottom}
	}
	if why := footer(row); why != "" {
		res.SkippedCount++
		if len(res.Skipped) < MaxKept {
			res.Skipped = append(res.Skipped, Skipped{Sheet: res.Sheet, Row: i + 1, Why: why, Text: rowText(row)})
		}
		return Item{}, false
	}
	if !r.dataSeen && explanatory(row, cell(r.keyCol)) {
		res.SkippedCount++
		res.Skipped = append(res.Skipped, Skipped{Sheet: res.Sheet, Row: i + 1, Why: "表头下的填写说明", Text: rowText(row)})
		return Item{}, false
	}
	cells := make(map[string]string, len(r.cols))
	empty := true
	var noValue []Problem
	for _, j := range r.cols {
		f := r.h.cols[j]
		v := cell(j)
		if ledger.Clean(v) == "" {
			if src, ok := r.fill[j]; ok && i <= src.bottom {
				v = src.v
				res.Filled++
			}
		}
		cells[f.Name] = v
		if ledger.Clean(v) != "" {
			empty = false
		}
		if r.t.NoValue[[2]int{i, j}] {
			noValue = append(noValue, Problem{Sheet: res.Sheet, Row: i + 1, Col: j, Column: f.Label,
				Msg: "公式单元格没有计算结果（文件由程序生成，未经 Excel 计算），请在 Excel 或 WPS 中打开、保存后再导入"})
		}
	}
	if empty && len(noValue) == 0 {
		return Item{}, false // blank and trailing rows
	}
	r.dataSeen = true
	if hidden {
		res.Hidden++
		if len(res.HiddenRows) < MaxKept {
			res.HiddenRows = append(res.HiddenRows, i+1)
		}
	}
	rec, errs := d.ParseRecordWith(cells, r.opt.Units, r.opt.Env, ledger.ParseOptions{Context: r.ctx, ConfirmAmounts: r.opt.ConfirmAmounts})
	fatal := len(noValue) > 0
	for _, p := range noValue {
		b.problem(res, p)
	}
	for _, e := range errs {
		col := -1
		if j, ok := r.seen[e.Field]; ok {
			col = j
		}
		p := Problem{Sheet: res.Sheet, Row: i + 1, Col: col, Column: e.Label, Msg: e.Msg, Confirm: e.Confirm}
		if e.Warning {
			b.note(res, p)
			continue
		}
		fatal = true
		if col >= 0 && b.kept < MaxKept {
			if m := mergeAt(r.t, i, col); m != "" {
				p.Msg += "（该单元格属于合并单元格 " + m + "）"
			}
		}
		b.problem(res, p)
	}
	if fatal {
		return Item{}, false
	}
	var version int64
	if r.verCol >= 0 {
		if v := strings.TrimSpace(cell(r.verCol)); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 {
				b.problem(res, Problem{Sheet: res.Sheet, Row: i + 1, Col: r.verCol, Column: ledger.VersionField.Label, Msg: fmt.Sprintf("“%s”不是版本号（由系统导出时填写，请勿修改）", v)})
				return Item{}, false
			}
			version = n
		}
	}
	if at, ok := s.keys.add(d.KeyOf(rec), r.index, i+1); !ok {
		f := d.Field(d.Key[0])
		msg := fmt.Sprintf("与第%d行重复（%s相同）", at.row, d.KeyLabels())
		if int(at.sheet) != r.index {
			msg = fmt.Sprintf("与工作表“%s”第%d行重复（%s相同）", b.Tables[at.sheet].Sheet, at.row, d.KeyLabels())
		}
		b.problem(res, Problem{Sheet: res.Sheet, Row: i + 1, Col: r.seen[f.Name], Column: f.Label, Msg: msg})
		return Item{}, false
	}
	res.Count++
	given := make([]string, 0, len(cells)+2)
	for _, n := range res.Present {
		if v, ok := cells[n]; ok && ledger.Clean(v) != "" {
			given = append(given, n)
		} else if !ok {
			given = append(given, n) // derived, or a term beside its date
		}
	}
	return Item{Sheet: r.index, Row: i + 1, Record: rec, Given: given, Version: version}, true
}

// mergeAt names the merged range cell (i, j) belongs to (A3:A5), or "".
func mergeAt(t *excel.Table, i, j int) string {
	for _, m := range t.Merges {
		if i >= m.Top && i <= m.Bottom && j >= m.Left && j <= m.Right {
			return columnName(m.Left) + fmt.Sprint(m.Top+1) + ":" + columnName(m.Right) + fmt.Sprint(m.Bottom+1)
		}
	}
	return ""
}
