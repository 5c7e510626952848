// Package store keeps ledgers, units and history in SQLite (the embedded
// default) or PostgreSQL (production, and the PostgreSQL-based domestic
// databases). SQL is written once with ? placeholders and rebound for
// PostgreSQL; ledger tables are derived from the ledger definitions.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fazhi/internal/seal"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"
)

// Dialect is the SQL engine behind a DB.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

//go:embed migrations
var migrations embed.FS

// DB is an open fazhi database.
type DB struct {
	sql     *sql.DB
	Dialect Dialect
	// Now stamps history rows; tests may replace it.
	Now func() time.Time
	// keys seal sensitive values (store/seal.go); the current key is the
	// database's.
	keyp atomic.Pointer[seal.Keyring]
	dsn  string   // for the PostgreSQL client programs of Backup
	rep  *replica // the read pool of Options.ReadDSN (store/replica.go), or nil
}

// Open opens the database named by dsn (a file path for SQLite, a
// postgres:// or postgresql:// URL for PostgreSQL), applies the embedded
// migrations and brings every ledger table up to its definition, with the
// data key found as Options says.
func Open(ctx context.Context, dsn string) (*DB, error) { return OpenWith(ctx, dsn, Options{}) }

// OpenWith is Open with options: the data key file.
func OpenWith(ctx context.Context, dsn string, opt Options) (*DB, error) {
	db := &DB{Now: time.Now, dsn: dsn}
	keys, created, err := LoadKeys(dsn, opt)
	if err != nil {
		return nil, err
	}
	db.keyp.Store(keys)
	fail := func() {
		if created {
			os.Remove(keys.File) // a key made for this open, refused: no stray key file
		}
	}
	if IsPostgres(dsn) {
		db.Dialect = Postgres
		db.sql, err = sql.Open("pgx", dsn)
		keepConns(db.sql, PGIdleConns)
	} else {
		db.sql, err = sql.Open("sqlite", sqliteDSN(dsn))
		// One writer at a time is SQLite's model; a small pool serves readers.
		db.sql.SetMaxOpenConns(4)
		keepConns(db.sql, 4)
	}
	if err != nil {
		return nil, fmt.Errorf("打开数据库: %w", err)
	}
	// Several processes may open one fresh database at once: one migrates,
	// the others wait (store/migrate_lock.go). On SQLite the lock is taken
	// before the first connection, which turns the file to WAL mode.
	unlock, err := db.migrationLock(ctx, dsn)
	if err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("连接数据库失败（%s）: %w", redact(dsn), err)
	}
	defer unlock()
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("连接数据库失败（%s）: %w", redact(dsn), err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.sql.Close()
		return nil, err
	}
	if err := db.openSeal(ctx); err != nil {
		db.sql.Close()
		fail()
		return nil, err
	}
	if opt.ReadDSN != "" {
		if err := db.openReplica(ctx, opt.ReadDSN); err != nil {
			db.sql.Close()
			return nil, err
		}
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database (a
// postgres:// or postgresql:// URL); anything else is a SQLite file path.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds the pragmas every connection needs: busy_timeout first so
// the others wait for locks, WAL for concurrent readers, foreign keys on
// (SQLite leaves them off by default) and immediate write transactions so two
// writers queue instead of failing on upgrade.
func sqliteDSN(path string) string {
	if strings.HasPrefix(path, "file:") {
		return path
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_txlock", "immediate")
	// A path is a path: 台账#2022.db and 50%41.db name those files, so
	// the characters a URI gives meaning to are escaped.
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	u.Opaque = strings.NewReplacer("?", "%3F", "#", "%23").Replace(u.Opaque)
	return u.String() + "?" + q.Encode()
}

func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		u.User = url.User(u.User.Username())
		return u.String()
	}
	return dsn
}

// Migrate applies the embedded schema migrations, then syncs ledger tables
// and the search triggers on them.
func (db *DB) Migrate(ctx context.Context) error {
	dialect := goose.DialectSQLite3
	if db.Dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, "migrations/"+db.Dialect.String())
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, db.sql, sub, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("执行数据库迁移失败: %w", err)
	}
	if err := db.syncLedgers(ctx); err != nil {
		return err
	}
	return db.syncSearch(ctx) // search triggers need the ledger tables (store/search.go)
}

// Close closes the database (and its read pool).
func (db *DB) Close() error {
	if db.rep != nil {
		db.rep.pool.Close()
	}
	return db.sql.Close()
}

// SQL exposes the underlying handle for tests and tools.
func (db *DB) SQL() *sql.DB { return db.sql }

// rebind turns ? placeholders into $1, $2 … for PostgreSQL.
func (db *DB) rebind(q string) string {
	if db.Dialect != Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// inTx runs fn in one transaction, committing only if fn succeeds.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.wrote()
	return nil
}

// Redact returns dsn without its password, for messages.
func Redact(dsn string) string { return redact(dsn) }
