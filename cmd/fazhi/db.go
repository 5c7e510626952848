package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fazhi/app"
)

// open opens the application layer on --db as the acting user (--as, or
// the local administrator). A read command passes app.Existing and is
// refused a database that does not exist; a write command passes
// app.Create and is told when it creates one.
func (a *cli) open(ctx context.Context, mode app.OpenMode) (*app.App, context.Context, error) {
	ap, created, err := app.Open(ctx, a.dsn, mode, a.appOptions())
	if err != nil {
		return nil, ctx, err
	}
	if created {
		fmt.Fprintf(a.stderr, "已新建数据库 %s\n", a.dsn)
	}
	act := app.LocalActor()
	if a.as != "" {
		if act, err = ap.Actor(ctx, a.as); err != nil {
			ap.Close()
			return nil, ctx, err
		}
	}
	if a.district != "" {
		if act, err = act.In(a.district); err != nil {
			ap.Close()
			return nil, ctx, err
		}
	}
	return ap, app.WithActor(ctx, act), nil
}

// appOptions are the application layer's options from the global flags:
// the audit key file, and a warning when a new key is made for a trail
// that already has entries.
func (a *cli) appOptions() app.Options {
	return app.Options{DataKeyFile: a.dataKey, ReadDSN: a.dbRead, AuditKeyFile: a.auditKey, AuditKeyCreated: func(path string, entries int64) {
		if entries > 0 {
			fmt.Fprintf(a.stderr, "警告：审计密钥文件 %s 不存在，已新建；已有的 %d 条审计记录无法用新密钥校验（请找回原密钥文件，用 --audit-key 指定）\n", path, entries)
			return
		}
		fmt.Fprintf(a.stderr, "已生成审计密钥文件 %s（请妥善保管并备份，勿与数据库放在同一备份中）\n", path)
	}}
}

// xlsxPath refuses an output path that does not end in .xlsx.
func xlsxPath(p string) error {
	if p != "" && !strings.EqualFold(filepath.Ext(p), ".xlsx") {
		return usageError{fmt.Sprintf("输出文件 %s 应以 .xlsx 结尾（写出的是 Excel 工作簿）", p)}
	}
	return nil
}

// isTerminal reports whether f is an interactive terminal (for progress lines).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
