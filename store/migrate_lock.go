package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// migrationLock serialises the opening of one database by several
// processes, so that only one applies the migrations and syncs the ledger
// tables while the others wait and then find the work done. Without it, a
// fresh database opened by two processes at once fails in one of them
// ("table units already exists"; on PostgreSQL a duplicate pg_type key).
//
// PostgreSQL: a session advisory lock (pg_advisory_lock) keyed by the
// schema, held on one connection of the pool for the duration.
//
// SQLite: an immediate write transaction on a small companion database
// beside the data file (NAME-lock). It cannot be taken on the data file
// itself, because the migrations run on other connections of this process,
// which that lock would block too. SQLite releases the lock if the process
// dies; the empty companion file stays and is harmless.
//
// It returns the function that releases the lock.
func (db *DB) migrationLock(ctx context.Context, dsn string) (func(), error) {
	if db.Dialect == Postgres {
		conn, err := db.sql.Conn(ctx)
		if err != nil {
			return nil, err
		}
		const key = `hashtext('fazhi.migrate.' || current_schema())`
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+key+")"); err != nil {
			conn.Close()
			return nil, fmt.Errorf("等待数据库迁移锁: %w", err)
		}
		return func() {
			conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock("+key+")")
			conn.Close()
		}, nil
	}
	uri := lockURI(dsn)
	if uri == "" {
		return func() {}, nil
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(120000)") // a migration takes seconds; wait up to two minutes
	q.Add("_txlock", "immediate")
	lk, err := sql.Open("sqlite", uri+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	lk.SetMaxOpenConns(1)
	tx, err := lk.BeginTx(ctx, nil)
	if err != nil {
		lk.Close()
		return nil, fmt.Errorf("等待数据库迁移锁: %w", err)
	}
	return func() {
		tx.Rollback()
		lk.Close()
	}, nil
}

// lockURI is the file: URI of the companion lock database of a SQLite DSN
// (a path, escaped as sqliteDSN does, or a file: URI), or "" for an
// in-memory database.
func lockURI(dsn string) string {
	if strings.HasPrefix(dsn, "file:") {
		p, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
		if p == "" || strings.Contains(p, ":memory:") {
			return ""
		}
		return "file:" + p + "-lock"
	}
	if dsn == "" || dsn == ":memory:" {
		return ""
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: dsn + "-lock"}).EscapedPath()}
	return "file:" + strings.NewReplacer("?", "%3F", "#", "%23").Replace(u.Opaque)
}
