package main

import (
	"bytes"
	"context"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "template", usage: "LEDGER -o F.xlsx", summary: "生成台账导入模板（中文表头、下拉选项、填写说明）",
		run: func(ctx context.Context, a *cli, args []string) error { return runExport(ctx, a, args, true) }})
	register(&command{name: "export", usage: "LEDGER [--year Y] [--unit U] -o F.xlsx", summary: "导出台账为 Excel，可按年度、单位筛选",
		run: func(ctx context.Context, a *cli, args []string) error { return runExport(ctx, a, args, false) }})
}

func runExport(ctx context.Context, a *cli, args []string, template bool) error {
	fs := a.newFlags("export")
	out := fs.String("o", "", "输出文件 (.xlsx)")
	year := fs.Int("year", 0, "只导出任一日期在该年度的记录")
	unit := fs.String("unit", "", "只导出该单位及其下级单位的记录")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usageError{"用法: fazhi export LEDGER [--year Y] [--unit U] -o F.xlsx"}
	}
	if err := xlsxPath(*out); err != nil {
		return err
	}
	if err := a.checkOutput(*out); err != nil {
		return err
	}
	d, err := app.Ledger(pos[0])
	if err != nil {
		return usageError{err.Error()}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	var buf bytes.Buffer
	if template {
		if err := ap.Template(ctx, &buf, d.ID); err != nil {
			return err
		}
	} else {
		n, err := ap.Export(ctx, &buf, d.ID, *year, *unit)
		if err != nil {
			return err
		}
		defer fmt.Fprintf(a.stdout, "已导出%s %d 条到 %s\n", d.Name, n, *out)
	}
	if err := a.writeOutputFile(*out, buf.Bytes()); err != nil {
		return err
	}
	if template {
		fmt.Fprintf(a.stdout, "已生成%s导入模板 %s\n", d.Name, *out)
	}
	return nil
}
