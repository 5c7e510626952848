package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"fazhi/app"
)

func init() {
	register(&command{name: "units", usage: "import FILE | list | alias 别名 单位 | alias list | alias remove 别名 | rename|move|merge|abolish 单位 [新名称|上级|并入单位] --on 日期 | history",
		summary: "导入或列出单位名录（单位编码、单位名称、简称、上级单位、单位类型）",
		run:     runUnits})
}

func runUnits(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi units import FILE [--errors-out F.xlsx] | fazhi units list | fazhi units alias 别名 单位 | fazhi units alias list | fazhi units alias remove 别名 | fazhi units rename 单位 新名称 --on 日期 | fazhi units move 单位 新上级 --on 日期 | fazhi units merge 单位 并入单位 --on 日期 | fazhi units abolish 单位 --on 日期 | fazhi units history"
	if len(args) == 0 {
		return usageError{use}
	}
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
		if err := a.checkErrorsOut(*errorsOut, pos[0]); err != nil {
			return err
		}
		ap, ctx, err := a.open(ctx, app.Create)
		if err != nil {
			return err
		}
		defer ap.Close()
		res, ins, upd, err := ap.ImportUnits(ctx, pos[0])
		if err != nil {
			if len(res.Problems) > 0 {
				fmt.Fprint(a.stderr, app.ProblemsText(pos[0], res.Problems))
				if *errorsOut != "" {
					var buf bytes.Buffer
					if werr := ap.WriteErrorWorkbook(&buf, res); werr == nil {
						if werr := a.writeOutputFile(*errorsOut, buf.Bytes(), pos[0]); werr != nil {
							return errors.Join(err, werr)
						}
						fmt.Fprintf(a.stderr, "已把标注了错误单元格的工作簿写到 %s\n", *errorsOut)
					}
				}
			}
			return err
		}
		fmt.Fprintf(a.stdout, "%s → 单位名录：%d 个单位（新增 %d，更新 %d，未变 %d）\n", pos[0], res.Rows, ins, upd, res.Rows-ins-upd)
		return nil
	case "alias":
		return a.unitAlias(ctx, args[1:])
	case "rename", "move", "merge", "abolish":
		return a.unitChange(ctx, args[0], args[1:])
	case "history":
		return a.unitHistory(ctx)
	case "list":
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		tree, err := ap.Units(ctx)
		if err != nil {
			return err
		}
		depth := map[string]int{}
		for _, u := range tree.Units {
			if u.Parent != "" {
				depth[u.Code] = depth[u.Parent] + 1
			}
			ended := ""
			if u.ValidTo != "" {
				ended = "，" + u.ValidTo + "起撤销或并入"
			}
			fmt.Fprintf(a.stdout, "%-12s %s%s（%s%s）\n", u.Code, strings.Repeat("  ", depth[u.Code]), u.Name, u.Kind, ended)
		}
		fmt.Fprintf(a.stdout, "共 %d 个单位\n", len(tree.Units))
		return nil
	}
	return usageError{use}
}

// unitAlias declares, lists or removes the other names of units (区发改委
// for 偃师区发展和改革委员会), which every import then resolves.
func (a *cli) unitAlias(ctx context.Context, args []string) error {
	usage := usageError{"用法: fazhi units alias 别名 单位 | fazhi units alias list | fazhi units alias remove 别名"}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	switch {
	case len(args) == 0 || len(args) == 1 && args[0] == "list":
		as, err := ap.UnitAliases(ctx)
		if err != nil {
			return err
		}
		tree, err := ap.Units(ctx)
		if err != nil {
			return err
		}
		for _, al := range as {
			fmt.Fprintf(a.stdout, "%s → %s\n", al.Alias, tree.Name(al.Code))
		}
		fmt.Fprintf(a.stdout, "共 %d 个别名\n", len(as))
		return nil
	case len(args) == 2 && args[0] == "remove":
		if err := ap.RemoveUnitAlias(ctx, args[1]); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已删除别名“%s”\n", args[1])
		return nil
	case len(args) == 2:
		name, err := ap.SetUnitAlias(ctx, args[0], args[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "别名“%s”→ %s\n", args[0], name)
		return nil
	}
	return usage
}

// unitChange records a dated change of the unit tree: rename, move, merge
// or abolish a unit on a day (机构改革).
func (a *cli) unitChange(ctx context.Context, kind string, args []string) error {
	fs := a.newFlags("units " + kind)
	on := fs.String("on", "", "变更生效的日期（YYYY-MM-DD）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"rename": 2, "move": 2, "merge": 2, "abolish": 1}[kind]
	if len(pos) != want || *on == "" {
		return usageError{map[string]string{
			"rename":  "用法: fazhi units rename 单位 新名称 --on 日期",
			"move":    "用法: fazhi units move 单位 新上级单位 --on 日期",
			"merge":   "用法: fazhi units merge 单位 并入的单位 --on 日期",
			"abolish": "用法: fazhi units abolish 单位 --on 日期",
		}[kind]}
	}
	c := app.UnitChange{Kind: app.UnitEventKind(kind), Unit: pos[0], On: *on}
	if len(pos) == 2 {
		c.To = pos[1]
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	e, err := ap.ChangeUnit(ctx, c)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, app.DescribeUnitEvent(e))
	return nil
}

// unitHistory lists the recorded changes of the unit tree.
func (a *cli) unitHistory(ctx context.Context) error {
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	evs, err := ap.UnitEvents(ctx)
	if err != nil {
		return err
	}
	for _, e := range evs {
		fmt.Fprintln(a.stdout, app.DescribeUnitEvent(e))
	}
	fmt.Fprintf(a.stdout, "共 %d 项单位变更\n", len(evs))
	return nil
}
