package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"fazhi/calendar"
	"fazhi/cleanup"
	"fazhi/demo"
	"fazhi/ledger"
	"fazhi/store"
)

func init() {
	register(&command{name: "demo", usage: "[load | export-files DIR]",
		summary: "演示：在临时目录新建数据库，载入偃师区2022年数据，计算指标并生成年度报告；load 只载入到 --db",
		run:     runDemo})
}

func runDemo(ctx context.Context, a *app, args []string) error {
	const use = "用法: fazhi demo | fazhi demo load | fazhi demo export-files DIR"
	if len(args) == 0 {
		return a.runFreshDemo(ctx)
	}
	switch args[0] {
	case "load":
		if len(args) != 1 {
			return usageError{use}
		}
		return a.loadDemo(ctx)
	case "export-files":
		if len(args) != 2 {
			return usageError{use}
		}
		files, err := demo.Write(args[1])
		if err != nil {
			return err
		}
		for _, f := range files {
			fmt.Fprintf(a.stdout, "%s\t%d 行\n", f.Path, f.Rows)
		}
		fmt.Fprintf(a.stdout, "已写出 %d 个演示数据文件到 %s；可用 fazhi units import 和 fazhi import 逐个导入\n", len(files), args[1])
		return nil
	}
	return usageError{use}
}

// loadDemo writes the demo files to a temporary directory and imports them
// as a user would: the unit tree first, then every ledger. Importing the
// same files again changes nothing.
func (a *app) loadDemo(ctx context.Context) error {
	start := time.Now()
	dir, err := os.MkdirTemp("", "fazhi-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files, err := demo.Write(dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "载入偃师区2022年演示数据：单位名录和全部台账")
	if err := runUnits(ctx, a, []string{"import", files[0].Path}); err != nil {
		return err
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, changed := 0, 0
	for _, f := range files[1:] {
		d, ok := ledger.Get(f.Ledger)
		if !ok {
			return fmt.Errorf("演示数据中的台账 %s 未定义", f.Ledger)
		}
		sr, err := a.importLedger(ctx, db, d, f.Path, "")
		if err != nil {
			return err
		}
		rows += f.Rows
		changed += sr.Inserted + sr.Updated
	}
	if err := saveDemoReport(ctx, db); err != nil {
		return err
	}
	if err := recordDemoCleanup(ctx, db); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "演示数据载入完成：%d 个台账，%d 条记录（新增或更新 %d 条），用时 %.1f 秒\n",
		len(files)-1, rows, changed, time.Since(start).Seconds())
	return nil
}

// recordDemoCleanup puts the demo's 2022 cleanup campaign on record (its
// cut-off, scope and decision), as `fazhi cleanup open` and `publish` would
// have; its conclusions came in with the normdoc_cleanup file.
func recordDemoCleanup(ctx context.Context, db *store.DB) error {
	c := demo.Cleanup2022
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	b := cleanup.Batch{Name: c.Batch, DecisionNo: c.DecisionNo}
	for _, name := range c.Issuers {
		code, ok := tree.Lookup(name)
		if !ok {
			return fmt.Errorf("演示清理批次的制定机关“%s”不在单位名录中", name)
		}
		b.Issuers = append(b.Issuers, code)
	}
	if b.Cutoff, err = calendar.ParseDate(c.Cutoff); err != nil {
		return err
	}
	if b.DecisionDate, err = calendar.ParseDate(c.DecisionDate); err != nil {
		return err
	}
	return db.RecordPublishedCleanup(ctx, b, store.Change{Actor: "演示数据"})
}
