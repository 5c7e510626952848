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

const importUsage = "用法: fazhi import LEDGER FILE [--errors-out F.xlsx] [--map 'A=案号,收文日期=收到申请日期'] [--unit 单位] [--confirm-amounts] [--clear-blank]"

func init() {
	register(&command{name: "import", usage: "LEDGER FILE [--errors-out F.xlsx] [--map 列=字段,…] [--unit 单位] [--confirm-amounts] [--clear-blank]",
		summary: "从 Excel (.xlsx/.xls/.et/.ods)、CSV/文本或网页表格导入台账；任一行有错则全部不写入",
		run:     runImport})
}

func runImport(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("import")
	errorsOut := fs.String("errors-out", "", "有错误时，把原工作簿标注错误后写到此文件（不会覆盖导入文件或数据库）")
	var opt app.ImportOptions
	fs.StringVar(&opt.Mapping, "map", "", "列对应，如 'A=案号,收文日期=收到申请日期'；导入成功后按单位和台账保存，下次同样表头的文件自动沿用")
	fs.StringVar(&opt.Unit, "unit", "", "报送文件的单位（保存和沿用列对应时按单位区分；默认为本账号的单位）")
	fs.BoolVar(&opt.ConfirmAmounts, "confirm-amounts", false, "确认远超常见范围的金额无误（否则按错误拒绝）")
	fs.BoolVar(&opt.ClearBlank, "clear-blank", false, "文件中的空白单元格清空已保存的值（默认空白单元格不改动已保存的值）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{importUsage}
	}
	if err := a.checkErrorsOut(*errorsOut, pos[1]); err != nil {
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
	_, err = a.importLedger(ctx, ap, pos[0], pos[1], *errorsOut, opt)
	return err
}

// importLedger imports one file through the application layer and prints
// its summary, or every problem (and the errors workbook if asked).
func (a *cli) importLedger(ctx context.Context, ap *app.App, id, path, errorsOut string, opt app.ImportOptions) (app.ImportResult, error) {
	start := time.Now()
	opt.Check, opt.Save = a.progressLabel(start, "已检查"), a.progressLabel(time.Now(), "已保存")
	res, err := ap.Import(ctx, id, path, opt)
	a.clearProgress()
	if res.MappingUsed != "" {
		fmt.Fprintf(a.stdout, "沿用此前保存的列对应：%s\n", res.MappingUsed)
	}
	if err != nil {
		if len(res.Problems) > 0 {
			fmt.Fprint(a.stderr, app.ProblemsTextOf(path, res.Problems, res.ProblemCount))
			for _, p := range res.Problems {
				if p.Confirm {
					fmt.Fprintln(a.stderr, "如这些金额确实无误，请加 --confirm-amounts 重新导入")
					break
				}
			}
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
	if res.MappingSaved {
		fmt.Fprintf(a.stdout, "已保存列对应，下次导入同样表头的%s文件时自动沿用\n", res.Ledger.Name)
	}
	a.summarizeBook(res)
	if len(res.Notes) > 0 {
		fmt.Fprintf(a.stdout, "提示：%d 条记录已导入，但其法定期限暂无法计算：\n%s", res.NoteCount, app.ProblemsTextOf(path, res.Notes, res.NoteCount))
	}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(a.stdout, "以下列不属于%s台账，已忽略：%s\n", res.Ledger.Name, strings.Join(res.Ignored, "、"))
	}
	return res, nil
}

// summarizeBook prints the sheets read and skipped, the rows skipped and
// the hidden rows and merged cells taken.
func (a *cli) summarizeBook(res app.ImportResult) {
	b := res.Book
	if b == nil {
		return
	}
	if len(b.Sheets) > 1 || len(b.Skipped) > 0 {
		var read []string
		for _, s := range b.Sheets {
			read = append(read, fmt.Sprintf("“%s”%d 行", s.Sheet, s.Count))
		}
		fmt.Fprintf(a.stdout, "已读取工作表：%s\n", strings.Join(read, "、"))
		for _, s := range b.Skipped {
			fmt.Fprintf(a.stdout, "已跳过工作表“%s”：%s\n", s.Name, s.Why)
		}
	}
	for _, s := range b.Sheets {
		where := ""
		if s.Sheet != "" {
			where = "工作表“" + s.Sheet + "”"
		}
		for i, k := range s.Skipped {
			if i == 100 {
				fmt.Fprintf(a.stdout, "……共跳过%s %d 行\n", where, s.SkippedCount)
				break
			}
			fmt.Fprintf(a.stdout, "已跳过%s第%d行（%s）：%s\n", where, k.Row, k.Why, k.Text)
		}
		if s.Hidden > 0 {
			fmt.Fprintf(a.stdout, "提示：%s第%s行在表格中是隐藏行，已照常导入\n", where, joinInts(s.HiddenRows, s.Hidden))
		}
		if s.Filled > 0 {
			fmt.Fprintf(a.stdout, "提示：%s有 %d 个单元格取自上方纵向合并的单元格\n", where, s.Filled)
		}
	}
}

// joinInts lists the first rows of total.
func joinInts(ns []int, total int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	if total > 20 {
		return strings.Join(s[:min(20, len(s))], "、") + fmt.Sprintf(" 等 %d 行", total)
	}
	return strings.Join(s, "、")
}

// checkErrorsOut refuses an errors workbook path that is not .xlsx, or is
// the input file or the database (checked again when it is written).
func (a *cli) checkErrorsOut(out, input string) error {
	if out == "" {
		return nil
	}
	if err := xlsxPath(out); err != nil {
		return err
	}
	return a.checkOutput(out, input)
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
