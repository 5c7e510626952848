package main

import (
	"fmt"
	"strings"

	"fazhi/app"
	"fazhi/internal/termtext"
)

// ledgerDef is a ledger definition as the CLI needs it; the CLI names no
// package below the application layer.
type ledgerDef = app.LedgerDef

// recordMap renders a record by Chinese label.
func recordMap(d *ledgerDef, r map[string]any, unitName func(string) string) map[string]string {
	m := map[string]string{}
	for _, f := range d.Fields {
		if x, ok := r[f.Name]; ok {
			m[f.Label] = f.Format(x, unitName)
		}
	}
	return m
}

// writeViews prints records as a table of the columns any of them sets.
func writeViews(a *cli, d *ledgerDef, recs []app.RecordView, unitName func(string) string) {
	rows := app.Table(d, recs, unitName)
	tw := newTable(a.stdout)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = termtext.Cell(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
}
