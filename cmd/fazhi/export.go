package main

import (
	"context"
	"fmt"
	"os"

	"fazhi/excel"
	"fazhi/ledger"
)

func init() {
	register(&command{name: "template", usage: "LEDGER -o F.xlsx", summary: "生成台账导入模板（中文表头、下拉选项、填写说明）",
		run: func(ctx context.Context, a *app, args []string) error { return runExport(ctx, a, args, true) }})
	register(&command{name: "export", usage: "LEDGER [--year Y] [--unit U] -o F.xlsx", summary: "导出台账为 Excel，可按年度、单位筛选",
		run: func(ctx context.Context, a *app, args []string) error { return runExport(ctx, a, args, false) }})
}

func runExport(ctx context.Context, a *app, args []string, template bool) error {
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
	d, err := ledgerArg(pos[0])
	if err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	var recs []ledger.Record
	if !template {
		code, err := unitArg(ctx, db, *unit)
		if err != nil {
			return err
		}
		recs, _, err = db.FindRecords(ctx, d, ledger.Query{Year: *year, Unit: code})
		if err != nil {
			return err
		}
	}
	if err := writeLedgerFile(*out, d, recs, tree, template); err != nil {
		return err
	}
	if template {
		fmt.Fprintf(a.stdout, "已生成%s导入模板 %s\n", d.Name, *out)
	} else {
		fmt.Fprintf(a.stdout, "已导出%s %d 条到 %s\n", d.Name, len(recs), *out)
	}
	return nil
}

func writeLedgerFile(path string, d *ledger.Definition, recs []ledger.Record, tree *ledger.UnitTree, template bool) error {
	names := make([]string, len(tree.Units))
	for i, u := range tree.Units {
		names[i] = u.Name
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	write := func() error { return excel.Write(f, d, recs, names, tree.Name) }
	if template {
		write = func() error { return excel.WriteTemplate(f, d, names) }
	}
	if err := write(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}
