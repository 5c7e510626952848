package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"sync"
	"time"
	"unicode/utf8"
)

// Login limits (等保 2.0 level 3, 身份鉴别: 登录失败处理功能, 应配置并启用
// 结束会话、限制非法登录次数和当登录连接超时自动退出等相关措施).
const (
	// AccountFailLimit failures of one account name within FailWindow lock
	// that name for LockFor, whatever the password.
	AccountFailLimit = 5
	// AddrFailLimit failures from one client address within FailWindow
	// refuse every login from it for LockFor: a whole bureau may sit behind
	// one NAT address, so the limit is high.
	AddrFailLimit = 50
	FailWindow    = 15 * time.Minute
	LockFor       = 15 * time.Minute
	// SessionIdle ends a web session no request used for this long.
	SessionIdle = 30 * time.Minute
)

// The failures are counted in the database (table login_guard) by the name
// typed, whether or not such an account exists, so that the answers — and
// the lockout — are the same for a real and an unknown name: they never
// tell whether an account exists. A restart does not reset them.

var (
	dummyOnce sync.Once
	dummyHash string
)

// dummy is a hash to check unknown names against, so that a wrong name
// costs the same time as a wrong password.
func dummy() string {
	dummyOnce.Do(func() { dummyHash, _ = hashPassword("fazhi-no-such-account-Aa1!") })
	return dummyHash
}

// Login checks an account's password and returns its actor, counting
// failures per name and per client address (ClientAddr). A wrong name and
// a wrong password give the same answer; a locked name or a throttled
// address is refused before the password is checked. Every attempt is
// audited. Errors: Unauthenticated, TooMany.
func (a *App) Login(ctx context.Context, name, password string) (Actor, error) {
	now := a.now()
	addr := ClientAddr(ctx)
	who := name
	if utf8.RuneCountInString(who) > 64 {
		who = string([]rune(who)[:64]) + "…"
	}
	target := "账号 " + who
	ag, err := a.db.LoginGuardOf(ctx, "addr", addr)
	if err != nil {
		return Actor{}, err
	}
	if ag.LockedUntil.After(now) {
		a.auditAs(ctx, who, "", "login.locked", target, AuditDetail{Note: "来源地址登录失败过多，暂停登录"})
		return Actor{}, errorf(TooMany, "该地址登录失败次数过多，请于 %s 后再试", ag.LockedUntil.In(ChinaTime).Format("15:04"))
	}
	g, err := a.db.LoginGuardOf(ctx, "account", name)
	if err != nil {
		return Actor{}, err
	}
	if g.LockedUntil.After(now) {
		a.auditAs(ctx, who, "", "login.locked", target, AuditDetail{Note: "账号已锁定"})
		return Actor{}, errorf(TooMany, "登录失败次数过多，该账号已锁定至 %s，请稍后再试或联系系统管理员", g.LockedUntil.In(ChinaTime).Format("15:04"))
	}
	st, found, err := a.db.Account(ctx, name)
	if err != nil {
		return Actor{}, err
	}
	hash := dummy()
	if found {
		hash = st.PasswordHash
	}
	if !checkPassword(hash, password) || !found {
		ng, err := a.db.LoginFailed(ctx, "account", name, now, FailWindow, AccountFailLimit, LockFor)
		if err != nil {
			return Actor{}, err
		}
		if _, err := a.db.LoginFailed(ctx, "addr", addr, now, FailWindow, AddrFailLimit, LockFor); err != nil {
			return Actor{}, err
		}
		if err := a.auditAs(ctx, who, "", "login.fail", target, AuditDetail{Note: "账号或密码不正确"}); err != nil {
			return Actor{}, err
		}
		if ng.LockedUntil.After(now) {
			return Actor{}, errorf(TooMany, "账号或密码不正确；连续失败 %d 次，该账号已锁定至 %s", AccountFailLimit, ng.LockedUntil.In(ChinaTime).Format("15:04"))
		}
		if left := AccountFailLimit - ng.Failures; left <= 2 {
			return Actor{}, errorf(Unauthenticated, "账号或密码不正确（再失败 %d 次，该账号将锁定 %d 分钟）", left, int(LockFor/time.Minute))
		}
		return Actor{}, errorf(Unauthenticated, "账号或密码不正确")
	}
	if st.Disabled {
		a.auditAs(ctx, who, Role(st.Role).Label(), "login.fail", target, AuditDetail{Note: "账号已停用"})
		return Actor{}, errorf(Unauthenticated, "账号 %s 已停用，请联系系统管理员", name)
	}
	if err := a.db.LoginSucceeded(ctx, "account", name, now, FailWindow); err != nil {
		return Actor{}, err
	}
	act := actorOf(st)
	if err := a.audit(WithActor(ctx, act), "login", target, AuditDetail{}); err != nil {
		return Actor{}, err
	}
	return act, nil
}

// StartSession begins a web session for act and returns its token (256
// random bits, base64url); only the token's SHA-256 is stored.
func (a *App) StartSession(ctx context.Context, act Actor) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := a.now()
	if err := a.db.DeleteIdleSessions(ctx, now.Add(-SessionIdle)); err != nil {
		return "", err
	}
	return tok, a.db.InsertSession(ctx, tokenHash(tok), act.Account, now)
}

func tokenHash(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// SessionActor returns the actor of a live session and marks it used (at
// most once a minute, so reads do not each write). A session idle for
// SessionIdle is ended. Errors: Unauthenticated (no such session, expired,
// account disabled or gone).
func (a *App) SessionActor(ctx context.Context, token string) (Actor, error) {
	if token == "" {
		return Actor{}, errorf(Unauthenticated, "未登录：请先登录")
	}
	h := tokenHash(token)
	s, found, err := a.db.SessionOf(ctx, h)
	if err != nil {
		return Actor{}, err
	}
	if !found {
		return Actor{}, errorf(Unauthenticated, "未登录或登录已过期，请重新登录")
	}
	now := a.now()
	if now.Sub(s.Seen) > SessionIdle {
		a.db.DeleteSession(ctx, h)
		return Actor{}, errorf(Unauthenticated, "超过 %d 分钟未操作，登录已过期，请重新登录", int(SessionIdle/time.Minute))
	}
	if now.Sub(s.Seen) >= time.Minute {
		if err := a.db.TouchSession(ctx, h, now); err != nil {
			return Actor{}, err
		}
	}
	return a.Actor(ctx, s.Account)
}

// Logout ends the session of token and audits it for the actor of ctx.
func (a *App) Logout(ctx context.Context, token string) error {
	if token != "" {
		if err := a.db.DeleteSession(ctx, tokenHash(token)); err != nil {
			return err
		}
	}
	act, ok := ActorFrom(ctx)
	if !ok {
		return nil
	}
	return a.audit(ctx, "logout", "账号 "+act.Account, AuditDetail{})
}
