package store

// Reads on a PostgreSQL streaming replica (--db-read, docs/benchmarks.md
// "Scaling out").
//
// A DB opened with Options.ReadDSN keeps a second pool on the replica. The
// read-only record queries (FindRecords, AggregateRecords, Search: lists,
// indicators, dashboards, reports, roll-ups, search) take their handle from
// reads; everything else — every write, every transaction, units,
// settings, accounts, sessions, the login guard and the audit trail — stays
// on the primary, and migrations never touch the replica.
//
// Read-your-writes: after this process commits a transaction, its next
// routed read asks the primary for its WAL position and reads from the
// replica only once the replica has replayed that far; until then it reads
// from the primary. So the page a user sees after saving always shows the
// save, while another process (a second web server) may see the replica's
// state, at most the replication lag behind.
//
// A replica that is down: the read pool lists the primary as its fallback
// host (a physical replica has the primary's databases, roles and
// passwords), so reads continue on the primary; connections return to the
// replica within ReadConnLifetime once it answers again. ReadTarget says
// where reads go now.

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// ReadConnLifetime is how long a connection of the read pool is kept: after
// a replica outage, reads are back on the replica within this time.
const ReadConnLifetime = time.Minute

// replica is the read pool of a DB opened with a read DSN.
type replica struct {
	pool *sql.DB
	// dirty is set by every commit of this process and cleared when the
	// replica has replayed it (read-your-writes).
	dirty atomic.Bool
}

// openReplica opens the read pool on readDSN with the primary's host as its
// fallback. It refuses a read DSN on a SQLite database.
func (db *DB) openReplica(ctx context.Context, readDSN string) error {
	if db.Dialect != Postgres || !IsPostgres(readDSN) {
		return fmt.Errorf("只读副本（--db-read）须是 PostgreSQL 流复制备库的 postgres:// 连接串，且主库（--db）也须是 PostgreSQL")
	}
	rc, err := pgx.ParseConfig(readDSN)
	if err != nil {
		return fmt.Errorf("只读副本连接串 %s 无效: %w", redact(readDSN), err)
	}
	pc, err := pgx.ParseConfig(db.dsn)
	if err != nil {
		return fmt.Errorf("数据库连接串 %s 无效: %w", redact(db.dsn), err)
	}
	// The primary, and its own fallbacks, after the replica's.
	rc.Fallbacks = append(rc.Fallbacks, &pgconn.FallbackConfig{Host: pc.Host, Port: pc.Port, TLSConfig: pc.TLSConfig})
	rc.Fallbacks = append(rc.Fallbacks, pc.Fallbacks...)
	if rc.ConnectTimeout == 0 {
		rc.ConnectTimeout = 5 * time.Second // a replica that does not answer: on to the primary
	}
	pool := stdlib.OpenDB(*rc)
	pool.SetConnMaxLifetime(ReadConnLifetime)
	keepConns(pool, PGIdleConns)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return fmt.Errorf("只读副本 %s 与主库均无法连接: %w", redact(readDSN), err)
	}
	db.rep = &replica{pool: pool}
	return nil
}

// primaryOnly is the context key of PrimaryReads.
type primaryOnly struct{}

// PrimaryReads returns ctx with every read made on the primary, for a use
// case that reads what it is about to change.
func PrimaryReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, primaryOnly{}, true)
}

// reads is the handle of a read-only query: the replica when there is one,
// it has replayed this process's last commit and ctx does not ask for the
// primary; the primary otherwise.
// Under LogQueries the handle logs what it runs.
func (db *DB) reads(ctx context.Context) querier {
	return logged(ctx, db.readPool(ctx))
}

func (db *DB) readPool(ctx context.Context) querier {
	r := db.rep
	if r == nil || ctx.Value(primaryOnly{}) != nil {
		return db.sql
	}
	if r.dirty.Load() && !db.replayed(ctx) {
		return db.sql
	}
	return r.pool
}

// replayed reports whether the replica has replayed everything this
// process committed (then clears the mark). Any error answers false: the
// read goes to the primary.
func (db *DB) replayed(ctx context.Context) bool {
	r := db.rep
	r.dirty.Store(false) // a commit after this point sets it again
	var lsn string
	if err := db.sql.QueryRowContext(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		r.dirty.Store(true)
		return false
	}
	var ok bool
	// On the primary itself (the fallback) pg_last_wal_replay_lsn() is
	// NULL and the primary has everything.
	err := r.pool.QueryRowContext(ctx, `SELECT NOT pg_is_in_recovery() OR COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, lsn).Scan(&ok)
	if err != nil || !ok {
		r.dirty.Store(true)
		return false
	}
	return true
}

// wrote marks a commit of this process (read-your-writes).
func (db *DB) wrote() {
	if db.rep != nil {
		db.rep.dirty.Store(true)
	}
}

// ReadTarget says where the read-only queries go: "" without a read DSN,
// "replica" when the read pool reaches a server in recovery (a standby),
// "primary" when it has fallen back to the primary.
func (db *DB) ReadTarget(ctx context.Context) (string, error) {
	if db.rep == nil {
		return "", nil
	}
	var standby bool
	if err := db.rep.pool.QueryRowContext(ctx, `SELECT pg_is_in_recovery()`).Scan(&standby); err != nil {
		return "", fmt.Errorf("只读副本: %w", err)
	}
	if standby {
		return "replica", nil
	}
	return "primary", nil
}

// ReadSQL exposes the read pool (nil without a read DSN) for tests.
func (db *DB) ReadSQL() *sql.DB {
	if db.rep == nil {
		return nil
	}
	return db.rep.pool
}
