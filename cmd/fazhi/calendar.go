package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"fazhi/calendar"
)

func init() {
	register(&command{name: "calendar", usage: "show YEAR | import FILE", summary: "查看某年工作日历；导入国务院办公厅节假日安排通知",
		run: runCalendar})
}

func runCalendar(ctx context.Context, a *app, args []string) error {
	if len(args) != 2 || (args[0] != "show" && args[0] != "import") {
		return usageError{"用法: fazhi calendar show YEAR | fazhi calendar import FILE"}
	}
	db, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if args[0] == "show" {
		y, err := strconv.Atoi(args[1])
		if err != nil {
			return usageError{fmt.Sprintf("年份 %q 不是数字", args[1])}
		}
		cal, err := loadCalendar(ctx, db)
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
	days, years, err := calendar.ParseNotice(f)
	if err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	cal, err := loadCalendar(ctx, db)
	if err != nil {
		return err
	}
	if un := cal.Unlisted(days, years); len(un) > 0 {
		fmt.Fprintf(a.stderr, "注意：内置日历中有%d个特殊日期未出现在文件中，仍按内置日历处理（如需改为普通日期，请在文件中写明）：", len(un))
		for _, d := range un {
			fmt.Fprintf(a.stderr, " %s%s", calendar.Format(d.Date), d.Name)
		}
		fmt.Fprintln(a.stderr)
	}
	if err := db.SaveHolidays(ctx, days, years); err != nil {
		return err
	}
	n, err := refreshDeadlines(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "已导入%s节假日安排：%d 个特殊日期；重新计算期限，%d 条记录的期限有变化\n", calendar.YearRanges(years), len(days), n)
	return nil
}
