package store

import (
	"context"
	"database/sql"
	"time"
)

// LoginGuard is the failed-login count of one account name or client
// address (table login_guard): failures since WindowStart, and the end of a
// lockout (zero: none).
type LoginGuard struct {
	Failures    int
	WindowStart time.Time
	LockedUntil time.Time
}

// LoginGuardOf returns the guard of kind ("account", "addr") and key.
func (db *DB) LoginGuardOf(ctx context.Context, kind, key string) (LoginGuard, error) {
	var g LoginGuard
	var ws, lu int64
	err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT failures, window_start, locked_until FROM login_guard WHERE kind = ? AND key = ?`), kind, key).Scan(&g.Failures, &ws, &lu)
	if err == sql.ErrNoRows {
		return g, nil
	}
	if err != nil {
		return g, err
	}
	g.WindowStart = time.Unix(ws, 0)
	if lu > 0 {
		g.LockedUntil = time.Unix(lu, 0)
	}
	return g, nil
}

// LoginFailed counts one failure of kind and key at now in one transaction
// (the row locked on PostgreSQL, so that concurrent failures all count):
// a window older than window starts again at now; the failure that brings
// the count to limit locks the key until now+lockFor and starts a new
// window. It returns the guard after the failure.
func (db *DB) LoginFailed(ctx context.Context, kind, key string, now time.Time, window time.Duration, limit int, lockFor time.Duration) (LoginGuard, error) {
	var g LoginGuard
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO login_guard (kind, key, failures, window_start, locked_until) VALUES (?, ?, 0, ?, 0) ON CONFLICT (kind, key) DO NOTHING`), kind, key, now.Unix()); err != nil {
			return err
		}
		q := `SELECT failures, window_start, locked_until FROM login_guard WHERE kind = ? AND key = ?`
		if db.Dialect == Postgres {
			q += ` FOR UPDATE`
		}
		var ws, lu int64
		if err := tx.QueryRowContext(ctx, db.rebind(q), kind, key).Scan(&g.Failures, &ws, &lu); err != nil {
			return err
		}
		if now.Unix()-ws >= int64(window/time.Second) {
			g.Failures, ws = 0, now.Unix()
		}
		g.Failures++
		if g.Failures >= limit {
			lu = now.Add(lockFor).Unix()
			g.Failures, ws = 0, now.Unix()
		}
		g.WindowStart = time.Unix(ws, 0)
		if lu > 0 {
			g.LockedUntil = time.Unix(lu, 0)
		}
		_, err := tx.ExecContext(ctx, db.rebind(`UPDATE login_guard SET failures = ?, window_start = ?, locked_until = ? WHERE kind = ? AND key = ?`), g.Failures, ws, lu, kind, key)
		return err
	})
	return g, err
}

// LoginSucceeded forgets the failures of kind and key, and guards that
// have expired by now (they would start a new window anyway).
func (db *DB) LoginSucceeded(ctx context.Context, kind, key string, now time.Time, window time.Duration) error {
	if _, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM login_guard WHERE kind = ? AND key = ?`), kind, key); err != nil {
		return err
	}
	_, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM login_guard WHERE window_start < ? AND locked_until < ?`), now.Add(-window).Unix(), now.Unix())
	return err
}

// Session is one web session (table web_session).
type Session struct {
	Account       string
	Created, Seen time.Time
}

// InsertSession stores a new session under the hash of its token.
func (db *DB) InsertSession(ctx context.Context, tokenHash, account string, now time.Time) error {
	_, err := db.sql.ExecContext(ctx, db.rebind(`INSERT INTO web_session (token_hash, account, created_at, seen_at) VALUES (?, ?, ?, ?)`), tokenHash, account, now.Unix(), now.Unix())
	return err
}

// SessionOf returns the session stored under tokenHash.
func (db *DB) SessionOf(ctx context.Context, tokenHash string) (Session, bool, error) {
	var s Session
	var c, seen int64
	err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT account, created_at, seen_at FROM web_session WHERE token_hash = ?`), tokenHash).Scan(&s.Account, &c, &seen)
	if err == sql.ErrNoRows {
		return s, false, nil
	}
	if err != nil {
		return s, false, err
	}
	s.Created, s.Seen = time.Unix(c, 0), time.Unix(seen, 0)
	return s, true, nil
}

// TouchSession marks the session used at now.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	_, err := db.sql.ExecContext(ctx, db.rebind(`UPDATE web_session SET seen_at = ? WHERE token_hash = ?`), now.Unix(), tokenHash)
	return err
}

// DeleteSession removes one session.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM web_session WHERE token_hash = ?`), tokenHash)
	return err
}

// DeleteIdleSessions removes the sessions not used since before.
func (db *DB) DeleteIdleSessions(ctx context.Context, before time.Time) error {
	_, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM web_session WHERE seen_at < ?`), before.Unix())
	return err
}

// DeleteSessionsOf removes every session of account (disabled, password reset).
func (db *DB) DeleteSessionsOf(ctx context.Context, account string) error {
	_, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM web_session WHERE account = ?`), account)
	return err
}
