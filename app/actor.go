package app

import (
	"context"
	"os/user"

	"fazhi/ledger"
)

// Actor is who acts in a use case: an account with its role, unit and data
// scope, or the local administrator of the command line.
type Actor struct {
	Account string // account name; "" for the local administrator
	Role    Role   // one role per account
	Unit    string // unit code of the account (its 单位)
	Scope   ledger.ScopeKind
	// Local marks the person who runs the server on its own machine (the
	// command line without an account): they hold the database files
	// anyway, so they may do what 司法局管理员, 系统管理员 and 安全管理员 do;
	// history names them 本机管理员:<OS user>.
	Local bool
	// MustChangePassword is set on accounts whose password was set by
	// someone else and not yet changed.
	MustChangePassword bool
}

// Name is how history and the audit trail name the actor.
func (a Actor) Name() string {
	if a.Local {
		return "本机管理员:" + osUser()
	}
	return a.Account
}

func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

// LocalActor is the local administrator: the command line run without
// --as, by the person who runs fazhi on its server.
func LocalActor() Actor {
	return Actor{Role: RoleAdmin, Scope: ledger.ScopeAll, Local: true}
}

type actorKey struct{}

// WithActor returns ctx carrying the acting user.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the acting user of ctx.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// actor returns the acting user of ctx, or Unauthenticated: no use case
// runs as "nobody".
func actor(ctx context.Context) (Actor, error) {
	a, ok := ActorFrom(ctx)
	if !ok || (a.Account == "" && !a.Local) {
		return Actor{}, errorf(Unauthenticated, "未登录：请先登录")
	}
	return a, nil
}
