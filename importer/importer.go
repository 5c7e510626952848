// Package importer turns spreadsheet tables into validated ledger records:
// it finds the header row under any title rows (two-row grouped headers
// too), maps columns to fields by their labels and synonyms or the user's
// mapping, fills vertically merged cells, skips footer and explanatory
// rows, parses every cell and reports every problem with its row and
// column. It writes nothing; storage saves the records only when there is
// no problem at all.
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

// MissingError is a header that lacks required columns.
type MissingError struct {
	Msg    string
	HasKey bool // the key column is there: the sheet holds records
}

func (e *MissingError) Error() string { return e.Msg }

// headerScan is how many rows from the top are searched for the header row.
const headerScan = 20

// Problem is one bad cell or row.
type Problem struct {
	Sheet  string // sheet name when the workbook has several
	Row    int    // spreadsheet row, 1-based
	Col    int    // 0-based column, -1 for the whole row
	Column string // header label
	Msg    string
	// Confirm marks a value the user may confirm (an implausible amount).
	Confirm bool
}

// Skipped is a row that is not a record: a total, a signature line, a
// note, an explanation under the header.
type Skipped struct {
	Sheet string
	Row   int // 1-based
	Why   string
	Text  string // the row's first words
}

// Ignored is a column the ledger does not define.
type Ignored struct {
	Label   string
	Col     int
	Suggest []string // labels it may mean
	text    string   // the header text suggestions are made for
}

// Result is a parsed table.
type Result struct {
	Sheet string
	// Records, Rows, Given and Versions hold the records only when the
	// table is parsed whole (Parse, ParseBook); a Stream yields them.
	Records []ledger.Record
	Rows    []int // spreadsheet row of each record
	// Given lists, for each record, the fields whose cells are not blank
	// (and the derived fields): a blank cell erases a stored value only
	// when the user asks for that.
	Given     [][]string
	Present   []string // field names of the columns the file carries
	Ignored   []Ignored
	HeaderRow int // 1-based (the lower row of a two-row header)
	Problems  []Problem
	// Notes are problems that do not stop the import (a due date that
	// cannot be computed yet); the records are saved.
	Notes      []Problem
	Skipped    []Skipped
	HiddenRows []int // spreadsheet rows of records hidden in the sheet (the first MaxKept)
	Filled     int   // cells filled from a vertically merged cell above
	// Count is the records read (Records holds them only when parsed
	// whole); Hidden and SkippedCount count every hidden record and
	// skipped row, of which HiddenRows and Skipped keep the first MaxKept.
	Count, Hidden, SkippedCount int
	// Versions is each record's 版本号 (an export's), 0 if none; with Records.
	Versions []int64
	// Columns maps each read column (0-based) to its field name, the
	// shape saved for the next file.
	Columns map[int]string
	Headers map[int]string // the header text of each column
	Shape   string         // the header's layout (see Shapes)
}

// Options carries what parsing needs from outside.
type Options struct {
	Units    ledger.Units
	Env      ledger.Env
	Progress func(done, total int) // called every few hundred rows, may be nil
	// Mapping maps column letters ("#A") or normalised header labels to
	// field names; it wins over the labels (the user's --map, or the
	// mapping saved for this unit and ledger).
	Mapping        map[string]string
	ConfirmAmounts bool
}

// header is the layout found at the top of a table.
type header struct {
	row, rows int // 0-based first header row, and 1 or 2 rows
	cols      map[int]*ledger.Field
	units     map[int]string
	labels    map[int]string
	ignored   []Ignored
	amountBad []Ignored // amount columns that match no field
}

// findHeader scores every row near the top, alone and as the upper half of
// a two-row grouped header, by the fields it names.
func findHeader(d *ledger.Definition, t *excel.Table, opt Options) *header {
	ix := newLabelIndex(d)
	var best *header
	score := func(h *header) int { return len(h.cols) }
	for i := 0; i < min(headerScan, len(t.Rows)); i++ {
		for _, rows := range []int{1, 2} {
			if rows == 2 && i+1 >= len(t.Rows) {
				continue
			}
			h := readHeader(ix, t, i, rows, opt.Mapping)
			if len(h.cols) == 0 {
				continue
			}
			if best == nil || score(h) > score(best) || score(h) == score(best) && h.rows < best.rows {
				best = h
			}
		}
	}
	if best != nil { // "did you mean" for the header chosen only
		for _, igs := range [][]Ignored{best.ignored, best.amountBad} {
			for i := range igs {
				if igs[i].Suggest == nil {
					igs[i].Suggest = Suggest(d, igs[i].text)
				}
			}
		}
	}
	return best
}

func readHeader(ix *labelIndex, t *excel.Table, i, rows int, mapping map[string]string) *header {
	h := &header{row: i, rows: rows, cols: map[int]*ledger.Field{}, units: map[int]string{}, labels: map[int]string{}}
	width := len(t.Rows[i])
	if rows == 2 {
		width = max(width, len(t.Rows[i+1]))
	}
	taken := map[string]bool{}
	for j := 0; j < width; j++ {
		var cands []string
		if rows == 1 {
			cands = []string{headerCell(t, i, j)}
		} else {
			top, sub := headerCell(t, i, j), ledger.Clean(t.Cell(i+1, j))
			switch {
			case sub == "":
				cands = []string{top}
			case ledger.Clean(top) == "" || top == sub:
				cands = []string{sub}
			default:
				cands = []string{top + sub, sub, top + "(" + sub + ")"}
			}
		}
		label := ledger.Clean(cands[0])
		if rows == 2 && len(cands) == 3 {
			label = ledger.Clean(headerCell(t, i, j)) + "/" + ledger.Clean(t.Cell(i+1, j)) // group/sub
		}
		if label == "" || label == "/" {
			continue
		}
		h.labels[j] = label
		var f *ledger.Field
		unit := ""
		if name, ok := mapping["#"+columnName(j)]; ok {
			f = ix.d.Field(name)
		}
		for _, c := range cands {
			if f != nil {
				break
			}
			k, _ := NormLabel(c)
			if name, ok := mapping[k]; ok {
				f = ix.d.Field(name)
			}
		}
		for _, c := range cands {
			if f != nil {
				break
			}
			f, unit = ix.match(c)
		}
		if unit == "" {
			for _, c := range cands {
				if _, u := NormLabel(c); u != "" {
					unit = u
				}
			}
		}
		if f != nil && f.Derived && !taken[f.Name] {
			taken[f.Name] = true
			continue // a computed column of an export: recomputed, not read
		}
		if f == nil || taken[f.Name] {
			ig := Ignored{Label: label, Col: j, text: cands[0]}
			if f != nil && taken[f.Name] {
				ig.Suggest = []string{"重复的" + f.Label}
			}
			if f == nil && ledger.IsAmountLabel(label) {
				h.amountBad = append(h.amountBad, ig)
				continue
			}
			h.ignored = append(h.ignored, ig)
			continue
		}
		taken[f.Name] = true
		h.cols[j] = f
		if unit != "" && f.AmountUnit != "" {
			h.units[j] = unit
		}
	}
	return h
}

// Parse reads t as ledger d, holding every record (for small tables and
// tests; an import streams with Open). A file-level problem (no header, a
// missing required column, an amount column that maps to no field) is
// returned as an error; cell problems are collected in Result.Problems
// (the first MaxKept of them).
func Parse(d *ledger.Definition, t *excel.Table, opt Options) (*Result, error) {
	r, err := openSheet(d, t, opt)
	if err != nil {
		return nil, err
	}
	b := &Book{File: t.File, Sheets: []*Result{r.res}, Tables: []*excel.Table{t}}
	r.book = b
	s := &Stream{Book: b, d: d, opt: opt, keys: newKeySet(), rs: []*sheetReader{r}}
	defer s.Close()
	s.collect()
	return r.res, s.Err()
}

// collect reads every record into the results of the sheets.
func (s *Stream) collect() {
	for s.Next() {
		it := s.Item()
		res := s.Book.Sheets[it.Sheet]
		res.Records = append(res.Records, it.Record)
		res.Rows = append(res.Rows, it.Row)
		res.Given = append(res.Given, it.Given)
		res.Versions = append(res.Versions, it.Version)
	}
}

// footerWords open the rows under a register's data that are not records.
var footerWords = []struct{ prefix, why string }{
	{"合计", "合计行"}, {"总计", "合计行"}, {"小计", "小计行"}, {"共计", "合计行"}, {"累计", "合计行"},
	{"填表人", "签署行"}, {"制表人", "签署行"}, {"填报人", "签署行"}, {"审核人", "签署行"}, {"负责人", "签署行"},
	{"单位负责人", "签署行"}, {"分管领导", "签署行"}, {"经办人:", "签署行"}, {"经办人：", "签署行"},
	{"填报日期", "签署行"}, {"填表日期", "签署行"}, {"制表日期", "签署行"}, {"报送日期", "签署行"},
	{"填报单位", "签署行"}, {"注:", "注释行"}, {"注：", "注释行"}, {"备注:", "注释行"}, {"备注：", "注释行"},
	{"说明:", "注释行"}, {"说明：", "注释行"},
}

// footer says why a row is a footer row, or "".
func footer(row []string) string {
	first := ""
	for _, c := range row {
		if c = ledger.Fold(c); c != "" {
			first = c
			break
		}
	}
	if first == "" {
		return ""
	}
	for _, w := range footerWords {
		p := ledger.Fold(w.prefix)
		if strings.HasPrefix(first, p) {
			if p == "合计" || p == "总计" || p == "小计" || p == "共计" || p == "累计" || strings.HasSuffix(p, ":") || strings.HasSuffix(p, "：") || len([]rune(first)) > len([]rune(p)) && strings.ContainsAny(string([]rune(first)[len([]rune(p)):]), ":：") || first == p {
				return w.why
			}
		}
	}
	return ""
}

// instructionWords open the cells of an explanatory row under the header.
var instructionWords = []string{"例:", "例：", "例如", "示例", "如:", "如：", "填写", "请填", "请选择", "格式:", "格式：", "必填", "选填", "(必填)", "（必填）", "(选填)", "（选填）", "yyyy", "YYYY", "填报说明", "说明"}

// explanatory reports a row under the header that explains how to fill
// the columns instead of holding a record: its key cell and most of its
// cells are instructions.
func explanatory(row []string, key string) bool {
	isInstr := func(c string) bool {
		c = ledger.Clean(c)
		for _, w := range instructionWords {
			if strings.HasPrefix(c, w) || strings.Contains(c, "（必填）") || strings.Contains(c, "(必填)") {
				return true
			}
		}
		return false
	}
	if ledger.Clean(key) != "" && !isInstr(key) {
		return false
	}
	n, instr := 0, 0
	for _, c := range row {
		if ledger.Clean(c) == "" {
			continue
		}
		n++
		if isInstr(c) {
			instr++
		}
	}
	return n > 0 && instr*2 >= n
}

// rowText is a row's first words, for the summary.
func rowText(row []string) string {
	var ws []string
	for _, c := range row {
		if c = ledger.Clean(c); c != "" {
			ws = append(ws, c)
		}
	}
	s := []rune(strings.Join(ws, " "))
	if len(s) > 30 {
		return string(s[:30]) + "…"
	}
	return string(s)
}

// MaxListed is how many problems an error report lists before counting the rest.
const MaxListed = 100

// Report renders problems as lines 文件:第N行:列名: 原因 (文件:工作表:第N行
// for a sheet of a workbook with several), at most MaxListed, then a count
// of the rest.
func Report(file string, ps []Problem) string { return ReportOf(file, ps, len(ps)) }

// ReportOf is Report for the first of total problems (a book keeps MaxKept).
func ReportOf(file string, ps []Problem, total int) string {
	var b strings.Builder
	for i, p := range ps {
		if i == MaxListed {
			break
		}
		col := p.Column
		if col == "" {
			col = "整行"
		}
		where := file
		if p.Sheet != "" {
			where += ":" + p.Sheet
		}
		fmt.Fprintf(&b, "%s:第%d行:%s: %s\n", where, p.Row, col, p.Msg)
	}
	if listed := min(len(ps), MaxListed); total > listed {
		fmt.Fprintf(&b, "……另有%d处错误未列出（共%d处）\n", total-listed, total)
	}
	return b.String()
}

// Marks converts problems to cell marks for an errors workbook.
func Marks(ps []Problem) []excel.Mark {
	out := make([]excel.Mark, len(ps))
	for i, p := range ps {
		out[i] = excel.Mark{Sheet: p.Sheet, Row: p.Row - 1, Col: p.Col, Column: p.Column, Msg: p.Msg}
	}
	return out
}
