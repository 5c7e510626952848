package app

import (
	"context"
	"time"

	"fazhi/ledger"
)

// UnitChange is a change of the unit tree to record (系统管理员): Unit
// (code, name or short name) is renamed to To, moved below To, merged into
// To, or abolished (To empty), on the day On (YYYY-MM-DD).
type UnitChange struct {
	Kind ledger.UnitEventKind
	Unit string
	To   string
	On   string
}

// ChangeUnit records a dated change of a unit (机构改革) and applies it to
// the current tree. Figures of the years before On keep grouping records
// by the tree of their year; a record keeps the unit it was recorded
// against. Invalid for an unknown or ambiguous unit, a bad date, a parent
// outside the unit's district (or the city above it), a move below the
// unit itself, a name another unit of the district has, or a change dated
// before one already recorded for the unit.
func (a *App) ChangeUnit(ctx context.Context, c UnitChange) (ledger.UnitEvent, error) {
	act, err := actor(ctx)
	if err != nil {
		return ledger.UnitEvent{}, err
	}
	if err := require(act, permUnits, "维护单位名录"); err != nil {
		return ledger.UnitEvent{}, err
	}
	on, err := time.Parse("2006-01-02", c.On)
	if err != nil {
		return ledger.UnitEvent{}, errorf(Invalid, "日期“%s”应写作 YYYY-MM-DD（如 2024-03-01）", c.On)
	}
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return ledger.UnitEvent{}, err
	}
	code, err := lookupUnit(tree, c.Unit)
	if err != nil {
		return ledger.UnitEvent{}, err
	}
	u, _ := tree.Get(code)
	if act.District != "" && !ledger.InRegion(u.District, act.District) {
		return ledger.UnitEvent{}, errorf(Forbidden, "%s属于行政区划 %s，无权变更行政区划 %s 的单位", act.describe(), act.District, u.District)
	}
	e := ledger.UnitEvent{Kind: c.Kind, Code: code, On: on.Format("2006-01-02"), Actor: act.Name()}
	switch c.Kind {
	case ledger.UnitRename:
		name := ledger.Clean(c.To)
		if name == "" {
			return e, errorf(Invalid, "新名称不能为空")
		}
		renamed := u
		renamed.Name = name
		all, err := a.db.Units(ctx)
		if err != nil {
			return e, err
		}
		if err := ledger.CheckUnitNames(all, []ledger.Unit{renamed}); err != nil {
			return e, errorf(Invalid, "%s", err.Error())
		}
		e.NewName = name
	case ledger.UnitMove, ledger.UnitMerge:
		if c.To == "" {
			return e, errorf(Invalid, "请给出新的上级单位或并入的单位")
		}
		to, err := lookupUnit(tree, c.To)
		if err != nil {
			return e, err
		}
		t, _ := tree.Get(to)
		if t.District != u.District && !(ledger.LevelOf(t.District) != ledger.LevelCounty && ledger.InRegion(u.District, t.District)) {
			return e, errorf(Invalid, "“%s”（行政区划 %s）与“%s”（行政区划 %s）不在同一行政区划", t.Name, t.District, u.Name, u.District)
		}
		if tree.Subtree(code)[to] {
			return e, errorf(Invalid, "“%s”在“%s”之下，不能作为它的上级或并入单位", t.Name, u.Name)
		}
		e.NewParent = to
	case ledger.UnitAbolish:
	default:
		return e, errorf(Invalid, "未知的单位变更“%s”，可用：rename（更名）、move（调整隶属）、merge（合并）、abolish（撤销）", c.Kind)
	}
	saved, err := a.db.SaveUnitEvent(ctx, e)
	if err != nil {
		return e, errorf(Invalid, "%s", err.Error())
	}
	return saved, nil
}

// UnitEvents lists the recorded changes of the unit tree, in the order they
// took effect (every account may read them).
func (a *App) UnitEvents(ctx context.Context) ([]ledger.UnitEvent, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return a.db.UnitEvents(ctx)
}

// UnitEventKind is a change of the unit tree (rename, move, merge, abolish).
type UnitEventKind = ledger.UnitEventKind

// DescribeUnitEvent says a change in one line, as staff read it:
// 2024-03-01 合并：区财政局（410307208）并入 区发改委（410307202）.
func DescribeUnitEvent(e ledger.UnitEvent) string {
	s := e.On + " " + e.Kind.Label() + "："
	switch e.Kind {
	case ledger.UnitRename:
		return s + "“" + e.OldName + "”（" + e.Code + "）更名为“" + e.NewName + "”"
	case ledger.UnitMove:
		return s + "“" + e.OldName + "”（" + e.Code + "）的上级由 " + orNone(e.OldParent) + " 改为 " + orNone(e.NewParent)
	case ledger.UnitMerge:
		return s + "“" + e.OldName + "”（" + e.Code + "）并入 " + e.NewParent
	}
	return s + "“" + e.OldName + "”（" + e.Code + "）撤销"
}

func orNone(code string) string {
	if code == "" {
		return "（无）"
	}
	return code
}
