package store

import (
	"database/sql"
	"time"
)

// PGIdleConns is how many idle PostgreSQL connections a handle keeps.
// database/sql keeps 2 by default: a web page runs several queries (the
// session, the account, the units, the list) and 8 people at once need 8
// connections, so with 2 kept every other query opened a new one — a TCP
// connection, a server process and a SCRAM-SHA-256 password exchange (4,096
// PBKDF2 rounds on each side) — which made the list page's p99 several
// times its floor's (docs/benchmarks.md).
const PGIdleConns = 8

// IdleConnTimeout closes a connection idle that long, so a quiet server
// gives its connections back to PostgreSQL (max_connections).
const IdleConnTimeout = 2 * time.Minute

// keepConns sets how many idle connections a pool keeps, and for how long.
func keepConns(pool *sql.DB, n int) {
	pool.SetMaxIdleConns(n)
	pool.SetConnMaxIdleTime(IdleConnTimeout)
}
