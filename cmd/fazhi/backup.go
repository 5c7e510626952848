package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fazhi/app"
	"fazhi/internal/atomicfile"
	"fazhi/store"
)

func init() {
	register(&command{name: "backup", usage: "-o F.db",
		summary: "备份数据库（SQLite：运行中也可备份，得到某一时刻的完整副本）", run: runBackup})
	register(&command{name: "restore", usage: "F.db [--force]",
		summary: "从备份恢复数据库（检查备份完整、版本兼容；目标库非空时需 --force）", run: runRestore})
}

func runBackup(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("backup")
	out := fs.String("o", "", "备份文件")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"用法: fazhi backup -o 备份.db"}
	}
	if store.IsPostgres(a.dsn) {
		return store.ErrBackupPostgres
	}
	if err := a.checkOutput(*out); err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	// VACUUM INTO writes a new file; it goes beside the target and is
	// renamed into place once complete and checked.
	tmp, err := os.MkdirTemp(filepath.Dir(*out), ".fazhi-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	part := filepath.Join(tmp, "backup.db")
	if err := ap.Store().Backup(ctx, part); err != nil {
		return err
	}
	info, err := store.CheckBackup(ctx, part)
	if err != nil {
		return err
	}
	if err := os.Rename(part, *out); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已备份到 %s（结构版本 %d，%d 个单位，%d 条修改记录）\n", *out, info.Version, info.Units, info.History)
	return nil
}

func runRestore(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("restore")
	force := fs.Bool("force", false, "目标数据库已有数据时仍然覆盖")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"用法: fazhi restore 备份.db [--force]"}
	}
	if store.IsPostgres(a.dsn) {
		return store.ErrBackupPostgres
	}
	if err := atomicfile.Check(a.dsn, atomicfile.Protected{Path: pos[0], What: "备份文件"}); err != nil {
		return usageError{err.Error()}
	}
	info, err := store.CheckBackup(ctx, pos[0])
	if err != nil {
		return err
	}
	if _, err := os.Stat(a.dsn); err == nil {
		ap, _, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		empty, err := ap.Store().Empty(ctx)
		ap.Close()
		if err != nil {
			return err
		}
		if !empty && !*force {
			return fmt.Errorf("数据库 %s 已有数据，未恢复；确认要用备份覆盖时加 --force（请先停止正在使用该数据库的服务）", a.dsn)
		}
	}
	// The copy is written beside the database and renamed over it, so a
	// failed restore leaves the database as it was. The old WAL and shared
	// memory files belong to the replaced database and go with it.
	data, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer data.Close()
	err = atomicfile.Write(a.dsn, func(w io.Writer) error {
		if _, err := io.Copy(w, data); err != nil {
			return err
		}
		os.Remove(a.dsn + "-wal")
		os.Remove(a.dsn + "-shm")
		return nil
	})
	if err != nil {
		return err
	}
	ap, _, err := a.open(ctx, app.Existing) // brings an older backup up to this build's schema
	if err != nil {
		return fmt.Errorf("恢复后打开数据库失败: %w", err)
	}
	ap.Close()
	fmt.Fprintf(a.stdout, "已从 %s 恢复数据库 %s（结构版本 %d，%d 个单位，%d 条修改记录）\n", pos[0], a.dsn, info.Version, info.Units, info.History)
	return nil
}
