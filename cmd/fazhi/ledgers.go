package main

import (
	"context"
	"fmt"
	"strings"

	"fazhi/ledger"
)

func init() {
	register(&command{name: "ledgers", usage: "[LEDGER]", summary: "列出全部台账；给出台账 ID 时列出其字段",
		run: func(ctx context.Context, a *app, args []string) error {
			if len(args) == 1 {
				d, err := ledgerArg(args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s %s（唯一标识：%s）\n", d.ID, d.Name, d.KeyLabels())
				for _, f := range d.Fields {
					req := ""
					if f.Required {
						req = "必填"
					}
					extra := ""
					if len(f.Enum) > 0 {
						extra = strings.Join(f.Enum, "/")
					}
					fmt.Fprintf(a.stdout, "  %-24s %-14s %-4s %s %s\n", f.Name, f.Label, req, typeName(f.Type), extra)
				}
				return nil
			}
			for _, d := range ledger.All() {
				fmt.Fprintf(a.stdout, "%-24s %s（%d 个字段）\n", d.ID, d.Name, len(d.Fields))
			}
			return nil
		}})
}

func typeName(t ledger.FieldType) string {
	return map[ledger.FieldType]string{ledger.Text: "文字", ledger.Date: "日期", ledger.Int: "整数", ledger.Decimal: "数值",
		ledger.Enum: "选项", ledger.Bool: "是否", ledger.UnitRef: "单位", ledger.Year: "年度"}[t]
}
