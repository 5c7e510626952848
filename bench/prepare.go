package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fazhi/app"
	"fazhi/store"
)

// DataVersion names the shape of the generated data; a change to what a
// case generates bumps it, so that cached data sets are made again.
const DataVersion = 1

// Sizes of the data sets: the province sizes, and --quick's.
const (
	FullRecords  = 2_000_000
	QuickRecords = 20_000
)

// Options say what Prepare prepares.
type Options struct {
	// Engine is "sqlite" or "postgres".
	Engine string
	// DSN: for PostgreSQL the server's database (required; the data goes
	// in a schema of its own, fazhi_bench_v<DataVersion>_<records>); for
	// SQLite a file to use ("" means a file in the user cache folder,
	// kept between runs so that a second run does not generate again).
	DSN string
	// Quick asks for the small data set and few iterations.
	Quick bool
	// Records overrides the size of the large ledger (0: FullRecords, or
	// QuickRecords with Quick).
	Records int
	// Logf reports progress; nil is silent.
	Logf func(format string, args ...any)
}

// Prepare opens the data set of o, creating it when missing: a database
// holding the 偃师区 demo (units, accounts, every ledger). Each case adds the
// bulk data it measures once (Env.Ensure) and reuses it on later runs.
func Prepare(ctx context.Context, o Options) (*Env, error) {
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	env := &Env{Engine: o.Engine, Quick: o.Quick, Records: o.Records, Logf: o.Logf}
	if env.Records <= 0 {
		env.Records = FullRecords
		if o.Quick {
			env.Records = QuickRecords
		}
	}
	name := fmt.Sprintf("fazhi_bench_v%d_%d", DataVersion, env.Records)
	switch o.Engine {
	case "sqlite":
		env.DSN = o.DSN
		if env.DSN == "" {
			dir, err := os.UserCacheDir()
			if err != nil {
				dir = os.TempDir()
			}
			dir = filepath.Join(dir, "fazhi", "bench")
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("创建基准数据文件夹 %s: %w", dir, err)
			}
			env.DSN = filepath.Join(dir, name+".db")
		}
	case "postgres":
		if !store.IsPostgres(o.DSN) {
			return nil, fmt.Errorf("PostgreSQL 基准需要 postgres:// 连接串（--db 或环境变量 FAZHI_BENCH_PG），实为 %q", store.Redact(o.DSN))
		}
		env.DSN = o.DSN
		if !strings.Contains(o.DSN, "search_path=") { // else the caller chose the schema
			dsn, err := pgSchema(ctx, o.DSN, name)
			if err != nil {
				return nil, err
			}
			env.DSN = dsn
		}
	default:
		return nil, fmt.Errorf("数据库类型只能是 sqlite 或 postgres，实为 %q", o.Engine)
	}
	err := env.Ensure(ctx, "demo", func(a *app.App) error {
		if a.IsDemo(ctx) {
			return nil // a copy of the demo (the tests' fixture)
		}
		env.Logf("载入演示数据（%s）…", o.Engine)
		_, _, _, err := a.LoadDemo(app.WithActor(ctx, app.LocalActor()), func(app.DemoFile) {})
		return err
	})
	if err != nil {
		return nil, err
	}
	return env, nil
}

// Scale scales a case's own size with the data set: full at FullRecords,
// quick at QuickRecords with --quick, in proportion to Records otherwise
// (a test's tiny data set), at least 20.
func (env *Env) Scale(full, quick int) int {
	if env.Quick {
		return max(20, int(int64(quick)*int64(env.Records)/QuickRecords))
	}
	return max(20, int(int64(full)*int64(env.Records)/FullRecords))
}

// pgSchema creates schema name on the server of dsn if missing and returns
// a DSN whose search_path starts with it.
func pgSchema(ctx context.Context, dsn, name string) (string, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+name); err != nil {
		return "", fmt.Errorf("创建基准数据模式 %s（%s）: %w", name, store.Redact(dsn), err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", name+",public")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// App opens the data set (the caller closes it).
func (env *Env) App(ctx context.Context) (*app.App, error) {
	a, _, err := app.Open(ctx, env.DSN, app.Create, app.Options{})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Filled ensures the data set name (Ensure: fill runs once, told what it
// makes for the log), refreshes the planner's statistics and opens the data
// set for measuring (the caller closes it).
func (env *Env) Filled(ctx context.Context, name, what string, fill func(a *app.App) error) (*app.App, error) {
	err := env.Ensure(ctx, name, func(a *app.App) error {
		env.Logf("生成%s…", what)
		return fill(a)
	})
	if err != nil {
		return nil, err
	}
	a, err := env.App(ctx)
	if err != nil {
		return nil, err
	}
	analyze(ctx, a.Store())
	return a, nil
}

// Ensure runs fill once per data set: it records name in the table
// bench_data when fill succeeds, and skips fill when name is there. A fill
// that fails leaves name unrecorded, so the next run fills again (fill must
// therefore tolerate its own partial work, e.g. by writing in one
// transaction or deleting what it wrote first).
func (env *Env) Ensure(ctx context.Context, name string, fill func(a *app.App) error) error {
	a, err := env.App(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	db := a.Store()
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_data (name TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	var n int
	if err := db.SQL().QueryRowContext(ctx, rebind(db, `SELECT COUNT(*) FROM bench_data WHERE name = ?`), name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := fill(a); err != nil {
		return fmt.Errorf("生成基准数据 %s: %w", name, err)
	}
	if db.Dialect == store.SQLite {
		db.SQL().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	_, err = db.SQL().ExecContext(ctx, rebind(db, `INSERT INTO bench_data (name) VALUES (?)`), name)
	return err
}

// rebind turns ? placeholders into $n on PostgreSQL.
func rebind(db *store.DB, q string) string {
	if db.Dialect != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
