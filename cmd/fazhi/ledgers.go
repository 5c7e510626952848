package main

import (
	"context"
	"fmt"
	"strings"

	"fazhi/app"
)

func init() {
	register(&command{name: "ledgers", usage: "[LEDGER]", summary: "列出全部台账；给出台账 ID 时列出其字段",
		run: func(ctx context.Context, a *cli, args []string) error {
			if len(args) == 1 {
				d, err := app.Ledger(args[0])
				if err != nil {
					return usageError{err.Error()}
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
					fmt.Fprintf(a.stdout, "  %-24s %-14s %-4s %s %s\n", f.Name, f.Label, req, app.TypeName(f.Type), extra)
				}
				return nil
			}
			for _, d := range app.Ledgers() {
				fmt.Fprintf(a.stdout, "%-24s %s（%d 个字段）\n", d.ID, d.Name, len(d.Fields))
			}
			return nil
		}})
}
