package main

import (
	"context"
	"fmt"
	"strings"

	"fazhi/app"
	"fazhi/internal/termtext"
)

func init() {
	register(&command{name: "record", usage: "add|edit|delete|restore|show|history|list LEDGER [KEY] [字段=值 ...]",
		summary: "逐条录入、修改、删除（可恢复）和查看一条台账记录及其修改历史",
		run:     runRecord})
}

const recordUse = `用法:
  fazhi record add LEDGER 字段=值 ...                  新增一条记录（字段用中文表头或字段名）
  fazhi record edit LEDGER KEY 字段=值 ... [--if-version N]  修改一条记录的若干字段，其余字段不变
  fazhi record delete LEDGER KEY --reason 原因         删除（保留记录，可恢复）
  fazhi record restore LEDGER KEY                      恢复已删除的记录
  fazhi record show LEDGER KEY                         查看一条记录
  fazhi record history LEDGER KEY                      查看修改历史
  fazhi record list LEDGER [--year Y] [--unit U] [--search 关键词] [--deleted]
KEY 为台账的唯一标识（如案号 偃政复〔2022〕1号；多个字段组成时用 / 分开）`

func runRecord(ctx context.Context, a *cli, args []string) error {
	if len(args) < 2 {
		return usageError{recordUse}
	}
	verb := args[0]
	fs := a.newFlags("record " + verb)
	ifVersion := fs.Int64("if-version", 0, "修改所依据的版本号（他人已改过则拒绝）")
	reason := fs.String("reason", "", "删除原因")
	year := fs.Int("year", 0, "年度")
	unit := fs.String("unit", "", "单位")
	text := fs.String("search", "", "关键词")
	deleted := fs.Bool("deleted", false, "只列出已删除的记录")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	needKey := verb != "add" && verb != "list"
	if len(pos) < 1 || (needKey && len(pos) < 2) {
		return usageError{recordUse}
	}
	d, err := app.Ledger(pos[0])
	if err != nil {
		return usageError{err.Error()}
	}
	var key string
	rest := pos[1:]
	if needKey {
		key, rest = pos[1], pos[2:]
	}
	values := map[string]string{}
	for _, kv := range rest {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return usageError{fmt.Sprintf("“%s”应写作 字段=值", kv)}
		}
		values[strings.TrimSpace(k)] = v
	}
	if (verb == "add" || verb == "edit") && len(values) == 0 {
		return usageError{"请给出要填写的字段：字段=值 ..."}
	}
	if verb != "add" && verb != "edit" && len(values) > 0 {
		return usageError{recordUse}
	}
	mode := app.Existing
	ap, ctx, err := a.open(ctx, mode)
	if err != nil {
		return err
	}
	defer ap.Close()
	tree, err := ap.Units(ctx)
	if err != nil {
		return err
	}
	switch verb {
	case "add":
		v, err := ap.AddRecord(ctx, d.ID, values)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已新增%s %s（第%d版）\n", d.Name, v.Key, v.Version)
		a.printRecord(v, tree.Name)
	case "edit":
		v, err := ap.EditRecord(ctx, d.ID, key, values, *ifVersion)
		if err != nil {
			return err
		}
		if v.Unchanged {
			fmt.Fprintf(a.stdout, "%s %s 没有变化（仍为第%d版）\n", d.Name, v.Key, v.Version)
		} else {
			fmt.Fprintf(a.stdout, "已修改%s %s（现为第%d版）\n", d.Name, v.Key, v.Version)
		}
		a.printRecord(v, tree.Name)
	case "delete":
		if err := ap.DeleteRecord(ctx, d.ID, key, *reason); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已删除%s %s（可用 fazhi record restore 恢复）\n", d.Name, key)
	case "restore":
		if err := ap.RestoreRecord(ctx, d.ID, key); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已恢复%s %s\n", d.Name, key)
	case "show":
		v, err := ap.GetRecord(ctx, d.ID, key)
		if err != nil {
			return err
		}
		a.printRecord(v, tree.Name)
	case "history":
		hs, err := ap.RecordHistory(ctx, d.ID, key)
		if err != nil {
			return err
		}
		for _, h := range hs {
			fmt.Fprintf(a.stdout, "%s  第%d版  %s  %s（%s）\n", h.At.In(app.ChinaTime).Format("2006-01-02 15:04:05"), h.Version, h.Action, h.Actor, h.Source)
			if c := app.DescribeChange(d, h); c != "" {
				fmt.Fprintf(a.stdout, "    %s\n", c)
			}
		}
	case "list":
		p, err := ap.ListRecords(ctx, d.ID, app.ListQuery{Year: *year, Unit: *unit, Text: *text, Deleted: *deleted, PageSize: 1 << 30})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s：共 %d 条\n", d.Name, p.Total)
		writeViews(a, d, p.Records, tree.Name)
	default:
		return usageError{recordUse}
	}
	return nil
}

// printRecord prints one record field by field, with its bookkeeping.
func (a *cli) printRecord(v app.RecordView, unitName func(string) string) {
	tw := newTable(a.stdout)
	for _, f := range v.Ledger.Fields {
		if x, ok := v.Record[f.Name]; ok {
			fmt.Fprintf(tw, "%s\t%s\t\n", f.Label, termtext.Cell(f.Format(x, unitName)))
		}
	}
	fmt.Fprintf(tw, "版本\t%d\t\n", v.Version)
	if v.RecordUnit != "" {
		fmt.Fprintf(tw, "录入单位\t%s\t\n", termtext.Cell(unitName(v.RecordUnit)))
	}
	if v.CreatedBy != "" {
		fmt.Fprintf(tw, "录入账号\t%s\t\n", termtext.Cell(v.CreatedBy))
	}
	if v.Deleted {
		fmt.Fprintf(tw, "状态\t已删除（%s，%s，原因：%s）\t\n", v.DeletedAt, termtext.Cell(v.DeletedBy), termtext.Cell(v.DeleteWhy))
	}
	tw.Flush()
}
