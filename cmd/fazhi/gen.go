package main

import (
	"context"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "gen", usage: "--districts N --year Y [--seed S] [--scale K]",
		summary: "生成模拟数据：河南省 N 个区县（及所属市、省）按偃师区演示数据的结构和比例生成一年的单位名录和全部台账（150 个区县约 120 万条记录），同一种子结果相同；只能写入空库或此前生成的库",
		run:     runGen})
}

func runGen(ctx context.Context, a *cli, args []string) error {
	const use = "用法: fazhi gen --districts N --year Y [--seed S] [--scale K]"
	fs := a.newFlags("gen")
	districts := fs.Int("districts", 0, "区县数（1—157，河南省的县级行政区划，偃师区在先）")
	year := fs.Int("year", 0, "年度（演示数据的 2022 年移到该年，前后各一年的记录随之移动）")
	seed := fs.Uint64("seed", 1, "随机种子：同一种子生成的数据完全相同")
	scale := fs.Float64("scale", 1, "记录数倍数（1 为偃师区演示数据的规模）")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{use}
	}
	switch {
	case *districts == 0:
		return usageError{"请用 --districts 指定生成几个区县（1—157）。" + use}
	case *year == 0:
		return usageError{"请用 --year 指定生成哪一年的数据。" + use}
	case *scale <= 0:
		return fmt.Errorf("--scale 应为大于 0、不超过 100 的倍数，而不是 %g", *scale)
	}
	opt := app.GenerateOptions{Districts: *districts, Year: *year, Seed: *seed, Scale: *scale}
	// Bad options are refused before the database is created or opened.
	if err := opt.Check(); err != nil {
		return err
	}
	ap, ctx, err := a.open(ctx, app.Create)
	if err != nil {
		return err
	}
	defer ap.Close()
	fmt.Fprintf(a.stdout, "生成模拟数据：%d 个区县，%d 年，种子 %d，倍数 %g\n", *districts, *year, *seed, *scale)
	opt.Progress = func(p app.GenerateProgress) {
		fmt.Fprintf(a.stdout, "[%d/%d] %s%s（%s）：%d 条记录，累计用时 %.1f 秒\n", p.Done, p.Of, p.District.CityName, p.District.Name,
			p.District.Code, p.Records, p.Elapsed.Seconds())
	}
	res, err := ap.Generate(ctx, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "生成完成：%d 个区县，新增单位 %d 个，记录 %d 条（新增 %d 条），用时 %.1f 秒\n",
		res.Districts, res.Units, res.Records, res.Inserted, res.Elapsed.Seconds())
	fmt.Fprintln(a.stdout, "模拟数据不含登录账号。网页登录前先建账号，账号的单位决定数据范围，例如全省：\n  fazhi user add 省管理员 --role admin --unit 河南省司法厅 --scope all --password-stdin")
	return nil
}
