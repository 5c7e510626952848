// Package app holds fazhi's use cases, one method each, under every
// interface: the command line and the web only translate. Each method takes
// a context carrying the acting user (WithActor), decides access in one
// place (roles.go), reads the wall clock only through Options.Now and the
// business date only through AsOf, and returns *Error values with a Code and
// a Chinese message that names no command-line flag.
package app

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fazhi/calendar"
	"fazhi/store"
)

// Options configures an App.
type Options struct {
	// Now is the wall clock: history and audit times, sessions. Default time.Now.
	Now func() time.Time
	// DataKeyFile is the file holding the data key that seals ID numbers
	// (--data-key); "" looks for FAZHI_DATA_KEY, FAZHI_DATA_KEY_FILE, then
	// the default file (docs/SECURITY.md, 数据保密性).
	DataKeyFile string
	// ReadDSN is a PostgreSQL streaming replica of the database (--db-read):
	// lists, indicators, dashboards, reports, roll-ups and search read
	// there, every write and everything else on the database itself
	// (store/replica.go says how read-your-writes and an outage are handled).
	ReadDSN string
	// AuditKeyFile is the file holding the audit trail's MAC key
	// (--audit-key); "" means AuditKeyPath's default. Open reads it, or
	// creates it with a new key (0600) on first use.
	AuditKeyFile string
	// AuditKey is the key itself (New); nil in New means a random key
	// for this App only, which no later App can verify: tests only.
	AuditKey []byte
	// AuditKeyCreated is called when Open creates a key file, with its
	// path and the entries the trail already holds: more than none means
	// the old key is lost (a copied database, a deleted file), and those
	// entries will fail verification.
	AuditKeyCreated func(path string, entries int64)
}

// App is the application layer over one database.
type App struct {
	db       *store.DB
	now      func() time.Time
	auditKey []byte
}

// New returns the application layer over db.
func New(db *store.DB, opt Options) *App {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	db.Now = opt.Now
	if opt.AuditKey == nil {
		opt.AuditKey = make([]byte, 32)
		rand.Read(opt.AuditKey)
	}
	return &App{db: db, now: opt.Now, auditKey: opt.AuditKey}
}

// OpenMode says whether opening may create a database.
type OpenMode int

const (
	// Existing refuses a SQLite file that does not exist: a read command
	// run outside a fazhi folder must not create an empty ./fazhi.db.
	Existing OpenMode = iota
	// Create may create the database, and says so.
	Create
)

// Open opens the database named by dsn (a SQLite file path, or a
// postgres:// URL) and applies migrations. created reports a new SQLite file.
func Open(ctx context.Context, dsn string, mode OpenMode, opt Options) (a *App, created bool, err error) {
	if !store.IsPostgres(dsn) {
		if dir := filepath.Dir(dsn); dir != "" {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return nil, false, errorf(Invalid, "数据库 %s 所在的文件夹 %s 不存在", dsn, dir)
			}
		}
		_, statErr := os.Stat(dsn)
		switch {
		case errors.Is(statErr, os.ErrNotExist) && mode == Existing:
			return nil, false, errorf(NotFound, "数据库 %s 不存在：请确认路径，或先导入数据（单位名录、台账）或载入演示数据", dsn)
		case errors.Is(statErr, os.ErrNotExist):
			created = true
		case statErr != nil:
			return nil, false, &Error{Code: Invalid, Msg: fmt.Sprintf("无法访问数据库 %s: %v", dsn, statErr), Err: statErr}
		}
	}
	keyPath, err := AuditKeyPath(dsn, opt.AuditKeyFile)
	if err != nil {
		return nil, false, err
	}
	db, err := store.OpenWith(ctx, dsn, store.Options{DataKeyFile: opt.DataKeyFile, ReadDSN: opt.ReadDSN})
	if err != nil {
		return nil, false, &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	if opt.AuditKey == nil {
		key, keyCreated, err := loadAuditKey(keyPath)
		if err != nil {
			db.Close()
			return nil, false, err
		}
		if keyCreated && opt.AuditKeyCreated != nil {
			h, _, _ := db.AuditHeadNow(ctx)
			opt.AuditKeyCreated(keyPath, h.Seq)
		}
		opt.AuditKey = key
	}
	return New(db, opt), created, nil
}

// ReadTarget says where the read-only queries go: "" without
// Options.ReadDSN, "replica" on the streaming replica, "primary" when the
// replica cannot be reached and reads fell back to the database itself.
func (a *App) ReadTarget(ctx context.Context) (string, error) { return a.db.ReadTarget(ctx) }

// Redact returns a DSN without its password, for messages.
func Redact(dsn string) string { return store.Redact(dsn) }

// Close closes the database.
func (a *App) Close() error { return a.db.Close() }

// Store exposes the storage for tests and tools of this module.
func (a *App) Store() *store.DB { return a.db }

// today is the wall clock's date in China (UTC+8).
func (a *App) today() time.Time {
	n := a.now().In(ChinaTime)
	return calendar.Date(n.Year(), n.Month(), n.Day())
}

// ChinaTime is UTC+8, the zone every time is shown in.
var ChinaTime = time.FixedZone("CST", 8*3600)
