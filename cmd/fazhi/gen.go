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
	} else if len(rest) > 0 || *districts == 0 || *year == 0 {
		return usageError{use}
	}
	ap, ctx, err := a.open(ctx, app.Create)
	if err != nil {
		return err
	}
	defer ap.Close()
	fmt.Fprintf(a.stdout, "生成模拟数据：%d 个区县，%d 年，种子 %d，倍数 %g\n", *districts, *year, *seed, *scale)
	res, err := ap.Generate(ctx, app.GenerateOptions{Districts: *districts, Year: *year, Seed: *seed, Scale: *scale,
		Progress: func(p app.GenerateProgress) {
			fmt.Fprintf(a.stdout, "[%d/%d] %s%s（%s）：%d 条记录，累计用时 %.1f 秒\n", p.Done, p.Of, p.District.CityName, p.District.Name,
				p.District.Code, p.Records, p.Elapsed.Seconds())
		}})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "生成完成：%d 个区县，新增单位 %d 个，记录 %d 条（新增 %d 条），用时 %.1f 秒\n",
		res.Districts, res.Units, res.Records, res.Inserted, res.Elapsed.Seconds())
	return nil
}
