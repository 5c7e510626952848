package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
	"fazhi/store"
)

// ImportOptions tunes an import.
type ImportOptions struct {
	// Progress is told rows checked, then rows saved; may be nil.
	Check, Save func(done, total int)
	// DryRun checks and reports what would change without writing.
	DryRun bool
	// Source names the file in the records' history and in messages
	// (the name a browser uploaded); "" is path.
	Source string
	// Mapping is a column mapping as the user writes it (A=案号,收文日期=
	// 收到申请日期); it wins over the labels and, once the file is
	// imported, is kept for Unit and the ledger and used again for the
	// next file of the same header shape.
	Mapping string
	// Unit is the unit whose file it is (its kept mappings apply); "" is
	// the acting account's unit.
	Unit string
	// ConfirmAmounts accepts amounts far outside a field's usual range.
	ConfirmAmounts bool
	// ClearBlank lets a blank cell erase a stored value; by default a
	// blank cell leaves the stored value as it is.
	ClearBlank bool
	// MaxRows refuses a file with more rows (the web's upload limit,
	// web.Options.MaxImportRows); 0: no limit (the command line).
	MaxRows int
}

// ImportColumn is a column of a file's header and the field it is read as.
type ImportColumn = importer.Column

// ImportResult says what an import did, or why it wrote nothing.
type ImportResult struct {
	Ledger   *ledger.Definition
	File     string
	Rows     int
	Result   store.SaveResult
	Notes    []importer.Problem // kept records whose due dates cannot be computed yet
	Ignored  []string           // header labels the ledger does not define, with "did you mean"
	Problems []importer.Problem // the problems (the first importer.MaxKept and the saver's first store.MaxRowErrors); nothing was written
	// ProblemCount and NoteCount count every problem and note.
	ProblemCount, NoteCount int
	Table                   *excel.Table // the table read, for the errors workbook
	// Book is the file as read: the sheets read and skipped, the rows
	// skipped (totals, signatures, notes), hidden rows, merged cells.
	Book *importer.Book
	// MappingUsed describes a kept column mapping applied to this file;
	// MappingSaved says the given one was kept.
	MappingUsed  string
	MappingSaved bool
	// Header is the columns of the first sheet's header and the field
	// each is read as, for mapping columns by hand (also when the header
	// lacks required columns).
	Header []ImportColumn
}

// Import reads a ledger file (.xlsx, .xls/.et/.ods, CSV/text, an HTML
// table), every sheet whose header is the ledger's, checks every row and
// saves all rows or none: a row error, a record outside the actor's scope,
// a deleted key or a stale row (based on an older version, differing in a
// field changed since) each stop the whole file. The file is streamed:
// rows are checked as they are read and saved in batches inside one
// transaction (store.SaveStream), rolled back when any row is bad, so
// memory does not grow with the file. Errors: Invalid (the problems are in
// the result, the first importer.MaxKept of ProblemCount), Forbidden,
// Conflict, NotFound (ledger).
func (a *App) Import(ctx context.Context, id, path string, opt ImportOptions) (ImportResult, error) {
	run, err := a.openImport(ctx, id, path, opt)
	if run == nil {
		return ImportResult{}, err
	}
	defer run.close()
	if err != nil {
		return run.res, err
	}
	ctx = run.ctx
	res, d, ch, st := &run.res, run.d, run.ch, run.st
	book := st.Book
	if opt.DryRun {
		for run.next() {
		}
		if run.tooMany != nil {
			return *res, run.tooMany
		}
		if err := st.Err(); err != nil {
			return *res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
		return run.finish(nil)
	}
	ro, err := a.newReopener(ctx, d, ch.Actor, "导入")
	if err != nil {
		return *res, err
	}
	ch.Progress = opt.Save
	ch.KeysChecked = true // importer.Stream refuses a repeated key
	const batchRows = 1000
	batch := make([]store.Row, 0, batchRows)
	given := 0
	next := func() ([]store.Row, error) {
		batch = batch[:0]
		for len(batch) < batchRows && run.next() {
			if book.ProblemCount() > 0 {
				continue // a bad row: check the rest, save nothing more
			}
			it := st.Item()
			present := it.Given
			if opt.ClearBlank {
				present = book.Sheets[it.Sheet].Present
			}
			run.from(given, it.Sheet)
			given++
			ro.see(it.Record, ch.RecordUnit)
			batch = append(batch, store.Row{Record: it.Record, Present: present, Line: it.Row, Version: it.Version})
		}
		if run.tooMany != nil {
			return nil, run.tooMany
		}
		if err := st.Err(); err != nil {
			return nil, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
		if len(batch) > 0 {
			return batch, nil
		}
		if book.ProblemCount() > 0 {
			return nil, errRefused
		}
		return nil, nil
	}
	sr, err := a.db.SaveStream(ctx, d, ch, next)
	if err != nil {
		var ae *Error
		if !errors.Is(err, errRefused) && errors.As(err, &ae) {
			return *res, ae
		}
		var se *store.SaveError
		if errors.Is(err, errRefused) || errors.As(err, &se) {
			return run.finish(se)
		}
		return *res, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", res.File, err)
	}
	if _, err := run.finish(nil); err != nil {
		return *res, err
	}
	res.Result = sr
	if sr.Inserted+sr.Updated > 0 {
		if err := ro.apply(ctx); err != nil {
			return *res, err
		}
	}
	if opt.Mapping != "" {
		for _, s := range book.Sheets {
			if err := a.db.SaveImportMapping(ctx, run.unit, d.ID, s.Shape, run.mapping); err != nil {
				return *res, err
			}
		}
		res.MappingSaved = true
	}
	return *res, a.audit(ctx, "import", d.Name+"："+res.File, AuditDetail{Count: sr.Inserted + sr.Updated,
		Note: fmt.Sprintf("新增 %d 条，更新 %d 条", sr.Inserted, sr.Updated)})
}

// errRefused rolls back a save once a row of the file is bad.
var errRefused = errors.New("import refused")

// importRun is an import under way: the file opened, its headers read,
// its records streaming.
type importRun struct {
	ctx     context.Context // the caller's, with the import's district
	res     ImportResult
	act     Actor
	d       *ledger.Definition
	ch      store.Change
	tree    *ledger.UnitTree
	unit    string
	mapping map[string]string
	src     *excel.Source
	st      *importer.Stream
	// bounds maps the rows given to the saver to their sheets: rows from
	// bounds[k].row on came from sheet bounds[k].sheet.
	bounds []struct{ row, sheet int }
	// maxRows refuses a file of more records (ImportOptions.MaxRows);
	// n counts them as they stream, tooMany is the refusal.
	maxRows, n int
	tooMany    error
}

// next advances the stream of records, stopping with tooMany set once the
// file has more than maxRows (the web's limit): memory stays bounded and
// nothing is saved.
func (r *importRun) next() bool {
	if !r.st.Next() {
		return false
	}
	r.n++
	if r.maxRows > 0 && r.n > r.maxRows {
		r.tooMany = errorf(Invalid, "%s: 文件超过网页导入的上限 %d 行，未导入任何数据；请拆分后分批导入，或请管理员在服务器上导入（不限行数）", r.res.File, r.maxRows)
		return false
	}
	return true
}

func (r *importRun) close() {
	if r.st != nil {
		r.st.Close()
	}
	if r.src != nil {
		r.src.Close()
	}
}

// from notes that the saver's row i comes from sheet.
func (r *importRun) from(i, sheet int) {
	if n := len(r.bounds); n == 0 || r.bounds[n-1].sheet != sheet {
		r.bounds = append(r.bounds, struct{ row, sheet int }{i, sheet})
	}
}

// sheetOf is the sheet of the saver's row i.
func (r *importRun) sheetOf(i int) int {
	k := sort.Search(len(r.bounds), func(k int) bool { return r.bounds[k].row > i }) - 1
	if k < 0 {
		return 0
	}
	return r.bounds[k].sheet
}

// openImport checks the actor and the options, opens the file and reads
// the header of every sheet (a kept column mapping applies when the
// user gives none). A nil run comes with an error only.
func (a *App) openImport(ctx context.Context, id, path string, opt ImportOptions) (*importRun, error) {
	source := path
	if opt.Source != "" {
		source = opt.Source
	}
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	ctx, guessed, err := a.importDistrict(ctx, id, path, opt)
	if err != nil {
		if guessed != nil {
			return &importRun{res: *guessed}, err
		}
		return nil, err
	}
	act, d, ch, err := a.writer(ctx, id, source)
	if err != nil {
		return nil, err
	}
	run := &importRun{ctx: ctx, act: act, d: d, ch: ch, res: ImportResult{Ledger: d, File: source}, maxRows: opt.MaxRows}
	iopt := importer.Options{Env: ch.Env, Progress: opt.Check, ConfirmAmounts: opt.ConfirmAmounts}
	if opt.Mapping != "" {
		if iopt.Mapping, err = importer.ParseMapping(d, opt.Mapping); err != nil {
			return run, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
	}
	run.src, err = excel.OpenAll(path)
	if err != nil {
		return run, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	sheets := run.src.Tables
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return run, err
	}
	if len(tree.Units) == 0 && d.Owner != "" {
		return run, errorf(Invalid, "单位名录为空：请先导入单位名录（单位编码、单位名称、简称、上级单位、单位类型），再导入%s", d.Name)
	}
	iopt.Units, run.tree = tree, tree
	run.unit = act.Unit
	if opt.Unit != "" {
		code, ok := tree.Lookup(opt.Unit)
		if !ok {
			return run, errorf(Invalid, "单位“%s”不在单位名录中", opt.Unit)
		}
		run.unit = code
	}
	if iopt.Mapping == nil {
		for _, t := range sheets {
			m, _, err := a.db.ImportMapping(ctx, run.unit, d.ID, importer.Shapes(t))
			if err != nil {
				return run, err
			}
			if m != nil {
				iopt.Mapping, run.res.MappingUsed = m, importer.DescribeMapping(d, m)
				break
			}
		}
	}
	run.mapping = iopt.Mapping
	st, err := importer.Open(d, sheets, iopt)
	if err != nil {
		run.res.Table = sheets[0]
		for _, t := range sheets {
			if run.res.Header = importer.HeaderColumns(d, t, iopt); run.res.Header != nil {
				break
			}
		}
		return run, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	run.st = st
	book := st.Book
	run.res.Book, run.res.Table = book, book.Tables[0]
	run.res.Header = importer.HeaderColumns(d, book.Tables[0], iopt)
	seen := map[string]bool{}
	for _, s := range book.Sheets {
		for _, ig := range s.Ignored {
			if ig.Label == ledger.VersionField.Label || seen[ig.Label] {
				continue
			}
			seen[ig.Label] = true
			l := ig.Label
			if len(ig.Suggest) > 0 {
				l += "（是否为“" + strings.Join(ig.Suggest, "”或“") + "”？）"
			}
			run.res.Ignored = append(run.res.Ignored, l)
		}
	}
	return run, nil
}

// finish fills in what the file gave once it is read: the rows, the notes
// and, when any row is bad (in the file, or refused by the saver: se),
// every problem and the Invalid/Conflict/Forbidden error.
func (r *importRun) finish(se *store.SaveError) (ImportResult, error) {
	res, book := &r.res, r.st.Book
	res.Rows, res.Notes, res.NoteCount = book.Records(), book.Notes(), book.NoteCount()
	problems, total := book.Problems(), book.ProblemCount()
	code := Invalid
	if se != nil {
		for _, re := range se.Rows {
			p := importer.Problem{Row: re.Line, Col: -1, Column: re.Field, Msg: re.Msg}
			if re.Index >= 0 {
				si := r.sheetOf(re.Index)
				p.Sheet = book.Sheets[si].Sheet
				p.Col = colOf(book.Tables[si], book.Sheets[si].HeaderRow, re.Field)
			}
			problems = append(problems, p)
		}
		total += se.Count()
		if book.ProblemCount() == 0 {
			code = kindCode(se.Kind())
		}
	}
	if total == 0 {
		return *res, nil
	}
	res.Problems, res.ProblemCount = problems, total
	res.Table = problemTable(book, problems)
	msg := fmt.Sprintf("%s: 共%d处错误，未导入任何数据", res.File, total)
	if se != nil && book.ProblemCount() == 0 {
		return *res, &Error{Code: code, Msg: msg, Err: se}
	}
	return *res, &Error{Code: code, Msg: msg}
}

// problemTable is the table of the first sheet with a problem (the one an
// errors workbook rebuilt from rows shows).
func problemTable(b *importer.Book, ps []importer.Problem) *excel.Table {
	for i, s := range b.Sheets {
		for _, p := range ps {
			if p.Sheet == s.Sheet {
				return b.Tables[i]
			}
		}
	}
	return b.Tables[0]
}

// colOf finds the 0-based column of a header label (-1: the whole row).
func colOf(t *excel.Table, headerRow int, label string) int {
	if t == nil || label == "" || headerRow < 1 || headerRow > len(t.Rows) {
		return -1
	}
	want, _ := importer.NormLabel(label)
	for j, c := range t.Rows[headerRow-1] {
		if k, _ := importer.NormLabel(c); k == want {
			return j
		}
	}
	return -1
}

// WriteErrorWorkbook writes the user's own workbook back with each bad cell
// of a refused import filled red, its reason in a comment, and a 错误清单 sheet.
func (a *App) WriteErrorWorkbook(w io.Writer, res ImportResult) error {
	if res.Table == nil {
		return errorf(Invalid, "没有可标注的工作表")
	}
	return excel.WriteErrors(w, res.Table, importer.Marks(res.Problems))
}

// ImportUnits reads a units file (单位编码, 单位名称, 简称, 上级单位, 单位类型)
// and saves it whole or not at all (系统管理员). A cycle in the tree is refused.
func (a *App) ImportUnits(ctx context.Context, path string) (ImportResult, int, int, error) {
	act, err := actor(ctx)
	if err != nil {
		return ImportResult{}, 0, 0, err
	}
	if err := require(act, permUnits, "维护单位名录"); err != nil {
		return ImportResult{}, 0, 0, err
	}
	res := ImportResult{File: path}
	t, err := excel.Read(path)
	if err != nil {
		return res, 0, 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	res.Table = t
	existing, err := a.db.Units(ctx)
	if err != nil {
		return res, 0, 0, err
	}
	district, err := a.db.Tenant(ctx)
	if err != nil && !hasDistrictColumn(t) {
		return res, 0, 0, errorf(Invalid, "%s：文件没有“行政区划代码”列，%s", path, err.Error())
	}
	units, problems, err := importer.ParseUnits(t, existing, district)
	if err != nil {
		return res, 0, 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	if len(problems) > 0 {
		res.Problems = problems
		return res, 0, 0, errorf(Invalid, "%s: 共%d处错误，未导入任何数据", path, len(problems))
	}
	for _, u := range units {
		if act.District != "" && !ledger.InRegion(u.District, act.District) {
			return res, 0, 0, errorf(Forbidden, "%s属于行政区划 %s，无权维护行政区划 %s 的单位“%s”", act.describe(), act.District, u.District, u.Name)
		}
	}
	res.Rows = len(units)
	ins, upd, err := a.db.SaveUnits(ctx, units)
	if err != nil {
		return res, 0, 0, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", path, err)
	}
	return res, ins, upd, a.audit(ctx, "import.units", "单位名录："+path, AuditDetail{Count: ins + upd, Note: fmt.Sprintf("新增 %d 个，更新 %d 个", ins, upd)})
}

// hasDistrictColumn reports whether a units file has a 行政区划代码 column
// in its first rows (the header).
func hasDistrictColumn(t *excel.Table) bool {
	for i, row := range t.Rows {
		if i == 20 {
			break
		}
		for _, c := range row {
			if ledger.FoldLabel(c) == ledger.FoldLabel("行政区划代码") {
				return true
			}
		}
	}
	return false
}

// Units returns the unit tree (every account may read it).
func (a *App) Units(ctx context.Context) (*ledger.UnitTree, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return a.db.UnitTree(ctx)
}

// ProblemsText renders problems as lines 文件:第N行:列名: 原因, at most 100,
// then a count of the rest.
func ProblemsText(file string, ps []importer.Problem) string { return importer.Report(file, ps) }

// ProblemsTextOf renders the problems kept of total (ImportResult.ProblemCount).
func ProblemsTextOf(file string, ps []importer.Problem, total int) string {
	return importer.ReportOf(file, ps, total)
}

// UnitAliases lists the declared other names of units (every account may read them).
func (a *App) UnitAliases(ctx context.Context) ([]ledger.Alias, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return a.db.UnitAliases(ctx)
}

// SetUnitAlias declares alias (区发改委) as another name of unit (系统管理员):
// every import then resolves it. An alias that is already another unit's
// name or short name is refused. It returns the unit's name.
func (a *App) SetUnitAlias(ctx context.Context, alias, unit string) (string, error) {
	act, err := actor(ctx)
	if err != nil {
		return "", err
	}
	if err := require(act, permUnits, "维护单位名录"); err != nil {
		return "", err
	}
	alias = ledger.Clean(alias)
	if alias == "" {
		return "", errorf(Invalid, "别名不能为空")
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return "", err
	}
	code, ok := tree.Lookup(unit)
	if !ok {
		msg := fmt.Sprintf("单位“%s”不在单位名录中", unit)
		if c := tree.Closest(unit); c != "" {
			msg += fmt.Sprintf("，是否为“%s”？", c)
		}
		return "", errorf(Invalid, "%s", msg)
	}
	if other, taken := tree.Lookup(alias); taken && other != code {
		if u, _ := tree.Get(other); u.Name == alias || u.ShortName == alias || u.Code == alias {
			return "", errorf(Invalid, "“%s”已是单位“%s”的名称或简称，不能作为“%s”的别名", alias, u.Name, tree.Name(code))
		}
	}
	if err := a.db.SetUnitAlias(ctx, alias, code, act.Name()); err != nil {
		return "", err
	}
	return tree.Name(code), a.audit(ctx, "unit.alias", "单位别名“"+alias+"”", AuditDetail{After: map[string]string{"单位": tree.Name(code)}})
}

// RemoveUnitAlias removes a declared alias (系统管理员).
func (a *App) RemoveUnitAlias(ctx context.Context, alias string) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := require(act, permUnits, "维护单位名录"); err != nil {
		return err
	}
	ok, err := a.db.RemoveUnitAlias(ctx, ledger.Clean(alias))
	if err != nil {
		return err
	}
	if !ok {
		return errorf(NotFound, "没有别名“%s”", alias)
	}
	return a.audit(ctx, "unit.unalias", "单位别名“"+ledger.Clean(alias)+"”", AuditDetail{})
}
