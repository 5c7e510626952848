package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"fazhi/app"
	"fazhi/indicator"
)

func init() {
	register(&command{name: "indicators", usage: "--year Y [--unit U] [--by-district] [--accepted-only] [--json]", summary: "计算年度指标",
		run: runIndicators})
}

func runIndicators(ctx context.Context, a *cli, args []string) error {
	fs := a.newFlags("indicators")
	year := fs.Int("year", 0, "年度")
	unit := fs.String("unit", "", "只统计该单位及其下级单位")
	asJSON := fs.Bool("json", false, "输出 JSON")
	acceptedOnly := fs.Bool("accepted-only", false, "只统计已接收的报送（报送轮次中司法局已接收的单位和台账）")
	allowEmpty := fs.Bool("allow-empty", false, "该年度在统计范围内没有任何记录时仍输出（各项为0，比率为空）")
	byDistrict := fs.Bool("by-district", false, "按区县比较：--unit 给出的市、省（如 4103）之下各区县的每项指标（数值、排名、上年、增减）")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *byDistrict {
		if *year == 0 || *acceptedOnly {
			return usageError{"用法: fazhi indicators --year Y --unit 市或省 --by-district [--json]"}
		}
		return a.indicatorsByDistrict(ctx, *year, *unit, *asJSON)
	}
	if *year == 0 {
		return usageError{"用法: fazhi indicators --year Y [--unit U] [--json]"}
	}
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	compute := ap.Indicators
	if *acceptedOnly {
		compute = ap.IndicatorsAccepted
	}
	vals, err := compute(ctx, *year, *unit)
	if err != nil {
		return err
	}
	if indicator.NoRecords(vals) && !*allowEmpty {
		scope := "全部单位"
		if *unit != "" {
			scope = *unit + "及其下级单位"
		}
		return fmt.Errorf("%d年度在统计范围（%s）内没有任何台账记录，指标无从计算：请确认年度是否正确、台账是否已导入；确需输出全零结果时加 --allow-empty", *year, scope)
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(vals)
	}
	return a.printIndicators(*year, vals)
}

// printIndicators prints figures as a table.
func (a *cli) printIndicators(year int, vals []indicator.Value) error {
	tw := newTable(a.stdout)
	fmt.Fprintf(tw, "指标\t名称\t%d年\t\n", year)
	for _, v := range vals {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", v.ID, v.Name, formatValue(v))
	}
	return tw.Flush()
}

// formatValue renders a figure with its unit, and a rate's parts.
func formatValue(v indicator.Value) string {
	if v.Null && v.Denominator == nil {
		return "—（年末尚未到来）"
	}
	if v.Null {
		return fmt.Sprintf("—（%s/%s，分母为0）", strconv.FormatFloat(*v.Numerator, 'f', -1, 64), strconv.FormatFloat(*v.Denominator, 'f', -1, 64))
	}
	s := strconv.FormatFloat(v.Value, 'f', -1, 64) + v.Unit
	if len(v.Groups) > 0 {
		s += "（" + indicator.GroupText(v) + "）"
	}
	if v.Numerator != nil {
		s += fmt.Sprintf("（%s/%s）", strconv.FormatFloat(*v.Numerator, 'f', -1, 64), strconv.FormatFloat(*v.Denominator, 'f', -1, 64))
	}
	return s
}

// indicatorsByDistrict prints the districts of a city or province side by
// side on each indicator: value, rank, last year's value and the change.
func (a *cli) indicatorsByDistrict(ctx context.Context, year int, region string, asJSON bool) error {
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	r, err := ap.IndicatorsByDistrict(ctx, year, region)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(a.stdout, "%s（%s）%d年各区县指标比较\n", r.Region.Name, r.Region.Code, year)
	tw := newTable(a.stdout)
	fmt.Fprint(tw, "指标\t名称\t合计\t")
	for _, d := range r.Districts {
		fmt.Fprintf(tw, "%s\t排名\t%d年\t增减\t", d.Name, year-1)
	}
	fmt.Fprintln(tw)
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t", row.ID, row.Name, shortValue(row.Total))
		for _, f := range row.Districts {
			rank, change := "—", "—"
			if f.Rank > 0 {
				rank = strconv.Itoa(f.Rank)
			}
			if f.Change != nil {
				change = strconv.FormatFloat(*f.Change, 'f', -1, 64)
				if *f.Change > 0 {
					change = "+" + change
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t", shortValue(f.Value), rank, shortValue(f.Last), change)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// shortValue renders a figure with its unit in a table cell ("—" when not known).
func shortValue(v indicator.Value) string {
	if v.Null {
		return "—"
	}
	return strconv.FormatFloat(v.Value, 'f', -1, 64) + v.Unit
}
