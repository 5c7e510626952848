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
	// District is the 行政区划代码 the actor acts in: the district of its
	// unit, or one within it chosen with In. Reads reach the records of
	// that district (of every district within a city or province code);
	// writes, settings and the report are that district's. "" (the local
	// administrator, an account without a unit) reaches every district,
	// and writes go to the database's one district.
	District string
}

// In returns the actor acting in district (a 行政区划代码, or a city or
// province prefix such as 4103): an account may act in its own district or
// in one within it (a city's account in one of the city's districts).
func (a Actor) In(district string) (Actor, error) {
	code, err := ledger.ParseDistrict(district)
	if err != nil {
		return a, errorf(Invalid, "%s", err.Error())
	}
	if a.District != "" && !ledger.InRegion(code, a.District) {
		return a, errorf(Forbidden, "%s属于行政区划 %s，无权在行政区划 %s 操作", a.describe(), a.District, code)
	}
	a.District = code
	return a, nil
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

// WithActor returns ctx carrying the acting user and, when the actor has
// one, its district (ledger.WithDistrict), which storage reads for the
// district's settings, report, aliases and unit names.
func WithActor(ctx context.Context, a Actor) context.Context {
	if a.District != "" {
		ctx = ledger.WithDistrict(ctx, a.District)
	}
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

// WithDistrict returns ctx acting in district (a 行政区划代码, or a city or
// province prefix) before any actor is known: the command line's
// --district. WithActor of an actor with a district overrides it.
func WithDistrict(ctx context.Context, district string) (context.Context, error) {
	code, err := ledger.ParseDistrict(district)
	if err != nil {
		return ctx, errorf(Invalid, "%s", err.Error())
	}
	return ledger.WithDistrict(ctx, code), nil
}
