package bench

import (
	"context"
	"fmt"
	"os"

	"fazhi/store"
)

// Command is what `fazhi bench` asks for.
type Command struct {
	Quick bool
	// Engine is "sqlite", "postgres" or "both".
	Engine string
	// DB is a postgres:// URL (the PostgreSQL server to use) or a SQLite
	// file; "" means the SQLite cache file and, for PostgreSQL, the
	// environment variable FAZHI_BENCH_PG, then FAZHI_TEST_PG.
	DB string
	// Run is a regular expression choosing cases by name ("" all).
	Run string
	// Records overrides the size of the large ledger (0: the default).
	Records int
	Logf    func(format string, args ...any)
}

// Main prepares the data sets the command asks for and runs the cases on
// them. skipped says which engine was left out and why (no PostgreSQL
// server named).
func Main(ctx context.Context, c Command) (res []Result, skipped []string, err error) {
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	var engines []string
	switch c.Engine {
	case "", "both":
		engines = []string{"sqlite", "postgres"}
	case "sqlite", "postgres":
		engines = []string{c.Engine}
	default:
		return nil, nil, fmt.Errorf("--engine 只能是 sqlite、postgres 或 both，实为 %q", c.Engine)
	}
	var envs []*Env
	for _, e := range engines {
		o := Options{Engine: e, Quick: c.Quick, Records: c.Records, Logf: c.Logf}
		if e == "postgres" {
			o.DSN = PostgresDSN(c.DB)
			if o.DSN == "" {
				skipped = append(skipped, "PostgreSQL：未给出服务器（--db postgres://… 或环境变量 FAZHI_BENCH_PG / FAZHI_TEST_PG），已跳过")
				continue
			}
		} else if !store.IsPostgres(c.DB) {
			o.DSN = c.DB
		}
		env, err := Prepare(ctx, o)
		if err != nil {
			return nil, skipped, err
		}
		envs = append(envs, env)
	}
	res, err = Run(ctx, c.Run, envs...)
	return res, skipped, err
}

// PostgresDSN is the PostgreSQL server to benchmark on: db when it is a
// postgres:// URL, else FAZHI_BENCH_PG, else FAZHI_TEST_PG, else "".
func PostgresDSN(db string) string {
	if store.IsPostgres(db) {
		return db
	}
	if v := os.Getenv("FAZHI_BENCH_PG"); v != "" {
		return v
	}
	return os.Getenv("FAZHI_TEST_PG")
}
