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
	"sort"
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
	Sheet   string
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
	HiddenRows []int // spreadsheet rows of records hidden in the sheet
	Filled     int   // cells filled from a vertically merged cell above
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

// Parse reads t as ledger d. A file-level problem (no header, a missing
// required column, an amount column that maps to no field) is returned as
// an error; cell problems are collected in Result.Problems, every one of them.
func Parse(d *ledger.Definition, t *excel.Table, opt Options) (*Result, error) {
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
	ctx := map[string]ledger.CellContext{}
	for j, f := range h.cols {
		ctx[f.Name] = ledger.CellContext{Unit: h.units[j], Date1904: t.Date1904}
	}

	fill := verticalFills(t, h.cols, hdr)
	merged := mergedAt(t)
	keyCol := seen[d.Key[0]]
	keys := map[string]int{}
	total := len(t.Rows) - hdr - 1
	dataSeen := false
	cols := make([]int, 0, len(h.cols))
	for j := range h.cols {
		cols = append(cols, j)
	}
	sort.Ints(cols)
	for i := hdr + 1; i < len(t.Rows); i++ {
		if opt.Progress != nil && (i-hdr)%500 == 0 {
			opt.Progress(i-hdr, total)
		}
		if why := footer(t.Rows[i]); why != "" {
			res.Skipped = append(res.Skipped, Skipped{Sheet: t.Sheet, Row: i + 1, Why: why, Text: rowText(t.Rows[i])})
			continue
		}
		if !dataSeen {
			if explanatory(t.Rows[i], t.Cell(i, keyCol)) {
				res.Skipped = append(res.Skipped, Skipped{Sheet: t.Sheet, Row: i + 1, Why: "表头下的填写说明", Text: rowText(t.Rows[i])})
				continue
			}
		}
		cells := map[string]string{}
		empty := true
		var noValue []Problem
		for _, j := range cols {
			f := h.cols[j]
			v := t.Cell(i, j)
			if ledger.Clean(v) == "" {
				if src, ok := fill[[2]int{i, j}]; ok {
					v = src
					res.Filled++
				}
			}
			cells[f.Name] = v
			if ledger.Clean(v) != "" {
				empty = false
			}
			if t.NoValue[[2]int{i, j}] {
				noValue = append(noValue, Problem{Sheet: t.Sheet, Row: i + 1, Col: j, Column: f.Label,
					Msg: "公式单元格没有计算结果（文件由程序生成，未经 Excel 计算），请在 Excel 或 WPS 中打开、保存后再导入"})
			}
		}
		if empty && len(noValue) == 0 {
			continue // blank and trailing rows
		}
		dataSeen = true
		if t.HiddenRows[i] {
			res.HiddenRows = append(res.HiddenRows, i+1)
		}
		rec, errs := d.ParseRecordWith(cells, opt.Units, opt.Env, ledger.ParseOptions{Context: ctx, ConfirmAmounts: opt.ConfirmAmounts})
		fatal := len(noValue) > 0
		res.Problems = append(res.Problems, noValue...)
		for _, e := range errs {
			col := -1
			if j, ok := seen[e.Field]; ok {
				col = j
			}
			msg := e.Msg
			if m, ok := merged[[2]int{i, col}]; ok && col >= 0 {
				msg += "（该单元格属于合并单元格 " + m + "）"
			}
			p := Problem{Sheet: t.Sheet, Row: i + 1, Col: col, Column: e.Label, Msg: msg, Confirm: e.Confirm}
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
			res.Problems = append(res.Problems, Problem{Sheet: t.Sheet, Row: i + 1, Col: seen[f.Name], Column: f.Label,
				Msg: fmt.Sprintf("与第%d行重复（%s相同）", first, d.KeyLabels())})
			continue
		}
		keys[k] = i + 1
		res.Records = append(res.Records, rec)
		res.Rows = append(res.Rows, i+1)
		given := make([]string, 0, len(cells)+2)
		for _, n := range res.Present {
			if v, ok := cells[n]; ok && ledger.Clean(v) != "" {
				given = append(given, n)
			} else if !ok2(cells, n) {
				given = append(given, n) // derived, or a term beside its date
			}
		}
		res.Given = append(res.Given, given)
	}
	if opt.Progress != nil {
		opt.Progress(total, total)
	}
	return res, nil
}

// verticalFills maps each cell covered by a vertical merge below its first
// row (in a read column, under the header) to the merged value.
func verticalFills(t *excel.Table, cols map[int]*ledger.Field, hdr int) map[[2]int]string {
	out := map[[2]int]string{}
	for _, m := range t.Merges {
		if m.Bottom == m.Top || m.Top <= hdr {
			continue
		}
		v := t.Cell(m.Top, m.Left)
		for i := m.Top + 1; i <= m.Bottom; i++ {
			for j := m.Left; j <= m.Right; j++ {
				if _, ok := cols[j]; ok && j == m.Left {
					out[[2]int{i, j}] = v
				}
			}
		}
	}
	return out
}

// mergedAt names the merged range each merged cell belongs to (A3:A5).
func mergedAt(t *excel.Table) map[[2]int]string {
	out := map[[2]int]string{}
	for _, m := range t.Merges {
		name := columnName(m.Left) + fmt.Sprint(m.Top+1) + ":" + columnName(m.Right) + fmt.Sprint(m.Bottom+1)
		for i := m.Top; i <= m.Bottom; i++ {
			for j := m.Left; j <= m.Right; j++ {
				out[[2]int{i, j}] = name
			}
		}
	}
	return out
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
		where := file
		if p.Sheet != "" {
			where += ":" + p.Sheet
		}
		fmt.Fprintf(&b, "%s:第%d行:%s: %s\n", where, p.Row, col, p.Msg)
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

// ok2 reports whether the file has a column for field n.
func ok2(cells map[string]string, n string) bool { _, ok := cells[n]; return ok }
