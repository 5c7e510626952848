package main

import (
	"context"
	"fmt"
	"os"
	"os/user"

	"fazhi/ledger"
	"fazhi/store"
)

// openDB opens the database named by --db, applying migrations.
func (a *app) openDB(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, a.dsn)
}

// actor names who runs a CLI command, for the record history.
func actor() string {
	if u, err := user.Current(); err == nil {
		return "命令行:" + u.Username
	}
	return "命令行"
}

// ledgerArg resolves a ledger ID given on the command line.
func ledgerArg(id string) (*ledger.Definition, error) {
	d, ok := ledger.Get(id)
	if !ok {
		return nil, usageError{fmt.Sprintf("未知台账 %q，可用的台账：%v", id, ledger.IDs())}
	}
	return d, nil
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
