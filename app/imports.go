package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
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
}

// ImportResult says what an import did, or why it wrote nothing.
type ImportResult struct {
	Ledger   *ledger.Definition
	File     string
	Rows     int
	Result   store.SaveResult
	Notes    []importer.Problem // kept records whose due dates cannot be computed yet
	Ignored  []string           // header labels the ledger does not define, with "did you mean"
	Problems []importer.Problem // every problem; nothing was written
	Table    *excel.Table       // the table read, for the errors workbook
	// Book is the file as read: the sheets read and skipped, the rows
	// skipped (totals, signatures, notes), hidden rows, merged cells.
	Book *importer.Book
	// MappingUsed describes a kept column mapping applied to this file;
	// MappingSaved says the given one was kept.
	MappingUsed  string
	MappingSaved bool
}

// Import reads a ledger file (.xlsx, .xls/.et/.ods, CSV/text, an HTML
// table), every sheet whose header is the ledger's, checks every row and
// saves all rows or none: a row error, a record outside the actor's scope,
// a deleted key or a stale row (based on an older version, differing in a
// field changed since) each stop the whole file. Errors: Invalid (the
// problems are in the result), Forbidden, Conflict, NotFound (ledger).
func (a *App) Import(ctx context.Context, id, path string, opt ImportOptions) (ImportResult, error) {
	source := path
	if opt.Source != "" {
		source = opt.Source
	}
	if _, err := actor(ctx); err != nil {
		return ImportResult{}, err
	}
	ctx, guessed, err := a.importDistrict(ctx, id, path, opt)
	if err != nil {
		if guessed != nil {
			return *guessed, err
		}
		return ImportResult{}, err
	}
	act, d, ch, err := a.writer(ctx, id, source)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Ledger: d, File: source}
	iopt := importer.Options{Env: ch.Env, Progress: opt.Check, ConfirmAmounts: opt.ConfirmAmounts}
	if opt.Mapping != "" {
		if iopt.Mapping, err = importer.ParseMapping(d, opt.Mapping); err != nil {
			return res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
	}
	sheets, err := excel.ReadAll(path)
	if err != nil {
		return res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return res, err
	}
	if len(tree.Units) == 0 && d.Owner != "" {
		return res, errorf(Invalid, "单位名录为空：请先导入单位名录（单位编码、单位名称、简称、上级单位、单位类型），再导入%s", d.Name)
	}
	iopt.Units = tree
	unit := act.Unit
	if opt.Unit != "" {
		code, ok := tree.Lookup(opt.Unit)
		if !ok {
			return res, errorf(Invalid, "单位“%s”不在单位名录中", opt.Unit)
		}
		unit = code
	}
	if iopt.Mapping == nil {
		for _, t := range sheets {
			m, _, err := a.db.ImportMapping(ctx, unit, d.ID, importer.Shapes(t))
			if err != nil {
				return res, err
			}
			if m != nil {
				iopt.Mapping, res.MappingUsed = m, importer.DescribeMapping(d, m)
				break
			}
		}
	}
	book, err := importer.ParseBook(d, sheets, iopt)
	if err != nil {
		return res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	res.Book, res.Table = book, book.Tables[0]
	res.Rows, res.Notes = book.Records(), book.Notes()
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
			res.Ignored = append(res.Ignored, l)
		}
	}
	// Each row to save, and where it came from.
	type origin struct {
		sheet     int
		line      int
		headerRow int
	}
	var rows []store.Row
	var from []origin
	var problems []importer.Problem
	for si, s := range book.Sheets {
		t := book.Tables[si]
		versions, verr := rowVersions(t, s.HeaderRow, s.Rows)
		for i := range verr {
			verr[i].Sheet = s.Sheet
		}
		problems = append(problems, verr...)
		problems = append(problems, s.Problems...)
		for i, r := range s.Records {
			present := s.Given[i]
			if opt.ClearBlank {
				present = s.Present
			}
			rows = append(rows, store.Row{Record: r, Present: present, Line: s.Rows[i], Version: versions[i]})
			from = append(from, origin{si, s.Rows[i], s.HeaderRow})
		}
	}
	if len(problems) > 0 {
		res.Problems = problems
		res.Table = problemTable(book, problems)
		return res, errorf(Invalid, "%s: 共%d处错误，未导入任何数据", source, len(problems))
	}
	ch.Progress = opt.Save
	if opt.DryRun {
		return res, nil
	}
	sr, err := a.db.SaveRows(ctx, d, rows, ch)
	var se *store.SaveError
	if errors.As(err, &se) {
		for _, re := range se.Rows {
			p := importer.Problem{Row: re.Line, Col: -1, Column: re.Field, Msg: re.Msg}
			if re.Index >= 0 && re.Index < len(from) {
				o := from[re.Index]
				p.Sheet = book.Sheets[o.sheet].Sheet
				p.Col = colOf(book.Tables[o.sheet], o.headerRow, re.Field)
			}
			res.Problems = append(res.Problems, p)
		}
		res.Table = problemTable(book, res.Problems)
		return res, &Error{Code: kindCode(se.Kind()), Msg: fmt.Sprintf("%s: 共%d处错误，未导入任何数据", source, len(se.Rows)), Err: err}
	}
	if err != nil {
		return res, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", source, err)
	}
	res.Result = sr
	if sr.Inserted+sr.Updated > 0 {
		recs := make([]ledger.Record, len(rows))
		for i, row := range rows {
			r := row.Record
			recs[i] = r
			if ch.RecordUnit != "" {
				recs[i] = ledger.Record{ledger.MetaRecordUnit: ch.RecordUnit}
				for k, v := range r {
					recs[i][k] = v
				}
			}
		}
		if err := a.reopenAfterWrite(ctx, d, recs, ch.Actor, "导入"); err != nil {
			return res, err
		}
	}
	if opt.Mapping != "" {
		for _, s := range book.Sheets {
			if err := a.db.SaveImportMapping(ctx, unit, d.ID, s.Shape, iopt.Mapping); err != nil {
				return res, err
			}
		}
		res.MappingSaved = true
	}
	return res, nil
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
	return res, ins, upd, nil
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

// rowVersions reads the 版本号 column an export carries (ledger.VersionField)
// for each record's spreadsheet row; 0 where the file has no such column or
// the cell is empty (the row is then checked as any other).
func rowVersions(t *excel.Table, headerRow int, rows []int) ([]int64, []importer.Problem) {
	out := make([]int64, len(rows))
	col := colOf(t, headerRow, ledger.VersionField.Label)
	if col < 0 {
		return out, nil
	}
	var ps []importer.Problem
	for i, r := range rows {
		s := strings.TrimSpace(t.Cell(r-1, col))
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 1 {
			ps = append(ps, importer.Problem{Row: r, Col: col, Column: ledger.VersionField.Label, Msg: fmt.Sprintf("“%s”不是版本号（由系统导出时填写，请勿修改）", s)})
			continue
		}
		out[i] = n
	}
	return out, ps
}

// ProblemsText renders problems as lines 文件:第N行:列名: 原因, at most 100,
// then a count of the rest.
func ProblemsText(file string, ps []importer.Problem) string { return importer.Report(file, ps) }

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
	return tree.Name(code), nil
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
	return nil
}
