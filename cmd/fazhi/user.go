package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"fazhi/app"
	"fazhi/internal/termtext"
)

func init() {
	register(&command{name: "user", usage: "add NAME --role R --unit U [--scope S] [--password-stdin] | list | disable NAME | enable NAME | passwd NAME [--password-stdin] | grant NAME --role R --unit U --scope S",
		summary: "账号管理：创建、列出、停用、改密码、授予角色与数据范围（clerk/unit_head/admin/leader/sysadmin/secadmin/auditor）",
		run:     runUser})
}

func runUser(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi user add NAME --role ROLE --unit UNIT [--scope all|subtree|unit|own] [--password-stdin] | list | disable NAME | enable NAME | passwd NAME [--password-stdin] | grant NAME --role ROLE --unit UNIT --scope SCOPE"
	if len(args) == 0 {
		return usageError{use}
	}
	fs := a.newFlags("user " + args[0])
	role := fs.String("role", "", "角色：clerk 单位填报员、unit_head 单位负责人、admin 司法局管理员、leader 领导、sysadmin 系统管理员、secadmin 安全管理员、auditor 审计员")
	unit := fs.String("unit", "", "所属单位（编码、名称或简称）")
	scope := fs.String("scope", "", "数据范围：all 全部、subtree 本单位及下级、unit 本单位、own 仅本人录入（默认按角色）")
	stdin := fs.Bool("password-stdin", false, "从标准输入读取密码（第一行）")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	readPassword := func(prompt string) (string, error) {
		if !*stdin {
			return "", usageError{"请用 --password-stdin 从标准输入提供" + prompt}
		}
		line, err := bufio.NewReader(a.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", usageError{"标准输入中没有" + prompt}
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	grant := func() (app.Role, error) {
		if *role == "" {
			return "", usageError{"请用 --role 给出角色"}
		}
		return app.ParseRole(*role)
	}
	kind := func() (app.ScopeKind, error) {
		if *scope == "" {
			return app.ScopeNone, nil
		}
		return app.ParseScope(*scope)
	}
	switch {
	case args[0] == "add" && len(pos) == 1:
		var r app.Role
		if *role != "" {
			if r, err = app.ParseRole(*role); err != nil {
				return err
			}
		}
		k, err := kind()
		if err != nil {
			return err
		}
		pw, err := readPassword("初始密码")
		if err != nil {
			return err
		}
		acc, err := ap.AddUser(ctx, app.NewAccount{Name: pos[0], Role: r, Unit: *unit, Scope: k, Password: pw})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已创建账号 %s：%s，%s，数据范围 %s；首次登录须修改密码\n", acc.Name, acc.Role.Label(), orNone(acc.UnitName), acc.Scope.Label())
		if acc.Role == "" {
			fmt.Fprintln(a.stdout, "该账号尚无角色，须由安全管理员授予角色和数据范围后才能使用。")
		}
		return nil
	case args[0] == "list" && len(pos) == 0:
		users, err := ap.Users(ctx)
		if err != nil {
			return err
		}
		tw := newTable(a.stdout)
		fmt.Fprintln(tw, "账号\t角色\t单位\t数据范围\t状态\t")
		for _, u := range users {
			st := "正常"
			if u.Disabled {
				st = "已停用"
			} else if u.MustChangePassword {
				st = "待改密码"
			}
			fmt.Fprintf(tw, "%s\t%s（%s）\t%s\t%s\t%s\t\n", termtext.Cell(u.Name), u.Role.Label(), u.Role, termtext.Cell(orNone(u.UnitName)), u.Scope.Label(), st)
		}
		return tw.Flush()
	case (args[0] == "disable" || args[0] == "enable") && len(pos) == 1:
		if err := ap.SetDisabled(ctx, pos[0], args[0] == "disable"); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "账号 %s 已%s\n", pos[0], map[bool]string{true: "停用", false: "启用"}[args[0] == "disable"])
		return nil
	case args[0] == "passwd" && len(pos) == 1:
		pw, err := readPassword("新密码")
		if err != nil {
			return err
		}
		if err := ap.SetPassword(ctx, pos[0], "", pw); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已重置账号 %s 的密码；下次登录须修改密码\n", pos[0])
		return nil
	case args[0] == "grant" && len(pos) == 1:
		r, err := grant()
		if err != nil {
			return err
		}
		k, err := kind()
		if err != nil {
			return err
		}
		acc, err := ap.Grant(ctx, pos[0], r, *unit, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已授予账号 %s：%s，%s，数据范围 %s\n", acc.Name, acc.Role.Label(), orNone(acc.UnitName), acc.Scope.Label())
		return nil
	}
	return usageError{use}
}

func orNone(s string) string {
	if s == "" {
		return "（无单位）"
	}
	return s
}
