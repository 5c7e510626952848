package app

import (
	"context"

	"fazhi/ledger"
)

// The May* checks tell an interface whether to offer an action: each
// returns nil when the actor in ctx may do it, else the Forbidden (or
// Unauthenticated) error the action itself would return. They apply the same
// rules as the writes, so what is offered and what is allowed stay one
// decision.

// MayWrite: the actor may add, import, edit, delete and restore ledger
// records at all (单位填报员, 司法局管理员: permWrite).
func (a *App) MayWrite(ctx context.Context) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	return require(act, permWrite, "录入或修改台账记录")
}

// MayWriteLedger: MayWrite, on ledger id: the Justice Bureau's own ledgers
// (ledger.Definition.Central) are written by 司法局管理员 only. Errors:
// NotFound (no such ledger), Forbidden.
func (a *App) MayWriteLedger(ctx context.Context, id string) error {
	if err := a.MayWrite(ctx); err != nil {
		return err
	}
	act, _ := actor(ctx)
	d, err := Ledger(id)
	if err != nil {
		return err
	}
	return centralCheck(act, d)
}

// centralCheck refuses a write to a Central ledger by an actor who does not
// keep them (permCentral).
func centralCheck(act Actor, d *ledger.Definition) error {
	if d.Central && !act.may(permCentral) {
		return errorf(Forbidden, "%s由司法局统一登记，%s只能查看，不能录入或修改", d.Name, act.describe())
	}
	return nil
}

// MayChange: the actor may edit, delete or restore record v — MayWrite, and
// v lies in the actor's write scope: kept by the actor's unit (scope unit),
// by a unit of its subtree (subtree), written by the actor (own), or any
// (all). Storage applies the same rule to every write (store writeCheck);
// reading a record as the unit it counts for (被申请人, 责任单位) gives no
// right to change it.
func (a *App) MayChange(ctx context.Context, v RecordView) error {
	if err := a.MayWrite(ctx); err != nil {
		return err
	}
	if act, _ := actor(ctx); v.Ledger != nil {
		if err := centralCheck(act, v.Ledger); err != nil {
			return err
		}
	}
	act, _ := actor(ctx)
	sc := act.scope()
	ok := false
	switch sc.Kind {
	case ledger.ScopeAll:
		ok = true
	case ledger.ScopeUnit:
		ok = v.RecordUnit == sc.Unit
	case ledger.ScopeOwn:
		ok = v.CreatedBy == sc.Account
	case ledger.ScopeSubtree:
		tree, err := a.db.UnitTree(ctx)
		if err != nil {
			return err
		}
		ok = tree.Subtree(sc.Unit)[v.RecordUnit]
	}
	if !ok {
		return errorf(Forbidden, "%s“%s”不是本单位录入的记录，无权修改", v.Ledger.Name, v.Key)
	}
	return nil
}

// MayEditReport: the actor may save, check and publish the annual report
// (司法局管理员: permReport); 领导 only reads it.
func (a *App) MayEditReport(ctx context.Context) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	return require(act, permReport, "修改年度报告")
}
