package importer

import (
	"fmt"

	"fazhi/excel"
	"fazhi/ledger"
)

// noUnits resolves nothing: the unit table has no unit references.
type noUnits struct{}

func (noUnits) Lookup(string) (string, bool) { return "", false }
func (noUnits) Closest(string) string        { return "" }

// ParseUnits reads a unit tree file. 上级单位 may name a unit by code or
// name, in this file or already in the database (existing); the result is
// ordered parents first.
func ParseUnits(t *excel.Table, existing []ledger.Unit) ([]ledger.Unit, []Problem, error) {
	res, err := Parse(ledger.UnitsDef, t, Options{Units: noUnits{}})
	if err != nil {
		return nil, nil, err
	}
	problems := res.Problems
	var units []ledger.Unit
	for _, r := range res.Records {
		units = append(units, ledger.Unit{Code: r.String("code"), Name: r.String("name"),
			ShortName: r.String("short_name"), Parent: r.String("parent"), Kind: r.String("kind")})
	}
	all := ledger.NewUnitTree(append(append([]ledger.Unit{}, existing...), units...))
	parentCol := -1
	for j, c := range t.Rows[res.HeaderRow-1] {
		if ledger.FoldLabel(c) == ledger.FoldLabel("上级单位") {
			parentCol = j
		}
	}
	names := map[string]int{}
	for i := range units {
		u := &units[i]
		if prev, dup := names[u.Name]; dup {
			problems = append(problems, Problem{Row: res.Rows[i], Col: -1, Column: "单位名称", Msg: fmt.Sprintf("单位名称与第%d行重复", prev)})
		}
		names[u.Name] = res.Rows[i]
		if u.Parent == "" {
			continue
		}
		code, ok := all.Lookup(u.Parent)
		if !ok {
			problems = append(problems, Problem{Row: res.Rows[i], Col: parentCol, Column: "上级单位",
				Msg: fmt.Sprintf("上级单位“%s”既不在本文件中也不在单位名录中，是否为“%s”？", u.Parent, all.Closest(u.Parent))})
			continue
		}
		if code == u.Code {
			problems = append(problems, Problem{Row: res.Rows[i], Col: parentCol, Column: "上级单位", Msg: "上级单位不能是本单位"})
			continue
		}
		u.Parent = code
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	ordered, err := parentsFirst(units, existing)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", t.File, err)
	}
	return ordered, nil, nil
}

// parentsFirst orders units so each parent precedes its children, refusing cycles.
func parentsFirst(units, existing []ledger.Unit) ([]ledger.Unit, error) {
	done := map[string]bool{}
	for _, u := range existing {
		done[u.Code] = true
	}
	inFile := map[string]bool{}
	for _, u := range units {
		inFile[u.Code] = true
		delete(done, u.Code) // re-imported units are placed again
	}
	var out []ledger.Unit
	for len(out) < len(units) {
		progressed := false
		for _, u := range units {
			if done[u.Code] && inFile[u.Code] {
				continue
			}
			if u.Parent == "" || done[u.Parent] {
				out = append(out, u)
				done[u.Code] = true
				progressed = true
			}
		}
		if !progressed {
			return nil, fmt.Errorf("上级单位关系存在循环")
		}
	}
	return out, nil
}
