package ledger

import (
	"sort"
)

// UnitEventKind is a change to the unit tree (机构改革): 更名, 调整隶属,
// 合并, 撤销.
type UnitEventKind string

const (
	UnitRename  UnitEventKind = "rename"  // 更名: the unit's name changes
	UnitMove    UnitEventKind = "move"    // 调整隶属: the unit gets another parent
	UnitMerge   UnitEventKind = "merge"   // 合并: the unit ends and goes into another (its parent from then on)
	UnitAbolish UnitEventKind = "abolish" // 撤销: the unit ends
)

// Label is the kind in Chinese.
func (k UnitEventKind) Label() string {
	switch k {
	case UnitRename:
		return "更名"
	case UnitMove:
		return "调整隶属"
	case UnitMerge:
		return "合并"
	case UnitAbolish:
		return "撤销"
	}
	return string(k)
}

// UnitEvent is one dated change of a unit: the values before and after.
// A record keeps the unit it was recorded against; the tree of a past day
// is the current tree with the later events undone (UnitTree.At).
type UnitEvent struct {
	Kind      UnitEventKind
	Code      string
	On        string // YYYY-MM-DD, the day the change took effect
	OldName   string
	NewName   string
	OldParent string
	NewParent string
	Actor     string
}

// At returns the tree as it stood at the end of day (YYYY-MM-DD): the
// current tree with every event dated after day undone, latest first:
// a renamed unit has its old name, a moved or merged unit its old parent,
// a merged or abolished unit is still valid. Events of units not in the
// tree are skipped.
func (t *UnitTree) At(day string, events []UnitEvent) *UnitTree {
	later := make([]UnitEvent, 0, len(events))
	for _, e := range events {
		if e.On > day {
			later = append(later, e)
		}
	}
	if len(later) == 0 {
		return t
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].On > later[j].On })
	units := append([]Unit{}, t.Units...)
	for _, e := range later {
		i, ok := t.byCode[e.Code]
		if !ok {
			continue
		}
		switch e.Kind {
		case UnitRename:
			units[i].Name = e.OldName
		case UnitMove, UnitMerge:
			units[i].Parent = e.OldParent
		}
		if e.Kind == UnitMerge || e.Kind == UnitAbolish {
			units[i].ValidTo = ""
		}
	}
	return NewUnitTree(units)
}
