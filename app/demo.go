package app

import (
	"context"
	"fmt"
	"os"

	"fazhi/calendar"
	"fazhi/cleanup"
	"fazhi/demo"
	"fazhi/ledger"
	"fazhi/report"
	"fazhi/store"
)

// Setting keys of a demo database.
const (
	SettingDemo = "system.demo" // "1": the database holds the demo data set (演示数据)
)

// DemoAccount is one account the demo creates, printed for the visitor.
type DemoAccount struct {
	Name, Password string
	Role           Role
	Unit           string // unit name
	Scope          ledger.ScopeKind
}

// DemoPassword is the password of every demo account; demo accounts skip
// the first-login password change, real accounts never do.
const DemoPassword = "Fazhi@2022"

// DemoAccounts are the demo's accounts, one per role.
var DemoAccounts = []DemoAccount{
	{"sifaju", DemoPassword, RoleAdmin, "偃师区司法局", ledger.ScopeAll},
	{"minzheng", DemoPassword, RoleClerk, "偃师区民政局", ledger.ScopeUnit},
	{"minzheng-head", DemoPassword, RoleUnitHead, "偃师区民政局", ledger.ScopeUnit},
	{"lingdao", DemoPassword, RoleLeader, "洛阳市偃师区人民政府", ledger.ScopeAll},
	{"xitong", DemoPassword, RoleSysadmin, "偃师区司法局", ledger.ScopeNone},
	{"anquan", DemoPassword, RoleSecadmin, "偃师区司法局", ledger.ScopeNone},
	{"shenji", DemoPassword, RoleAuditor, "偃师区司法局", ledger.ScopeNone},
}

// DemoFile is what loading one demo file did.
type DemoFile struct {
	Result ImportResult
	Units  [3]int // for the units file: rows, inserted, updated
}

// LoadDemo writes the 偃师区 2022 data set as the files units send and
// imports them as a user would (the unit tree first, then every ledger),
// then puts the 2022 report narrative, the 2022 cleanup campaign, the demo
// accounts and the business date 2022-12-01 on record. Loading again
// changes nothing. each is told of every file as it is loaded.
func (a *App) LoadDemo(ctx context.Context, each func(DemoFile)) (files, rows, changed int, err error) {
	act, err := actor(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	if !act.Local {
		return 0, 0, 0, errorf(Forbidden, "只有本机管理员可以载入演示数据")
	}
	dir, err := os.MkdirTemp("", "fazhi-demo-")
	if err != nil {
		return 0, 0, 0, err
	}
	defer os.RemoveAll(dir)
	fs, err := demo.Write(dir)
	if err != nil {
		return 0, 0, 0, err
	}
	res, ins, upd, err := a.ImportUnits(ctx, fs[0].Path)
	if err != nil {
		return 0, 0, 0, err
	}
	each(DemoFile{Result: res, Units: [3]int{res.Rows, ins, upd}})
	for _, f := range fs[1:] {
		if _, ok := ledger.Get(f.Ledger); !ok {
			return 0, 0, 0, fmt.Errorf("演示数据中的台账 %s 未定义", f.Ledger)
		}
		r, err := a.Import(ctx, f.Ledger, f.Path, ImportOptions{})
		if err != nil {
			return 0, 0, 0, err
		}
		each(DemoFile{Result: r})
		rows += f.Rows
		changed += r.Result.Inserted + r.Result.Updated
	}
	if err := a.saveDemoReport(ctx); err != nil {
		return 0, 0, 0, err
	}
	if err := a.recordDemoCleanup(ctx); err != nil {
		return 0, 0, 0, err
	}
	if err := a.seedDemoAccounts(ctx); err != nil {
		return 0, 0, 0, err
	}
	for k, v := range map[string]string{SettingDemo: "1", SettingAsOf: "2022-12-01"} {
		if err := a.db.SetSetting(ctx, k, v, "演示数据"); err != nil {
			return 0, 0, 0, err
		}
	}
	return len(fs) - 1, rows, changed, a.audit(ctx, "demo.load", "演示数据", AuditDetail{Count: rows})
}

// IsDemo reports whether the database holds the demo data set.
func (a *App) IsDemo(ctx context.Context) bool {
	s, err := a.db.Settings(ctx)
	return err == nil && s[SettingDemo] == "1"
}

func (a *App) seedDemoAccounts(ctx context.Context) error {
	for _, d := range DemoAccounts {
		if _, found, err := a.db.Account(ctx, d.Name); err != nil || found {
			if err != nil {
				return err
			}
			continue
		}
		if _, err := a.AddUser(ctx, NewAccount{Name: d.Name, Role: d.Role, Unit: d.Unit, Scope: d.Scope, Password: d.Password, NoPasswordChange: true}); err != nil {
			return fmt.Errorf("演示账号 %s: %w", d.Name, err)
		}
	}
	return nil
}

func (a *App) saveDemoReport(ctx context.Context) error {
	if _, ok, err := a.db.ReportSource(ctx, 2022, 0); err != nil || ok {
		return err
	}
	_, _, err := a.db.SaveReportSource(ctx, 2022, report.Seed2022, "演示数据", "偃师区2022年度报告原文，数字绑定指标")
	return err
}

// recordDemoCleanup puts the demo's 2022 cleanup campaign on record (its
// cut-off, scope and decision), as opening and publishing it would have;
// its conclusions came in with the normdoc_cleanup file.
func (a *App) recordDemoCleanup(ctx context.Context) error {
	c := demo.Cleanup2022
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return err
	}
	b := cleanup.Batch{Name: c.Batch, DecisionNo: c.DecisionNo}
	for _, name := range c.Issuers {
		code, ok := tree.Lookup(name)
		if !ok {
			return fmt.Errorf("演示清理批次的制定机关“%s”不在单位名录中", name)
		}
		b.Issuers = append(b.Issuers, code)
	}
	if b.Cutoff, err = calendar.ParseDate(c.Cutoff); err != nil {
		return err
	}
	if b.DecisionDate, err = calendar.ParseDate(c.DecisionDate); err != nil {
		return err
	}
	return a.db.RecordPublishedCleanup(ctx, b, store.Change{Actor: "演示数据", Scope: ledger.AllScope()})
}

// WriteDemoFiles writes the demo's Excel/CSV files to dir.
func WriteDemoFiles(dir string) ([]demo.File, error) { return demo.Write(dir) }
