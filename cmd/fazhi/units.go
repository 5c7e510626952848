package main

import (
	"context"
	"fmt"
	"strings"

	"fazhi/excel"
	"fazhi/importer"
)

func init() {
	register(&command{name: "units", usage: "import FILE | list",
		summary: "导入或列出单位名录（单位编码、单位名称、简称、上级单位、单位类型）",
		run:     runUnits})
}

func runUnits(ctx context.Context, a *app, args []string) error {
	if len(args) == 0 {
		return usageError{"用法: fazhi units import FILE [--errors-out F.xlsx] | fazhi units list"}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "import":
		fs := a.newFlags("units import")
		errorsOut := fs.String("errors-out", "", "有错误时，把原工作簿标注错误后写到此文件")
		pos, err := parseFlags(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"用法: fazhi units import FILE"}
		}
		t, err := excel.Read(pos[0])
		if err != nil {
			return err
		}
		existing, err := db.Units(ctx)
		if err != nil {
			return err
		}
		units, problems, err := importer.ParseUnits(t, existing)
		if err != nil {
			return err
		}
		if len(problems) > 0 {
			return a.reject(t, problems, *errorsOut)
		}
		ins, upd, err := db.SaveUnits(ctx, units)
		if err != nil {
			return fmt.Errorf("%s: 保存失败，未写入任何数据: %w", pos[0], err)
		}
		fmt.Fprintf(a.stdout, "%s → 单位名录：%d 个单位（新增 %d，更新 %d，未变 %d）\n", pos[0], len(units), ins, upd, len(units)-ins-upd)
		return nil
	case "list":
		units, err := db.Units(ctx)
		if err != nil {
			return err
		}
		depth := map[string]int{}
		for _, u := range units {
			if u.Parent != "" {
				depth[u.Code] = depth[u.Parent] + 1
			}
			fmt.Fprintf(a.stdout, "%-12s %s%s（%s）\n", u.Code, strings.Repeat("  ", depth[u.Code]), u.Name, u.Kind)
		}
		fmt.Fprintf(a.stdout, "共 %d 个单位\n", len(units))
		return nil
	}
	return usageError{"用法: fazhi units import FILE | fazhi units list"}
}
