package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"fazhi/app"
	"fazhi/calendar"
)

func init() {
	register(&command{name: "calendar", usage: "show YEAR | import FILE", summary: "查看某年工作日历；导入国务院办公厅节假日安排通知",
		run: runCalendar})
}

func runCalendar(ctx context.Context, a *cli, args []string) error {
	if len(args) != 2 || (args[0] != "show" && args[0] != "import") {
		return usageError{"用法: fazhi calendar show YEAR | fazhi calendar import FILE"}
	}
	if args[0] == "show" {
		y, err := strconv.Atoi(args[1])
		if err != nil {
			return usageError{fmt.Sprintf("年份 %q 不是数字", args[1])}
		}
		ap, ctx, err := a.open(ctx, app.Existing)
		if err != nil {
			return err
		}
		defer ap.Close()
		cal, err := ap.Calendar(ctx)
		if err != nil {
			return err
		}
		return cal.WriteYear(a.stdout, y)
	}
	f, err := os.Open(args[1])
	if err != nil {
		return err
	}
	defer f.Close()
	ap, ctx, err := a.open(ctx, app.Create)
	if err != nil {
		return err
	}
	defer ap.Close()
	res, err := ap.ImportCalendar(ctx, args[1], f)
	if err != nil {
		return err
	}
	if len(res.Unlisted) > 0 {
		fmt.Fprintf(a.stderr, "注意：内置日历中有%d个特殊日期未出现在文件中，仍按内置日历处理（如需改为普通日期，请在文件中写明）：", len(res.Unlisted))
		for _, d := range res.Unlisted {
			fmt.Fprintf(a.stderr, " %s%s", calendar.Format(d.Date), d.Name)
		}
		fmt.Fprintln(a.stderr)
	}
	fmt.Fprintf(a.stdout, "已导入%s节假日安排：%d 个特殊日期；重新计算期限，%d 条记录的期限有变化\n", calendar.YearRanges(res.Years), len(res.Days), res.Changed)
	return nil
}
