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

// ParseUnits reads a unit tree file. A unit belongs to the district of its
// 行政区划代码 cell, or to district when the file has no such column or the
// cell is empty. 上级单位 may name a unit by code or name, in this file or
// already in the database (existing), of the unit's own district or of the
// city or province above it; the result is ordered parents first. A name
// is unique within its district: a name two rows of one district give, or
// one the district's stored units have, is refused.
func ParseUnits(t *excel.Table, existing []ledger.Unit, district string) ([]ledger.Unit, []Problem, error) {
	res, err := Parse(ledger.UnitsDef, t, Options{Units: noUnits{}})
	if err != nil {
		return nil, nil, err
	}
	problems := res.Problems
	present := map[string]bool{}
	for _, n := range res.Present {
		present[n] = true
	}
	stored := map[string]ledger.Unit{}
	for _, u := range existing {
		stored[u.Code] = u
	}
	var units []ledger.Unit
	for _, r := range res.Records {
		u := ledger.Unit{Code: r.String("code"), Name: r.String("name"),
			ShortName: r.String("short_name"), Parent: r.String("parent"), Kind: r.String("kind"), District: r.String("district")}
		if u.District == "" {
			u.District = district
		}
		// A column the file lacks keeps what is stored (a file without
		// 简称 never wipes the short names).
		if old, ok := stored[u.Code]; ok {
			if !present["short_name"] {
				u.ShortName = old.ShortName
			}
			if !present["parent"] {
				u.Parent = old.Parent
			}
		}
		units = append(units, u)
	}
	inFile := map[string]bool{}
	for _, u := range units {
		inFile[u.Code] = true
	}
	var everything []ledger.Unit // the stored tree with the file laid over it
	for _, u := range existing {
		if !inFile[u.Code] {
			everything = append(everything, u)
		}
	}
	everything = append(everything, units...)
	trees := map[string]*ledger.UnitTree{} // by district: its units and those of the regions above it
	treeOf := func(d string) *ledger.UnitTree {
		if t, ok := trees[d]; ok {
			return t
		}
		var in []ledger.Unit
		for _, u := range everything {
			if u.District == d || ledger.InRegion(d, u.District) && ledger.LevelOf(u.District) != ledger.LevelCounty {
				in = append(in, u)
			}
		}
		trees[d] = ledger.NewUnitTree(in)
		return trees[d]
	}
	parentCol := -1
	for j, c := range t.Rows[res.HeaderRow-1] {
		if ledger.FoldLabel(c) == ledger.FoldLabel("上级单位") {
			parentCol = j
		}
	}
	names := map[[2]string]int{}
	for i := range units {
		u := &units[i]
		if prev, dup := names[[2]string{u.District, u.Name}]; dup {
			problems = append(problems, Problem{Row: res.Rows[i], Col: -1, Column: "单位名称", Msg: fmt.Sprintf("单位名称与第%d行重复（同一行政区划内单位名称须唯一）", prev)})
		}
		names[[2]string{u.District, u.Name}] = res.Rows[i]
		if u.Parent == "" {
			continue
		}
		all := treeOf(u.District)
		code, ok := all.Lookup(u.Parent)
		if msg := all.Ambiguous(u.Parent); !ok && msg != "" {
			problems = append(problems, Problem{Row: res.Rows[i], Col: parentCol, Column: "上级单位", Msg: msg})
			continue
		}
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
	if len(problems) == 0 {
		problems = append(problems, cycles(units, existing, res.Rows, parentCol)...)
	}
	if len(problems) == 0 {
		if err := ledger.CheckUnitNames(existing, units); err != nil {
			problems = append(problems, Problem{Row: res.Rows[0], Col: -1, Column: "单位名称", Msg: err.Error()})
		}
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

// cycles finds units of the file whose chain of parents, over the stored
// tree with the file laid over it, comes back to a unit already passed: a
// cycle would make every "unit and below" query loop. Each is named with
// the unit that closes the cycle.
func cycles(units, existing []ledger.Unit, rows []int, parentCol int) []Problem {
	parent, name := map[string]string{}, map[string]string{}
	for _, u := range existing {
		parent[u.Code], name[u.Code] = u.Parent, u.Name
	}
	for _, u := range units {
		parent[u.Code], name[u.Code] = u.Parent, u.Name
	}
	var out []Problem
	for i, u := range units {
		seen := map[string]bool{u.Code: true}
		for p := parent[u.Code]; p != ""; p = parent[p] {
			if seen[p] {
				out = append(out, Problem{Row: rows[i], Col: parentCol, Column: "上级单位",
					Msg: fmt.Sprintf("上级单位关系形成循环：“%s”的上级是“%s”，而“%s”又在“%s”之下", u.Name, name[parent[u.Code]], name[parent[u.Code]], u.Name)})
				break
			}
			seen[p] = true
		}
	}
	return out
}
