package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"fazhi/indicator"
	"fazhi/ledger"
)

func init() {
	register(&command{name: "explain", usage: "ID --year Y [--unit U] [--json]", summary: "列出某项指标背后的全部记录",
		run: runExplain})
}

func runExplain(ctx context.Context, a *app, args []string) error {
	fs := a.newFlags("explain")
	year := fs.Int("year", 0, "年度")
	unit := fs.String("unit", "", "只统计该单位及其下级单位")
	asJSON := fs.Bool("json", false, "输出 JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *year == 0 {
		return usageError{"用法: fazhi explain ID --year Y [--unit U] [--json]"}
	}
	ind, ok := indicator.Get(pos[0])
	if !ok {
		return usageError{fmt.Sprintf("未知指标 %q，运行 fazhi indicators --year Y 查看全部指标", pos[0])}
	}
	db, code, err := a.openScoped(ctx, *unit)
	if err != nil {
		return err
	}
	defer db.Close()
	tree, err := db.UnitTree(ctx)
	if err != nil {
		return err
	}
	v, parts, err := indicator.Explain(ctx, db, ind, *year, code)
	if err != nil {
		return err
	}
	if *asJSON {
		type jsonPart struct {
			ID      string              `json:"id"`
			Name    string              `json:"name"`
			Value   float64             `json:"value"`
			Ledger  string              `json:"ledger"`
			Records []map[string]string `json:"records"`
		}
		out := struct {
			indicator.Value
			Parts []jsonPart `json:"parts"`
		}{Value: v}
		for _, p := range parts {
			jp := jsonPart{ID: p.Indicator.ID, Name: p.Indicator.Name, Value: p.Value.Value, Ledger: p.Ledger.ID, Records: []map[string]string{}}
			for _, r := range p.Records {
				m := map[string]string{}
				for _, f := range p.Ledger.Fields {
					if x, ok := r[f.Name]; ok {
						m[f.Label] = f.Format(x, tree.Name)
					}
				}
				jp.Records = append(jp.Records, m)
			}
			out.Parts = append(out.Parts, jp)
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(a.stdout, "%s %s：%s\n口径：%s\n", v.ID, v.Name, formatValue(v), v.Definition)
	for _, p := range parts {
		fmt.Fprintf(a.stdout, "\n%s（%s，%d 条记录，计 %s）\n", p.Indicator.Name, p.Ledger.Name, len(p.Records), formatValue(p.Value))
		writeRecords(a, p.Ledger, p.Records, tree)
	}
	return nil
}

// writeRecords prints records as a table of their set columns.
func writeRecords(a *app, d *ledger.Definition, recs []ledger.Record, tree *ledger.UnitTree) {
	var cols []*ledger.Field
	for i := range d.Fields {
		f := &d.Fields[i]
		for _, r := range recs {
			if _, ok := r[f.Name]; ok {
				cols = append(cols, f)
				break
			}
		}
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	labels := make([]string, len(cols))
	for i, f := range cols {
		labels[i] = f.Label
	}
	fmt.Fprintln(tw, strings.Join(labels, "\t")+"\t")
	for _, r := range recs {
		cells := make([]string, len(cols))
		for i, f := range cols {
			cells[i] = f.Format(r[f.Name], tree.Name)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
}
