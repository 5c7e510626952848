package main

import (
	"context"
	"fmt"
	"strings"

	"fazhi/bench"
)

func init() {
	register(&command{name: "bench", usage: "[--quick] [--engine sqlite|postgres|both] [--db DSN] [--run 正则]",
		summary: "性能基准：每项与同一次运行中测得的下限（手写 SQL、裸 net/http）比较",
		run:     runBench})
}

func runBench(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("bench")
	quick := fs.Bool("quick", false, "小数据、少迭代（一分钟内完成）")
	engine := fs.String("engine", "both", "数据库：sqlite、postgres 或 both")
	db := fs.String("db", "", "PostgreSQL 连接串 postgres://…（默认环境变量 FAZHI_BENCH_PG，再 FAZHI_TEST_PG），或 SQLite 文件（默认用户缓存目录中的基准数据）")
	run := fs.String("run", "", "只运行名称匹配该正则表达式的基准")
	records := fs.Int("records", 0, "大台账的记录数（默认 2000000，--quick 时 20000）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	res, skipped, err := bench.Main(ctx, bench.Command{Quick: *quick, Engine: *engine, DB: *db, Run: *run, Records: *records,
		Logf: func(f string, v ...any) { fmt.Fprintf(a.stderr, f+"\n", v...) }})
	for _, s := range skipped {
		fmt.Fprintln(a.stderr, s)
	}
	writeBench(a, res)
	return err
}

// writeBench prints the results as a table, then each result's note.
func writeBench(a *cli, res []bench.Result) {
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "基准\t数据库\t单位\t实测\t下限\t倍数\t目标\t结果\t")
	for _, r := range res {
		target, mark := "—", "·"
		if r.Target > 0 { // else reported only
			target = fmt.Sprintf("≤%.1f×", r.Target)
			mark = "✓"
			if !r.Pass() {
				mark = "✗"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.2f×\t%s\t%s\t\n", r.Name, r.Engine, r.Unit, num(r.Figure), num(r.Floor), r.Ratio, target, mark)
	}
	tw.Flush()
	var notes []string
	for _, r := range res {
		if r.Note != "" {
			notes = append(notes, fmt.Sprintf("  %s（%s）: %s", r.Name, r.Engine, r.Note))
		}
	}
	if len(res) > 0 {
		fmt.Fprintln(a.stdout, "\n倍数 = 实测 ÷ 下限（同一次运行中测得的最省做法：手写 SQL、裸 net/http 处理器）；✓ 达到目标，✗ 未达到，· 只报告不设目标。")
	}
	if len(notes) > 0 {
		fmt.Fprintln(a.stdout, "\n说明:\n"+strings.Join(notes, "\n"))
	}
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3f", v)
}
