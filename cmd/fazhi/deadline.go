package main

import (
	"context"
	"fmt"

	"fazhi/app"
	"fazhi/deadline"
)

func init() {
	register(&command{name: "deadline", usage: "RULE --from DATE [--extended] [--simplified] [--suspend FROM:TO] [--days N] | --list",
		summary: "按法定期限规则计算届满日（第一行为日期），并列出所依据的法律条文", run: runDeadline})
}

// spans collects repeated --suspend FROM:TO flags.
type spans []deadline.Span

func (s *spans) String() string { return fmt.Sprint(*s) }
func (s *spans) Set(v string) error {
	sp, err := deadline.ParseSpan(v)
	if err != nil {
		return err
	}
	*s = append(*s, sp)
	return nil
}

func runDeadline(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("deadline")
	list := fs.Bool("list", false, "列出全部期限规则")
	from := fs.String("from", "", "起算日期（该日不计入）")
	lawDate := fs.String("law-date", "", "决定适用哪一版法律的日期（复议：受理日期），默认同 --from")
	extended := fs.Bool("extended", false, "已延期")
	simplified := fs.Bool("simplified", false, "适用简易程序")
	days := fs.Int("days", 0, "覆盖可配置规则的期限天数")
	var susp spans
	fs.Var(&susp, "suspend", "中止期间 FROM:TO（可重复）")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	eng := app.DefaultEngine()
	if ap, actx, err := a.open(ctx, app.Existing); err == nil {
		eng, err = ap.DeadlineEngine(actx)
		ap.Close()
		if err != nil {
			return err
		}
	} else if app.CodeOf(err) != app.NotFound {
		return err
	}
	if *list {
		return deadline.WriteRules(a.stdout, eng.Config)
	}
	if len(pos) != 1 || *from == "" {
		return usageError{"用法: fazhi deadline RULE --from DATE [--extended] [--simplified] [--suspend FROM:TO] [--days N]；fazhi deadline --list 列出规则"}
	}
	in := deadline.Input{Extended: *extended, Simplified: *simplified, Suspensions: susp}
	if in.From, err = app.ParseDate(*from); err != nil {
		return usageError{err.Error()}
	}
	if *lawDate != "" {
		if in.LawDate, err = app.ParseDate(*lawDate); err != nil {
			return usageError{err.Error()}
		}
	}
	if *days > 0 {
		in.DaysOverride = days
	}
	res, err := eng.Compute(pos[0], in)
	if err != nil {
		return err
	}
	fmt.Fprint(a.stdout, res.String())
	return nil
}
