package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fazhi/app"
	"fazhi/gongwen"
)

// runFreshDemo is the README's demo: a new database in a temporary folder,
// the 偃师区 2022 data loaded through the import path, every indicator, the
// warnings of 2022-12-01 and the annual report in every format.
func (a *cli) runFreshDemo(ctx context.Context) error {
	dir, err := os.MkdirTemp("", "fazhi-demo-")
	if err != nil {
		return err
	}
	a.dsn = filepath.Join(dir, "fazhi.db")
	if err := a.loadDemo(ctx); err != nil {
		return err
	}
	ap, actx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	fmt.Fprintln(a.stdout, "\n== 2022年度指标（fazhi indicators --year 2022）")
	vals, err := ap.Indicators(actx, 2022, "")
	if err != nil {
		return err
	}
	if err := a.printIndicators(2022, vals); err != nil {
		return err
	}
	asOf, err := ap.AsOf(actx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\n== 截至%s的期限预警（fazhi warnings）\n", asOf.Format("2006年1月2日"))
	items, eng, asOf, err := ap.Warnings(actx, asOf, "", 0)
	if err != nil {
		return err
	}
	if err := a.printWarnings(actx, ap, items, eng, asOf); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\n== 2022年度法治政府建设情况报告（fazhi report --year 2022）")
	for _, f := range []string{"md", "html", "docx", "pdf"} {
		out := filepath.Join(dir, "偃师区2022年度法治政府建设情况报告."+f)
		o := app.ReportOptions{Year: 2022, Format: f}
		if f == "html" || f == "md" {
			o.Compare = 2021
		}
		if err := a.writeOutput(out, func(w io.Writer) error {
			_, err := ap.RenderReport(actx, w, o)
			return err
		}); err != nil {
			if f == "pdf" && errors.Is(err, gongwen.ErrNoLibreOffice) {
				fmt.Fprintf(a.stdout, "未生成 PDF：%v\n", err)
				continue
			}
			return err
		}
		fmt.Fprintf(a.stdout, "已生成2022年度报告 %s\n", out)
	}
	c, err := ap.CheckReport(actx, 2022)
	if err != nil {
		return err
	}
	if err := a.printCheck(2022, c); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, `
演示数据库：%s
用浏览器打开报告（每个数字都可点开查看背后的台账记录）：
  file://%s
继续体验：
  fazhi --db %s explain reconsideration.accepted --year 2022
  fazhi --db %s search 复议
  fazhi --db %s export reconsideration --year 2022 -o 行政复议.xlsx
`, a.dsn, filepath.Join(dir, "偃师区2022年度法治政府建设情况报告.html"), a.dsn, a.dsn, a.dsn)
	return nil
}
