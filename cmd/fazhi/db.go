package main

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"fazhi/ledger"
	"fazhi/store"
)

// openDB opens the database named by --db, applying migrations.
func (a *app) openDB(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, a.dsn)
}

// openScoped opens the database and resolves a --unit flag (code, name or
// short name; "" for every unit) in one step.
func (a *app) openScoped(ctx context.Context, unit string) (*store.DB, string, error) {
	db, err := a.openDB(ctx)
	if err != nil {
		return nil, "", err
	}
	code, err := unitArg(ctx, db, unit)
	if err != nil {
		db.Close()
		return nil, "", err
	}
	return db, code, nil
}

// actor names who runs a CLI command, for the record history.
func actor() string {
	if u, err := user.Current(); err == nil {
		return "命令行:" + u.Username
	}
	return "命令行"
}

// ledgerArg resolves a ledger ID given on the command line.
// A ledger may also be named by its Chinese name (行政复议案件).
func ledgerArg(id string) (*ledger.Definition, error) {
	if d, ok := ledger.Get(id); ok {
		return d, nil
	}
	var names []string
	for _, d := range ledger.All() {
		if d.Name == id {
			return d, nil
		}
		names = append(names, d.ID+"（"+d.Name+"）")
	}
	return nil, usageError{fmt.Sprintf("未知台账“%s”，可用的台账：%s；运行 fazhi ledgers 查看", id, strings.Join(names, "、"))}
}

// xlsxPath refuses an output path that does not end in .xlsx.
func xlsxPath(p string) error {
	if p != "" && !strings.EqualFold(filepath.Ext(p), ".xlsx") {
		return usageError{fmt.Sprintf("输出文件 %s 应以 .xlsx 结尾（写出的是 Excel 工作簿）", p)}
	}
	return nil
}

// unitArg resolves --unit (code, name or short name) to a unit code.
func unitArg(ctx context.Context, db *store.DB, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return "", err
	}
	code, ok := tree.Lookup(s)
	if !ok {
		msg := fmt.Sprintf("单位“%s”不在单位名录中", s)
		if c := tree.Closest(s); c != "" {
			msg += fmt.Sprintf("，是否为“%s”？", c)
		}
		return "", usageError{msg}
	}
	return code, nil
}

// isTerminal reports whether f is an interactive terminal (for progress lines).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
