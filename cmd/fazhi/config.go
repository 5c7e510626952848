package main

import (
	"context"
	"fmt"

	"fazhi/app"
	"fazhi/deadline"
)

func init() {
	register(&command{name: "config", usage: "list | set KEY VALUE | unset KEY",
		summary: "管理员设置：可配置的期限天数、新旧复议法切换日期、临期提醒天数、业务日期", run: runConfig})
}

func runConfig(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi config list | fazhi config set KEY VALUE | fazhi config unset KEY"
	if len(args) == 0 {
		return usageError{use}
	}
	switch {
	case args[0] == "list" && len(args) == 1:
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		cur, err := ap.Settings(ctx)
		if err != nil {
			return err
		}
		keys := append(deadline.SettingKeys(), [2]string{app.SettingAsOf, "业务日期：期限状态、预警和“本年度”以此日为准（默认今天）"})
		for _, k := range keys {
			v, ok := cur[k[0]]
			if !ok {
				v = "（默认）"
			}
			fmt.Fprintf(a.stdout, "%-44s %-12s %s\n", k[0], v, k[1])
		}
		return nil
	case (args[0] == "set" && len(args) == 3) || (args[0] == "unset" && len(args) == 2):
		value := ""
		if args[0] == "set" {
			value = args[2]
		}
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		n, err := ap.SetSetting(ctx, args[1], value)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已保存设置 %s；重新计算期限，%d 条记录的期限有变化\n", args[1], n)
		return nil
	}
	return usageError{use}
}
