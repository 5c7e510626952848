package main

import (
	"context"
	"fmt"
	"time"

	"fazhi/app"
	"fazhi/calendar"
	"fazhi/deadline"
	"fazhi/internal/termtext"
	"fazhi/warning"
)

func init() {
	register(&command{name: "warnings", usage: "[--as-of DATE] [--unit U]", summary: "列出全部台账中临期和逾期的事项，按紧急程度排序",
		run: runWarnings})
	register(&command{name: "due", usage: "LEDGER [--as-of DATE] [--year Y] [--unit U]", summary: "列出台账每条记录的法定期限和状态（正常/临期/逾期/按期办结/超期办结）",
		run: runDue})
}

// asOfFlag parses --as-of with the product's one date parser; "" leaves
// the business date (a setting, or today) to the application layer.
func asOfFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := app.ParseDate(s)
	if err != nil {
		return t, usageError{"--as-of: " + err.Error()}
	}
	return t, nil
}

func runWarnings(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("warnings")
	asOfS := fs.String("as-of", "", "以该日为准（默认为业务日期，未设置时为今天）")
	unit := fs.String("unit", "", "只看该单位及其下级单位")
	near := fs.Int("near", 0, "临期提醒提前的工作日数（默认 3）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	asOf, err := asOfFlag(*asOfS)
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	items, eng, asOf, err := ap.Warnings(ctx, asOf, *unit, *near)
	if err != nil {
		return err
	}
	return a.printWarnings(ctx, ap, items, eng, asOf)
}

// printWarnings prints warnings, most urgent first.
func (a *cli) printWarnings(ctx context.Context, ap *app.App, items []warning.Item, eng deadline.Engine, asOf time.Time) error {
	tree, err := ap.Units(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "截至 %s：逾期 %d 项，临期 %d 项（%d个工作日内到期）\n", calendar.Format(asOf), count(items, deadline.Overdue), count(items, deadline.Near), eng.Config.NearWorkdays)
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "状态\t天数\t届满日\t单位\t台账\t记录\t事项\t")
	for _, it := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", it.State, daysText(it), calendar.Format(it.Due), termtext.Cell(tree.Name(it.Unit())), it.Ledger.Name, termtext.Cell(it.Key()), it.Rule.Name)
	}
	return tw.Flush()
}

func count(items []warning.Item, s deadline.State) int {
	n := 0
	for _, it := range items {
		if it.State == s {
			n++
		}
	}
	return n
}

func daysText(it warning.Item) string {
	switch it.State {
	case deadline.Overdue:
		return fmt.Sprintf("超期%d天", it.Days)
	case deadline.DoneLate:
		return fmt.Sprintf("超期%d天办结", it.Days)
	case deadline.DoneOnTime:
		return "按期"
	}
	return fmt.Sprintf("剩%d天", it.Days)
}

func runDue(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("due")
	asOfS := fs.String("as-of", "", "以该日为准（默认为业务日期，未设置时为今天）")
	year := fs.Int("year", 0, "只看任一日期在该年度的记录")
	unit := fs.String("unit", "", "只看该单位及其下级单位")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"用法: fazhi due LEDGER [--as-of DATE] [--year Y] [--unit U]"}
	}
	asOf, err := asOfFlag(*asOfS)
	if err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	items, _, err := ap.Due(ctx, pos[0], asOf, *year, *unit)
	if err != nil {
		return err
	}
	tree, err := ap.Units(ctx)
	if err != nil {
		return err
	}
	tw := newTable(a.stdout)
	fmt.Fprintln(tw, "记录\t单位\t事项\t届满日\t状态\t\t")
	for _, it := range items {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", termtext.Cell(it.Key()), termtext.Cell(tree.Name(it.Unit())), it.Rule.Name, calendar.Format(it.Due), it.State, daysText(it))
	}
	return tw.Flush()
}
