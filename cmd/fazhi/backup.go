package main

import (
	"context"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "backup", usage: "-o F",
		summary: "备份数据库（运行中也可备份，得到某一时刻的完整副本；SQLite 用 VACUUM INTO，PostgreSQL 用 pg_dump）", run: runBackup})
	register(&command{name: "restore", usage: "F [--force]",
		summary: "从备份恢复数据库（检查备份完整、版本兼容、数据密钥相符；目标库非空时需 --force）", run: runRestore})
}

func runBackup(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("backup")
	out := fs.String("o", "", "备份文件")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"用法: fazhi backup -o 备份文件"}
	}
	if err := a.checkOutput(*out); err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	info, err := ap.Backup(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已备份到 %s（结构版本 %d，%d 个单位，%d 条修改记录%s）\n", *out, info.Version, info.Units, info.History, keyNote(info))
	return nil
}

// keyNote names the data key a backup needs.
func keyNote(info app.BackupInfo) string {
	if info.KeyID == "" {
		return ""
	}
	return "；证件号已加密，恢复时需要编号为 " + info.KeyID + " 的数据密钥"
}

func runRestore(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("restore")
	force := fs.Bool("force", false, "目标数据库已有数据时仍然覆盖")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"用法: fazhi restore 备份文件 [--force]"}
	}
	info, err := app.Restore(ctx, a.dsn, pos[0], *force, app.Options{DataKeyFile: a.dataKey})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已从 %s 恢复数据库（结构版本 %d，%d 个单位，%d 条修改记录）\n", pos[0], info.Version, info.Units, info.History)
	return nil
}
