package app

import (
	"context"
	"slices"
	"strings"

	"fazhi/ledger"
	"fazhi/store"
)

// Account is an account as its administrators see it (never its hash).
type Account struct {
	Name               string
	Role               Role
	Unit               string // unit code
	UnitName           string
	Scope              ledger.ScopeKind
	Disabled           bool
	MustChangePassword bool
}

// NewAccount is what creating an account takes.
type NewAccount struct {
	Name     string
	Role     Role
	Unit     string           // unit code, name or short name; may be empty for sysadmin, secadmin, auditor
	Scope    ledger.ScopeKind // ScopeNone: the role's default
	Password string
	// NoPasswordChange skips the first-login password change (the demo's
	// printed accounts); real accounts must change what an administrator set.
	NoPasswordChange bool
}

// AddUser creates an account (系统管理员, or the local administrator).
// Errors: Forbidden, Invalid (unknown role or unit, a scope the role may
// not hold, a weak password), Conflict (the name is taken).
func (a *App) AddUser(ctx context.Context, n NewAccount) (Account, error) {
	act, err := actor(ctx)
	if err != nil {
		return Account{}, err
	}
	if err := require(act, permAccounts, "创建账号"); err != nil {
		return Account{}, err
	}
	n.Name = strings.TrimSpace(n.Name)
	if n.Name == "" || strings.ContainsAny(n.Name, " \t\r\n/\\:") {
		return Account{}, errorf(Invalid, "账号名“%s”无效：不能为空，不能含空格、斜杠或冒号", n.Name)
	}
	if _, found, err := a.db.Account(ctx, n.Name); err != nil {
		return Account{}, err
	} else if found {
		return Account{}, errorf(Conflict, "账号 %s 已存在", n.Name)
	}
	// 三员分立: 系统管理员 creates the account; only 安全管理员 grants a
	// role and a data scope. An account created without a role can do
	// nothing until it is granted one.
	var st store.Account
	switch {
	case n.Role == "" && !act.Local:
		if n.Scope != ledger.ScopeNone {
			return Account{}, errorf(Forbidden, "数据范围由安全管理员授予")
		}
		st = store.Account{Scope: "none"}
		if n.Unit != "" {
			tree, err := a.db.UnitTree(ctx)
			if err != nil {
				return Account{}, err
			}
			if st.Unit, err = lookupUnit(tree, n.Unit); err != nil {
				return Account{}, err
			}
		}
	case !act.may(permGrant):
		return Account{}, errorf(Forbidden, "%s只能创建账号，角色和数据范围由安全管理员授予（三员分立）", act.describe())
	default:
		if st, err = a.checkGrant(ctx, n.Role, n.Unit, n.Scope); err != nil {
			return Account{}, err
		}
	}
	if err := checkStrength(n.Name, n.Password); err != nil {
		return Account{}, err
	}
	h, err := hashPassword(n.Password)
	if err != nil {
		return Account{}, err
	}
	st.Name, st.PasswordHash, st.MustChangePassword = n.Name, h, !n.NoPasswordChange
	if err := a.db.InsertAccount(ctx, st); err != nil {
		return Account{}, err
	}
	if err := a.audit(ctx, "account.create", "账号 "+st.Name, AuditDetail{After: grantValues(st)}); err != nil {
		return Account{}, err
	}
	return a.account(ctx, st)
}

// checkGrant resolves and checks a role, unit and scope for an account.
func (a *App) checkGrant(ctx context.Context, role Role, unit string, scope ledger.ScopeKind) (store.Account, error) {
	if role == "" {
		return store.Account{}, errorf(Invalid, "请给出角色")
	}
	ri, ok := RoleOf(role)
	if !ok {
		_, err := ParseRole(string(role))
		return store.Account{}, err
	}
	var code string
	if unit != "" {
		tree, err := a.db.UnitTree(ctx)
		if err != nil {
			return store.Account{}, err
		}
		c, err := lookupUnit(tree, unit)
		if err != nil {
			return store.Account{}, err
		}
		code = c
	}
	st := store.Account{Role: string(role), Unit: code, Scope: "none"}
	if len(ri.Scopes) == 0 {
		if scope != ledger.ScopeNone {
			return st, errorf(Invalid, "%s不查看台账记录，不能授予数据范围", ri.Label)
		}
		return st, nil
	}
	if scope == ledger.ScopeNone {
		scope = ri.Scopes[0]
	}
	if !slices.Contains(ri.Scopes, scope) {
		var allowed []string
		for _, k := range ri.Scopes {
			allowed = append(allowed, k.String()+"（"+k.Label()+"）")
		}
		return st, errorf(Invalid, "%s不能持有数据范围“%s”，可选：%s", ri.Label, scope.Label(), strings.Join(allowed, "、"))
	}
	if code == "" && scope != ledger.ScopeAll {
		return st, errorf(Invalid, "数据范围“%s”需要指定所属单位", scope.Label())
	}
	if code == "" && role != RoleAdmin && role != RoleLeader {
		return st, errorf(Invalid, "%s须指定所属单位", ri.Label)
	}
	st.Scope = scope.String()
	return st, nil
}

func (a *App) account(ctx context.Context, st store.Account) (Account, error) {
	tree, err := a.db.UnitTree(ctx)
	if err != nil {
		return Account{}, err
	}
	out := Account{Name: st.Name, Role: Role(st.Role), Unit: st.Unit, Scope: ledger.ScopeKinds[st.Scope],
		Disabled: st.Disabled, MustChangePassword: st.MustChangePassword}
	if st.Unit != "" {
		out.UnitName = tree.Name(st.Unit)
	}
	return out, nil
}

// Users lists the accounts (系统管理员, 安全管理员).
func (a *App) Users(ctx context.Context) ([]Account, error) {
	act, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !act.may(permAccounts) && !act.may(permGrant) {
		return nil, errorf(Forbidden, "%s无权查看账号", act.describe())
	}
	all, err := a.db.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Account, 0, len(all))
	for _, st := range all {
		acc, err := a.account(ctx, st)
		if err != nil {
			return nil, err
		}
		out = append(out, acc)
	}
	return out, nil
}

// SetDisabled disables or re-enables an account (系统管理员).
func (a *App) SetDisabled(ctx context.Context, name string, disabled bool) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	if err := require(act, permAccounts, "停用或启用账号"); err != nil {
		return err
	}
	st, err := a.storedAccount(ctx, name)
	if err != nil {
		return err
	}
	if !act.Local && st.Name == act.Account {
		return errorf(Invalid, "不能停用自己的账号")
	}
	st.Disabled = disabled
	if err := a.db.UpdateAccount(ctx, st); err != nil {
		return err
	}
	action := "account.enable"
	if disabled {
		action = "account.disable"
		if err := a.db.DeleteSessionsOf(ctx, st.Name); err != nil {
			return err
		}
	}
	return a.audit(ctx, action, "账号 "+st.Name, AuditDetail{})
}

// SetPassword sets an account's password. Anyone may change their own
// (giving the old one); 系统管理员 resets another's, which must then be
// changed at its next login.
func (a *App) SetPassword(ctx context.Context, name, oldPassword, newPassword string) error {
	act, err := actor(ctx)
	if err != nil {
		return err
	}
	st, err := a.storedAccount(ctx, name)
	if err != nil {
		return err
	}
	own := !act.Local && act.Account == name
	if own {
		if !checkPassword(st.PasswordHash, oldPassword) {
			return errorf(Unauthenticated, "原密码不正确")
		}
		if oldPassword == newPassword {
			return errorf(Invalid, "新密码不能与原密码相同")
		}
	} else if err := require(act, permAccounts, "重置他人密码"); err != nil {
		return err
	}
	if err := checkStrength(name, newPassword); err != nil {
		return err
	}
	if st.PasswordHash, err = hashPassword(newPassword); err != nil {
		return err
	}
	st.MustChangePassword = !own
	if err := a.db.UpdateAccount(ctx, st); err != nil {
		return err
	}
	action := "account.password"
	if !own {
		action = "account.reset"
	}
	// Passwords never enter the trail, not even hashed.
	return a.audit(ctx, action, "账号 "+st.Name, AuditDetail{})
}

// Grant gives an account a role, unit and data scope (安全管理员).
func (a *App) Grant(ctx context.Context, name string, role Role, unit string, scope ledger.ScopeKind) (Account, error) {
	act, err := actor(ctx)
	if err != nil {
		return Account{}, err
	}
	if err := require(act, permGrant, "授予角色和数据范围"); err != nil {
		return Account{}, err
	}
	st, err := a.storedAccount(ctx, name)
	if err != nil {
		return Account{}, err
	}
	if !act.Local && st.Name == act.Account {
		return Account{}, errorf(Forbidden, "不能给自己授权")
	}
	g, err := a.checkGrant(ctx, role, unit, scope)
	if err != nil {
		return Account{}, err
	}
	before := grantValues(st)
	st.Role, st.Unit, st.Scope = g.Role, g.Unit, g.Scope
	if err := a.db.UpdateAccount(ctx, st); err != nil {
		return Account{}, err
	}
	if err := a.audit(ctx, "account.grant", "账号 "+st.Name, AuditDetail{Before: before, After: grantValues(st)}); err != nil {
		return Account{}, err
	}
	return a.account(ctx, st)
}

func (a *App) storedAccount(ctx context.Context, name string) (store.Account, error) {
	st, found, err := a.db.Account(ctx, name)
	if err != nil {
		return st, err
	}
	if !found {
		return st, errorf(NotFound, "账号 %s 不存在", name)
	}
	return st, nil
}

// Actor returns the actor of an existing, enabled account (the command
// line's --as, a web session); no password is checked.
func (a *App) Actor(ctx context.Context, name string) (Actor, error) {
	st, found, err := a.db.Account(ctx, name)
	if err != nil {
		return Actor{}, err
	}
	if !found {
		return Actor{}, errorf(Unauthenticated, "账号 %s 不存在", name)
	}
	if st.Disabled {
		return Actor{}, errorf(Unauthenticated, "账号 %s 已停用", name)
	}
	return actorOf(st), nil
}

func actorOf(st store.Account) Actor {
	return Actor{Account: st.Name, Role: Role(st.Role), Unit: st.Unit, Scope: ledger.ScopeKinds[st.Scope], MustChangePassword: st.MustChangePassword, District: st.District}
}

// lookupUnit resolves a unit code, name or short name.
func lookupUnit(tree *ledger.UnitTree, s string) (string, error) {
	code, ok := tree.Lookup(s)
	if !ok {
		if msg := tree.Ambiguous(s); msg != "" {
			return "", errorf(Invalid, "%s", msg)
		}
		msg := "单位“" + s + "”不在单位名录中"
		if c := tree.Closest(s); c != "" {
			msg += "，是否为“" + c + "”？"
		}
		return "", errorf(Invalid, "%s", msg)
	}
	return code, nil
}

// grantValues is what the audit trail records of an account's grant.
func grantValues(st store.Account) map[string]string {
	return map[string]string{"角色": Role(st.Role).Label(), "单位": st.Unit, "数据范围": ledger.ScopeKinds[st.Scope].Label()}
}
