package main

import (
	"context"
	"fmt"

	"fazhi/deadline"
)

func init() {
	register(&command{name: "config", usage: "list | set KEY VALUE | unset KEY",
		summary: "管理员设置：可配置的期限天数、新旧复议法切换日期、临期提醒天数", run: runConfig})
}

func runConfig(ctx context.Context, a *app, args []string) error {
	const use = "用法: fazhi config list | fazhi config set KEY VALUE | fazhi config unset KEY"
	if len(args) == 0 {
		return usageError{use}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	cur, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "list" && len(args) == 1:
		for _, k := range deadline.SettingKeys() {
			v, ok := cur[k[0]]
			if !ok {
				v = "（默认）"
			}
			fmt.Fprintf(a.stdout, "%-44s %-12s %s\n", k[0], v, k[1])
		}
		return nil
	case (args[0] == "set" && len(args) == 3) || (args[0] == "unset" && len(args) == 2):
		next := map[string]string{}
		for k, v := range cur {
			next[k] = v
		}
		value := ""
		if args[0] == "set" {
			value = args[2]
			next[args[1]] = value
		} else {
			delete(next, args[1])
		}
		if _, err := deadline.ConfigFrom(next); err != nil {
			return err // nothing is stored
		}
		if err := db.SetSetting(ctx, args[1], value, actor()); err != nil {
			return err
		}
		n, err := refreshDeadlines(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已保存设置 %s；重新计算期限，%d 条记录的期限有变化\n", args[1], n)
		return nil
	}
	return usageError{use}
}
