package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fazhi/app"
)

func init() {
	register(&command{name: "demo", usage: "[--addr HOST:PORT] [--no-serve] | load | export-files DIR",
		summary: "演示：在临时目录新建数据库，载入偃师区2022年数据，计算指标、生成年度报告，再启动网页并列出各角色的演示账号；load 只载入到 --db",
		run:     runDemo})
}

func runDemo(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi demo [--addr HOST:PORT] [--no-serve] | fazhi demo load | fazhi demo export-files DIR"
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs := a.newFlags("demo")
		addr := fs.String("addr", "127.0.0.1:8080", "网页服务的地址（主机:端口）；端口被占用时另选空闲端口")
		noServe := fs.Bool("no-serve", false, "只载入数据、计算指标和生成报告，不启动网页")
		if rest, err := parseFlags(fs, args); err != nil {
			return err
		} else if len(rest) > 0 {
			return usageError{use}
		}
		if err := a.runFreshDemo(ctx); err != nil {
			return err
		}
		if *noServe {
			return nil
		}
		return a.serve(ctx, serveConfig{addr: *addr, district: "偃师区", fallback: true})
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
		files, err := app.WriteDemoFiles(args[1])
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

// loadDemo loads the 偃师区 2022 data set into --db through the import
// path, as a user would. Loading again changes nothing.
func (a *cli) loadDemo(ctx context.Context) error {
	start := time.Now()
	ap, ctx, err := a.open(ctx, app.Create)
	if err != nil {
		return err
	}
	defer ap.Close()
	fmt.Fprintln(a.stdout, "载入偃师区2022年演示数据：单位名录和全部台账")
	files, rows, changed, err := ap.LoadDemo(ctx, func(f app.DemoFile) {
		r := f.Result
		if r.Ledger == nil {
			fmt.Fprintf(a.stdout, "%s → 单位名录：%d 个单位（新增 %d，更新 %d，未变 %d）\n", r.File, f.Units[0], f.Units[1], f.Units[2], f.Units[0]-f.Units[1]-f.Units[2])
			return
		}
		sr := r.Result
		fmt.Fprintf(a.stdout, "%s → %s：%d 行（新增 %d，更新 %d，未变 %d）\n", r.File, r.Ledger.Name, r.Rows, sr.Inserted, sr.Updated, sr.Unchanged)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "演示数据载入完成：%d 个台账，%d 条记录（新增或更新 %d 条），用时 %.1f 秒\n",
		files, rows, changed, time.Since(start).Seconds())
	return nil
}
