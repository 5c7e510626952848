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
}

// ImportResult says what an import did, or why it wrote nothing.
type ImportResult struct {
	Ledger   *ledger.Definition
	File     string
	Rows     int
	Result   store.SaveResult
	Notes    []importer.Problem // kept records whose due dates cannot be computed yet
	Ignored  []string           // header labels the ledger does not define
	Problems []importer.Problem // every problem; nothing was written
	Table    *excel.Table       // the table read, for the errors workbook
}

// Import reads a ledger file (.xlsx or CSV), checks every row and saves all
// rows or none: a row error, a record outside the actor's scope, a deleted
// key or a stale row (based on an older version, differing in a field
// changed since) each stop the whole file. Errors: Invalid (the problems
// are in the result), Forbidden, Conflict, NotFound (ledger).
func (a *App) Import(ctx context.Context, id, path string, opt ImportOptions) (ImportResult, error) {
	source := path
	if opt.Source != "" {
		source = opt.Source
	}
	_, d, ch, err := a.writer(ctx, id, source)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Ledger: d, File: source}
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
	// The first sheet that carries the ledger's header is the data; a
	// workbook may open with a 填报说明 sheet.
	var parsed *importer.Result
	for _, sh := range sheets {
		res.Table = sh
		if parsed, err = importer.Parse(d, sh, importer.Options{Units: tree, Env: ch.Env, Progress: opt.Check}); !errors.Is(err, importer.ErrNoHeader) {
			break
		}
	}
	if err != nil {
		return res, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	res.Rows, res.Notes = len(parsed.Records), parsed.Notes
	for _, l := range parsed.Ignored {
		if l != ledger.VersionField.Label {
			res.Ignored = append(res.Ignored, l)
		}
	}
	versions, verr := rowVersions(res.Table, parsed.HeaderRow, parsed.Rows)
	if len(verr) > 0 {
		res.Problems = verr
		return res, errorf(Invalid, "%s: 共%d处错误，未导入任何数据", source, len(verr))
	}
	if len(parsed.Problems) > 0 {
		res.Problems = parsed.Problems
		return res, errorf(Invalid, "%s: 共%d处错误，未导入任何数据", source, len(parsed.Problems))
	}
	rows := make([]store.Row, len(parsed.Records))
	for i, r := range parsed.Records {
		rows[i] = store.Row{Record: r, Present: parsed.Present, Line: parsed.Rows[i], Version: versions[i]}
	}
	ch.Progress = opt.Save
	if opt.DryRun {
		return res, nil
	}
	sr, err := a.db.SaveRows(ctx, d, rows, ch)
	var se *store.SaveError
	if errors.As(err, &se) {
		for _, re := range se.Rows {
			res.Problems = append(res.Problems, importer.Problem{Row: re.Line, Col: colOf(res.Table, parsed.HeaderRow, re.Field), Column: re.Field, Msg: re.Msg})
		}
		return res, &Error{Code: kindCode(se.Kind()), Msg: fmt.Sprintf("%s: 共%d处错误，未导入任何数据", source, len(se.Rows)), Err: err}
	}
	if err != nil {
		return res, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", source, err)
	}
	res.Result = sr
	if sr.Inserted+sr.Updated > 0 {
		recs := make([]ledger.Record, len(parsed.Records))
		for i, r := range parsed.Records {
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
	return res, nil
}

// colOf finds the 0-based column of a header label (-1: the whole row).
func colOf(t *excel.Table, headerRow int, label string) int {
	if t == nil || label == "" || headerRow < 1 || headerRow > len(t.Rows) {
		return -1
	}
	for j, c := range t.Rows[headerRow-1] {
		if ledger.FoldLabel(c) == ledger.FoldLabel(label) {
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
	units, problems, err := importer.ParseUnits(t, existing)
	if err != nil {
		return res, 0, 0, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	if len(problems) > 0 {
		res.Problems = problems
		return res, 0, 0, errorf(Invalid, "%s: 共%d处错误，未导入任何数据", path, len(problems))
	}
	res.Rows = len(units)
	ins, upd, err := a.db.SaveUnits(ctx, units)
	if err != nil {
		return res, 0, 0, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", path, err)
	}
	return res, ins, upd, nil
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
