package app

import (
	"fmt"
	"slices"
	"strings"

	"fazhi/ledger"
)

// Role is an account's role; one role per account. The IDs are used in code,
// on the command line and in storage.
type Role string

const (
	RoleClerk    Role = "clerk"     // 单位填报员
	RoleUnitHead Role = "unit_head" // 单位负责人
	RoleAdmin    Role = "admin"     // 司法局管理员
	RoleLeader   Role = "leader"    // 领导
	RoleSysadmin Role = "sysadmin"  // 系统管理员
	RoleSecadmin Role = "secadmin"  // 安全管理员
	RoleAuditor  Role = "auditor"   // 审计员
)

// perm is one thing a role may do.
type perm int

const (
	permRead     perm = iota // read ledger records, figures, warnings, search
	permWrite                // add, edit, delete, restore, import records
	permCentral              // write the ledgers the Justice Bureau keeps (ledger.Definition.Central)
	permConfirm              // confirm a unit's submission (报送)
	permReport               // save, lint and publish the report; cleanup campaigns
	permSettings             // deadline settings and holiday notices
	permUnits                // the unit tree
	permAccounts             // create, disable accounts; reset passwords
	permGrant                // grant roles and data scopes
	permAudit                // read the audit trail
)

// RoleInfo describes a role: its Chinese name, what it may do and the data
// scopes it may hold. The table, as the code's documentation:
//
//	role       名称          may                                   scopes (default first)
//	clerk      单位填报员    read, add, edit, delete, restore      unit, own, subtree
//	unit_head  单位负责人    read, confirm (报送)                   unit, subtree
//	admin      司法局管理员  all ledgers, report, settings         all, subtree
//
// The Justice Bureau's own ledgers (ledger.Definition.Central: 复议, 府院联动,
// 规范性文件 备案审查, 清理, 任务, 评查, 整改) are written by 司法局管理员 only:
// a unit's clerk reads the cases counted against its unit and never adds
// one, so no unit adds to another's figures there.
//
//	leader     领导          read only                             all, subtree
//	sysadmin   系统管理员    accounts and the unit tree; no records —
//	secadmin   安全管理员    grants roles and scopes; no records   —
//	auditor    审计员        the audit trail; nothing else         —
//
// The three administrators (三员分立, GB/T 22239-2019 level 3) hold no data
// scope: every read of ledger records is refused to them.
type RoleInfo struct {
	Role   Role
	Label  string
	perms  []perm
	Scopes []ledger.ScopeKind // allowed scopes, the default first; none: no records
}

// Roles lists every role in the order staff see them.
var Roles = []RoleInfo{
	{RoleClerk, "单位填报员", []perm{permRead, permWrite}, []ledger.ScopeKind{ledger.ScopeUnit, ledger.ScopeOwn, ledger.ScopeSubtree}},
	{RoleUnitHead, "单位负责人", []perm{permRead, permConfirm}, []ledger.ScopeKind{ledger.ScopeUnit, ledger.ScopeSubtree}},
	{RoleAdmin, "司法局管理员", []perm{permRead, permWrite, permCentral, permConfirm, permReport, permSettings}, []ledger.ScopeKind{ledger.ScopeAll, ledger.ScopeSubtree}},
	{RoleLeader, "领导", []perm{permRead}, []ledger.ScopeKind{ledger.ScopeAll, ledger.ScopeSubtree}},
	{RoleSysadmin, "系统管理员", []perm{permAccounts, permUnits}, nil},
	{RoleSecadmin, "安全管理员", []perm{permGrant}, nil},
	{RoleAuditor, "审计员", []perm{permAudit}, nil},
}

// RoleOf returns the description of role r.
func RoleOf(r Role) (RoleInfo, bool) {
	for _, ri := range Roles {
		if ri.Role == r {
			return ri, true
		}
	}
	return RoleInfo{}, false
}

// ParseRole resolves a role ID (clerk) or its Chinese name (单位填报员).
func ParseRole(s string) (Role, error) {
	var ids []string
	for _, ri := range Roles {
		if string(ri.Role) == s || ri.Label == s {
			return ri.Role, nil
		}
		ids = append(ids, fmt.Sprintf("%s（%s）", ri.Role, ri.Label))
	}
	return "", errorf(Invalid, "未知角色“%s”，可用的角色：%s", s, strings.Join(ids, "、"))
}

// ParseScope resolves a scope ID (all, subtree, unit, own).
func ParseScope(s string) (ledger.ScopeKind, error) {
	if k, ok := ledger.ScopeKinds[s]; ok {
		return k, nil
	}
	return ledger.ScopeNone, errorf(Invalid, "未知数据范围“%s”，可用：all（全部）、subtree（本单位及下级）、unit（本单位）、own（仅本人录入）", s)
}

// Label is the role's Chinese name ("待授权" for an account not yet granted one).
func (r Role) Label() string {
	ri, ok := RoleOf(r)
	if !ok {
		return "待授权"
	}
	return ri.Label
}

// may reports whether actor a holds permission p.
func (a Actor) may(p perm) bool {
	if a.Local {
		return p != permAudit
	}
	ri, ok := RoleOf(a.Role)
	return ok && slices.Contains(ri.perms, p)
}

// require returns Forbidden unless the actor holds p.
func require(a Actor, p perm, what string) error {
	if a.may(p) {
		return nil
	}
	return errorf(Forbidden, "%s无权%s", a.describe(), what)
}

func (a Actor) describe() string {
	if a.Local {
		return "本机管理员"
	}
	return fmt.Sprintf("账号 %s（%s）", a.Account, a.Role.Label())
}

// readScope is the data scope of the actor's reads; the three
// administrators and unknown roles get the zero scope, which storage refuses.
func (a Actor) readScope() ledger.Scope {
	if !a.may(permRead) {
		return ledger.Scope{}
	}
	return a.scope()
}

func (a Actor) scope() ledger.Scope {
	switch a.Scope {
	case ledger.ScopeAll:
		return ledger.Scope{Kind: ledger.ScopeAll, District: a.District}
	case ledger.ScopeSubtree, ledger.ScopeUnit:
		return ledger.Scope{Kind: a.Scope, Unit: a.Unit, District: a.District}
	case ledger.ScopeOwn:
		return ledger.Scope{Kind: ledger.ScopeOwn, Unit: a.Unit, Account: a.Account, District: a.District}
	}
	return ledger.Scope{}
}

// clearText reports whether the actor sees personal fields of a record kept
// by recordUnit in clear: 司法局管理员 always, a clerk or unit head on records
// its own unit keeps, everyone else masked.
func (a Actor) clearText(recordUnit string) bool {
	switch {
	case a.Local || a.Role == RoleAdmin:
		return true
	case a.Role == RoleClerk || a.Role == RoleUnitHead:
		return recordUnit != "" && recordUnit == a.Unit
	}
	return false
}

// clearUnits is where the actor sees personal fields in clear, as a store
// query says it (ledger.Query.TextExact): nil nowhere, "" everywhere, or
// the records kept by one unit. It follows clearText.
func (a Actor) clearUnits() *string {
	switch {
	case a.Local || a.Role == RoleAdmin:
		all := ""
		return &all
	case (a.Role == RoleClerk || a.Role == RoleUnitHead) && a.Unit != "":
		u := a.Unit
		return &u
	}
	return nil
}

// ScopeKind is a data scope kind (all, subtree, unit, own).
type ScopeKind = ledger.ScopeKind

// ScopeNone asks for the role's default scope when granting.
const ScopeNone = ledger.ScopeNone
