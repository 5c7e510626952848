package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
	"fazhi/store"
)

func init() {
	register(&command{name: "import", usage: "LEDGER FILE [--errors-out F.xlsx]",
		summary: "从 Excel (.xlsx) 或 CSV 导入台账；任一行有错则全部不写入",
		run:     runImport})
}

func runImport(ctx context.Context, a *app, args []string) error {
	fs := a.newFlags("import")
	errorsOut := fs.String("errors-out", "", "有错误时，把原工作簿标注错误后写到此文件")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"用法: fazhi import LEDGER FILE [--errors-out F.xlsx]"}
	}
	d, err := ledgerArg(pos[0])
	if err != nil {
		return err
	}
	if err := xlsxPath(*errorsOut); err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = a.importLedger(ctx, db, d, pos[1], *errorsOut)
	return err
}

// importLedger reads, validates and saves one file; on any problem it
// reports all of them, writes the errors workbook if asked, and saves nothing.
func (a *app) importLedger(ctx context.Context, db *store.DB, d *ledger.Definition, path, errorsOut string) (store.SaveResult, error) {
	start := time.Now()
	sheets, err := excel.ReadAll(path)
	if err != nil {
		return store.SaveResult{}, err
	}
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return store.SaveResult{}, err
	}
	if len(tree.Units) == 0 && d.Owner != "" {
		return store.SaveResult{}, fmt.Errorf("单位名录为空：请先用 fazhi units import 导入单位名录（单位编码、单位名称、简称、上级单位、单位类型），再导入%s", d.Name)
	}
	env, err := calendarEnv(ctx, db)
	if err != nil {
		return store.SaveResult{}, err
	}
	// The first sheet that carries the ledger's header is the data; a
	// workbook may open with a 填报说明 sheet.
	var t *excel.Table
	var res *importer.Result
	for _, sh := range sheets {
		t = sh
		if res, err = importer.Parse(d, t, importer.Options{Units: tree, Env: env, Progress: a.progress(start)}); !errors.Is(err, importer.ErrNoHeader) {
			break
		}
	}
	if err != nil {
		return store.SaveResult{}, err
	}
	if len(res.Problems) > 0 {
		return store.SaveResult{}, a.reject(t, res.Problems, errorsOut)
	}
	sr, err := db.SaveRecords(ctx, d, res.Records, res.Present, store.Change{Actor: actor(), Source: path, Progress: a.progressLabel(time.Now(), "已保存")})
	if err != nil {
		return sr, fmt.Errorf("%s: 保存失败，未写入任何数据: %w", path, err)
	}
	a.clearProgress()
	n := len(res.Records)
	el := time.Since(start)
	fmt.Fprintf(a.stdout, "%s → %s：%d 行（新增 %d，更新 %d，未变 %d），用时 %.1f 秒，%.0f 行/秒\n",
		path, d.Name, n, sr.Inserted, sr.Updated, sr.Unchanged, el.Seconds(), float64(n)/max(el.Seconds(), 0.001))
	if len(res.Notes) > 0 {
		fmt.Fprintf(a.stdout, "提示：%d 条记录已导入，但其法定期限暂无法计算：\n%s", len(res.Notes), importer.Report(path, res.Notes))
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(a.stdout, "以下列不属于%s台账，已忽略：%s\n", d.Name, strings.Join(res.Ignored, "、"))
	}
	return sr, nil
}

// reject reports every problem and writes the annotated workbook.
func (a *app) reject(t *excel.Table, ps []importer.Problem, errorsOut string) error {
	a.clearProgress()
	fmt.Fprint(a.stderr, importer.Report(t.File, ps))
	if errorsOut != "" {
		f, err := os.Create(errorsOut)
		if err != nil {
			return err
		}
		if err := excel.WriteErrors(f, t, importer.Marks(ps)); err != nil {
			f.Close()
			return fmt.Errorf("写错误标注工作簿: %w", err)
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "已把标注了错误单元格的工作簿写到 %s\n", errorsOut)
	}
	return fmt.Errorf("%s: 共%d处错误，未导入任何数据", t.File, len(ps))
}

// progress returns a callback that shows rows checked and rows/s on a terminal.
func (a *app) progress(start time.Time) func(done, total int) {
	return a.progressLabel(start, "已检查")
}

// progressLabel returns a callback that shows label, rows and rows/s on a
// terminal, or nil when stderr is not one.
func (a *app) progressLabel(start time.Time, label string) func(done, total int) {
	f, ok := a.stderr.(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	return func(done, total int) {
		rate := float64(done) / max(time.Since(start).Seconds(), 0.001)
		fmt.Fprintf(f, "\r%s %d/%d 行（%.0f 行/秒）\033[K", label, done, total, rate)
	}
}

func (a *app) clearProgress() {
	if f, ok := a.stderr.(*os.File); ok && isTerminal(f) {
		fmt.Fprint(f, "\r\033[K")
	}
}
