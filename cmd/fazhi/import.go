package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/internal/termtext"
)

func init() {
	register(&command{name: "import", usage: "LEDGER FILE [--errors-out F.xlsx]",
		summary: "从 Excel (.xlsx) 或 CSV 导入台账；任一行有错则全部不写入",
		run:     runImport})
}

func runImport(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("import")
	errorsOut := fs.String("errors-out", "", "有错误时，把原工作簿标注错误后写到此文件")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"用法: fazhi import LEDGER FILE [--errors-out F.xlsx]"}
	}
	if err := xlsxPath(*errorsOut); err != nil {
		return err
	}
	if _, err := app.Ledger(pos[0]); err != nil {
		return usageError{err.Error()}
	}
	ap, ctx, err := a.open(ctx, app.Create)
	if err != nil {
		return err
	}
	defer ap.Close()
	_, err = a.importLedger(ctx, ap, pos[0], pos[1], *errorsOut)
	return err
}

// importLedger imports one file through the application layer and prints
// its summary, or every problem (and the errors workbook if asked).
func (a *cli) importLedger(ctx context.Context, ap *app.App, id, path, errorsOut string) (app.ImportResult, error) {
	start := time.Now()
	res, err := ap.Import(ctx, id, path, app.ImportOptions{Check: a.progressLabel(start, "已检查"), Save: a.progressLabel(time.Now(), "已保存")})
	a.clearProgress()
	if err != nil {
		if len(res.Problems) > 0 {
			fmt.Fprint(a.stderr, app.ProblemsText(path, res.Problems))
			if errorsOut != "" {
				var buf bytes.Buffer
				if werr := ap.WriteErrorWorkbook(&buf, res); werr != nil {
					return res, errors.Join(err, fmt.Errorf("写错误标注工作簿: %w", werr))
				}
				if werr := a.writeOutputFile(errorsOut, buf.Bytes(), path); werr != nil {
					return res, errors.Join(err, werr)
				}
				fmt.Fprintf(a.stderr, "已把标注了错误单元格的工作簿写到 %s\n", errorsOut)
			}
		}
		return res, err
	}
	sr := res.Result
	el := time.Since(start)
	fmt.Fprintf(a.stdout, "%s → %s：%d 行（新增 %d，更新 %d，未变 %d），用时 %.1f 秒，%.0f 行/秒\n",
		path, res.Ledger.Name, res.Rows, sr.Inserted, sr.Updated, sr.Unchanged, el.Seconds(), float64(res.Rows)/max(el.Seconds(), 0.001))
	if len(sr.FieldChanges) > 0 {
		var parts []string
		for _, f := range res.Ledger.Fields {
			if n := sr.FieldChanges[f.Label]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d 条", f.Label, n))
			}
		}
		fmt.Fprintf(a.stdout, "更新的字段：%s\n", strings.Join(parts, "，"))
	}
	if len(res.Notes) > 0 {
		fmt.Fprintf(a.stdout, "提示：%d 条记录已导入，但其法定期限暂无法计算：\n%s", len(res.Notes), app.ProblemsText(path, res.Notes))
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(a.stdout, "以下列不属于%s台账，已忽略：%s\n", res.Ledger.Name, strings.Join(res.Ignored, "、"))
	}
	return res, nil
}

// progressLabel returns a callback that shows label, rows and rows/s on a
// terminal, or nil when stderr is not one.
func (a *cli) progressLabel(start time.Time, label string) func(done, total int) {
	f, ok := termtext.Raw(a.stderr).(*os.File)
	if !ok || !isTerminal(f) {
		return nil
	}
	return func(done, total int) {
		rate := float64(done) / max(time.Since(start).Seconds(), 0.001)
		if total > 0 {
			fmt.Fprintf(f, "\r%s %d/%d 行（%.0f 行/秒）\033[K", label, done, total, rate)
		} else {
			fmt.Fprintf(f, "\r%s %d 行（%.0f 行/秒）\033[K", label, done, rate)
		}
	}
}

func (a *cli) clearProgress() {
	if f, ok := termtext.Raw(a.stderr).(*os.File); ok && isTerminal(f) {
		fmt.Fprint(f, "\r\033[K")
	}
}
