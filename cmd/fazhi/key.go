package main

import (
	"context"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "key", usage: "status | new -o FILE | rotate --new-key FILE",
		summary: "数据密钥（加密证件号）：查看现用密钥、生成新密钥文件、轮换密钥（重新加密全部证件号）", run: runKey})
}

func runKey(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi key status | fazhi key new -o 新密钥文件 | fazhi key rotate --new-key 新密钥文件"
	if len(args) == 0 {
		return usageError{use}
	}
	switch args[0] {
	case "status":
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		info, err := ap.DataKey(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "现用数据密钥编号 %s，读自%s\n", info.ID, info.Source)
		return nil
	case "new":
		fs := a.newFlags("key new")
		out := fs.String("o", "", "新密钥文件（不得已存在；权限 0600）")
		if _, err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		if *out == "" {
			return usageError{use}
		}
		id, err := app.NewDataKeyFile(*out)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已生成数据密钥 %s（编号 %s）。请另行妥善备份，切勿与数据库备份放在一起；轮换：fazhi key rotate --new-key %s\n", *out, id, *out)
		return nil
	case "rotate":
		fs := a.newFlags("key rotate")
		nk := fs.String("new-key", "", "新密钥文件（用 fazhi key new -o 生成）")
		if _, err := parseFlags(fs, args[1:]); err != nil {
			return err
		}
		if *nk == "" {
			return usageError{use}
		}
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		res, err := ap.RotateDataKey(ctx, *nk)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "已轮换数据密钥：%s → %s，重新加密 %d 条记录和修改记录\n", res.OldID, res.NewID, res.Rows)
		if res.KeyFile != "" {
			fmt.Fprintf(a.stdout, "密钥文件 %s 已改为新密钥；请重启正在运行的 fazhi serve\n", res.KeyFile)
		} else {
			fmt.Fprintf(a.stdout, "今后请用新密钥：把环境变量 FAZHI_DATA_KEY 换为 %s 中的密钥（或改用 --data-key %s），并重启正在运行的 fazhi serve\n", *nk, *nk)
		}
		return nil
	}
	return usageError{use}
}
