package main

import (
	"context"
	"encoding/json"
	"fmt"

	"fazhi/app"
)

func init() {
	register(&command{name: "explain", usage: "ID --year Y [--unit U] [--json]", summary: "列出某项指标背后的全部记录",
		run: runExplain})
}

func runExplain(ctx context.Context, a *cli, args []string) error {
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
	ap, ctx, err := a.open(ctx, app.Existing)
	if err != nil {
		return err
	}
	defer ap.Close()
	v, parts, err := ap.Explain(ctx, pos[0], *year, *unit)
	if err != nil {
		return err
	}
	tree, err := ap.Units(ctx)
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
		var parts2 []jsonPart
		for _, p := range parts {
			jp := jsonPart{ID: p.Indicator.ID, Name: p.Indicator.Name, Value: p.Value.Value, Ledger: p.Ledger.ID, Records: []map[string]string{}}
			for _, r := range p.Records {
				jp.Records = append(jp.Records, recordMap(p.Ledger, r.Record, tree.Name))
			}
			parts2 = append(parts2, jp)
		}
		// The indicator's own JSON (value null for an undefined rate) plus its parts.
		out := map[string]any{}
		raw, _ := json.Marshal(v)
		if err := json.Unmarshal(raw, &out); err != nil {
			return err
		}
		out["parts"] = parts2
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(a.stdout, "%s %s：%s\n口径：%s\n", v.ID, v.Name, formatValue(v), v.Definition)
	for _, p := range parts {
		fmt.Fprintf(a.stdout, "\n%s（%s，%d 条记录，计 %s）\n", p.Indicator.Name, p.Ledger.Name, len(p.Records), formatValue(p.Value))
		writeViews(a, p.Ledger, p.Records, tree.Name)
	}
	return nil
}
