package store

// Backup and restore on PostgreSQL, through the server's own client
// programs: pg_dump takes the copy in one repeatable-read snapshot (writers
// go on; the copy shows one instant), in the custom format, of fazhi's
// schema only; pg_restore turns it back into SQL, which psql runs in one
// transaction after dropping fazhi's objects in the target schema, so a
// failed restore leaves the target as it was. The schema of the backup
// may differ from the target's (a copy restored beside the original for a
// check): the script's schema names are rewritten, outside the table data.
//
// The programs are looked for where Debian/Ubuntu keep each version
// (/usr/lib/postgresql/N/bin), then on PATH; pg_dump must be of the
// server's major version or newer.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// pgBinDirs lists the folders holding PostgreSQL client programs, newest
// version first.
func pgBinDirs() []string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return pgDirVersion(b) - pgDirVersion(a) })
	return dirs
}

func pgDirVersion(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

var pgVersionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// pgTool finds client program name of major version min or newer.
func pgTool(name string, min int) (string, error) {
	var cands []string
	for _, d := range pgBinDirs() {
		cands = append(cands, filepath.Join(d, name))
	}
	if p, err := exec.LookPath(name); err == nil {
		cands = append(cands, p)
	}
	found := []string{}
	for _, c := range cands {
		out, err := exec.Command(c, "--version").Output()
		if err != nil {
			continue
		}
		m := pgVersionRE.FindSubmatch(out)
		if m == nil {
			continue
		}
		v, _ := strconv.Atoi(string(m[1]))
		if v >= min {
			return c, nil
		}
		found = append(found, fmt.Sprintf("%s（版本 %d）", c, v))
	}
	msg := fmt.Sprintf("找不到 PostgreSQL %d 或更新版本的 %s", min, name)
	if len(found) > 0 {
		msg += "（只找到 " + strings.Join(found, "、") + "）"
	}
	return "", fmt.Errorf("%s：请安装与数据库服务器同版本的客户端程序，如 Debian/Ubuntu 上 apt-get install postgresql-client-%d", msg, min)
}

// pgEnv is the environment that points libpq programs at the database of
// dsn: host, port, user, database, TLS settings, and the password (in the
// environment, never on a command line others can see).
func pgEnv(dsn string) ([]string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("无法解析 PostgreSQL 连接串: %w", err)
	}
	env := os.Environ()
	set := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	set("PGHOST", u.Hostname())
	set("PGPORT", u.Port())
	if u.User != nil {
		set("PGUSER", u.User.Username())
		if pw, ok := u.User.Password(); ok {
			set("PGPASSWORD", pw)
		}
	}
	set("PGDATABASE", strings.TrimPrefix(u.Path, "/"))
	q := u.Query()
	for k, e := range map[string]string{"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
		"sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT", "host": "PGHOST", "port": "PGPORT",
		"user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE"} {
		set(e, q.Get(k))
	}
	return env, nil
}

// pgRun runs a client program and returns its standard output; its
// standard error goes into the error.
func pgRun(ctx context.Context, env []string, stdin io.Reader, stdout io.Writer, prog string, args ...string) error {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = env
	cmd.Stdin = stdin
	cmd.Stdout = stdout
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(prog), err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// serverMajor is the PostgreSQL server's major version (15 for 15.4).
func (db *DB) serverMajor(ctx context.Context) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int").Scan(&n); err != nil {
		return 0, err
	}
	return n / 10000, nil
}

// Schema is the schema fazhi's tables live in (PostgreSQL; "" on SQLite).
func (db *DB) Schema(ctx context.Context) (string, error) {
	if db.Dialect != Postgres {
		return "", nil
	}
	var s string
	err := db.sql.QueryRowContext(ctx, "SELECT current_schema()").Scan(&s)
	return s, err
}

// pgBackup dumps fazhi's schema to path with pg_dump (custom format).
func (db *DB) pgBackup(ctx context.Context, dsn, path string) error {
	major, err := db.serverMajor(ctx)
	if err != nil {
		return err
	}
	dump, err := pgTool("pg_dump", major)
	if err != nil {
		return err
	}
	schema, err := db.Schema(ctx)
	if err != nil {
		return err
	}
	env, err := pgEnv(dsn)
	if err != nil {
		return err
	}
	return pgRun(ctx, env, nil, io.Discard, dump, "--format=custom", "--no-owner", "--no-privileges",
		"--schema="+quoteIdent(schema), "--file="+path)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgDumpMagic starts every pg_dump custom-format file.
const pgDumpMagic = "PGDMP"

// pgCheckBackup reads what a PostgreSQL backup holds through pg_restore:
// its schema, migration versions, units, history entries and data key.
func pgCheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	info := BackupInfo{Postgres: true}
	restore, err := pgTool("pg_restore", 0)
	if err != nil {
		return info, err
	}
	var list bytes.Buffer
	if err := pgRun(ctx, os.Environ(), nil, &list, restore, "--list", path); err != nil {
		return info, fmt.Errorf("%s 不是可读取的 PostgreSQL 备份: %w", path, err)
	}
	tables := map[string]bool{}
	for _, line := range strings.Split(list.String(), "\n") {
		// 353; 1259 252141 TABLE probe_a goose_db_version fazhi
		f := strings.Fields(line)
		if len(f) >= 6 && f[3] == "TABLE" && f[4] != "DATA" {
			info.Schema, tables[f[5]] = f[4], true
		}
	}
	for _, t := range []string{"goose_db_version", "units", "record_history"} {
		if !tables[t] {
			return info, fmt.Errorf("%s 不是 fazhi 的备份文件（没有 %s 表）", path, t)
		}
	}
	var data bytes.Buffer
	args := []string{"--data-only", "--file=-", "--table=goose_db_version", "--table=units", "--table=record_history"}
	if tables["data_key_state"] {
		args = append(args, "--table=data_key_state")
	}
	if err := pgRun(ctx, os.Environ(), nil, &data, restore, append(args, path)...); err != nil {
		return info, err
	}
	err = copyRows(&data, func(table string, row map[string]string) {
		switch table {
		case "goose_db_version":
			if row["is_applied"] == "t" {
				if v, _ := strconv.ParseInt(row["version_id"], 10, 64); v > info.Version {
					info.Version = v
				}
			}
		case "units":
			info.Units++
		case "record_history":
			info.History++
		case "data_key_state":
			info.KeyID = row["key_id"]
		}
	})
	if err != nil {
		return info, err
	}
	if info.Version > SchemaVersion() {
		return info, fmt.Errorf("%s 是较新版本的 fazhi 备份（结构版本 %d，本程序为 %d），请用新版本 fazhi 恢复", path, info.Version, SchemaVersion())
	}
	return info, nil
}

var copyRE = regexp.MustCompile(`^COPY (?:[^ ]+\.)?"?([A-Za-z0-9_]+)"? \(([^)]*)\) FROM stdin;$`)

// copyRows calls fn for each row of the COPY blocks of a SQL script.
func copyRows(r io.Reader, fn func(table string, row map[string]string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	table := ""
	var cols []string
	for sc.Scan() {
		line := sc.Text()
		if table == "" {
			if m := copyRE.FindStringSubmatch(line); m != nil {
				table, cols = m[1], strings.Split(m[2], ", ")
			}
			continue
		}
		if line == `\.` {
			table = ""
			continue
		}
		vals := strings.Split(line, "\t")
		row := map[string]string{}
		for i, c := range cols {
			if i < len(vals) {
				row[strings.Trim(c, `"`)] = vals[i]
			}
		}
		fn(table, row)
	}
	return sc.Err()
}

// RestorePostgres replaces fazhi's objects in the schema of dsn (its
// search_path's first schema) by the PostgreSQL backup at path; see
// pgRestore. The caller checked the backup (CheckBackup) and that the
// target may be replaced (TargetEmpty); afterwards it opens the database,
// which brings an older backup up to this build's schema.
func RestorePostgres(ctx context.Context, dsn, path string, info BackupInfo) error {
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer raw.Close()
	db := &DB{sql: raw, Dialect: Postgres}
	return db.pgRestore(ctx, dsn, path, info)
}

// pgRestore replaces fazhi's objects in the schema of db by the backup at
// path, in one transaction (psql --single-transaction): the objects of the
// target schema that no extension owns are dropped, the backup's are
// created in their place and filled, and the trigram search indexes are
// left to Open, which creates them where pg_trgm is installed.
func (db *DB) pgRestore(ctx context.Context, dsn, path string, info BackupInfo) error {
	major, err := db.serverMajor(ctx)
	if err != nil {
		return err
	}
	restore, err := pgTool("pg_restore", major)
	if err != nil {
		return err
	}
	psql, err := pgTool("psql", major)
	if err != nil {
		return err
	}
	target, err := db.Schema(ctx)
	if err != nil {
		return err
	}
	env, err := pgEnv(dsn)
	if err != nil {
		return err
	}
	// The table of contents without the trigram indexes.
	var list bytes.Buffer
	if err := pgRun(ctx, env, nil, &list, restore, "--list", path); err != nil {
		return err
	}
	var keep strings.Builder
	for _, line := range strings.Split(list.String(), "\n") {
		if strings.Contains(line, " INDEX ") && strings.HasSuffix(strings.Fields(line + " x x x x x x")[5], "_trgm") {
			continue
		}
		keep.WriteString(line + "\n")
	}
	listFile, err := os.CreateTemp("", "fazhi-restore-*.list")
	if err != nil {
		return err
	}
	defer os.Remove(listFile.Name())
	listFile.WriteString(keep.String())
	listFile.Close()
	var script bytes.Buffer
	if err := pgRun(ctx, env, nil, &script, restore, "--no-owner", "--no-privileges", "--use-list="+listFile.Name(), "--file=-", path); err != nil {
		return err
	}
	var in bytes.Buffer
	in.WriteString(dropSchemaObjects(target))
	if err := rewriteSchema(&script, &in, info.Schema, target); err != nil {
		return err
	}
	if err := pgRun(ctx, env, &in, io.Discard, psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-"); err != nil {
		return fmt.Errorf("恢复失败，数据库未改变: %w", err)
	}
	return nil
}

// dropSchemaObjects is the SQL that drops the tables, sequences and
// functions of schema s that no extension owns (pg_trgm may live there).
func dropSchemaObjects(s string) string {
	lit := "'" + strings.ReplaceAll(s, "'", "''") + "'"
	return fmt.Sprintf(`CREATE SCHEMA IF NOT EXISTS %[2]s;
DO $fazhi$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %[1]s AND c.relkind IN ('r', 'p', 'v', 'm')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS %%I.%%I CASCADE'
            WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %%I.%%I CASCADE'
            ELSE 'DROP TABLE IF EXISTS %%I.%%I CASCADE' END, %[1]s, r.relname);
    END LOOP;
    -- Sequences left once the tables (and their identity sequences) are gone.
    FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %[1]s AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'i', 'a'))
    LOOP
        EXECUTE format('DROP SEQUENCE IF EXISTS %%I.%%I CASCADE', %[1]s, r.relname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = %[1]s AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE 'DROP FUNCTION IF EXISTS ' || r.f::text || ' CASCADE';
    END LOOP;
END
$fazhi$;
`, lit, quoteIdent(s))
}

// rewriteSchema copies a pg_restore script, naming schema to instead of
// from outside the COPY data, and leaving out the backup's CREATE SCHEMA.
func rewriteSchema(r io.Reader, w io.Writer, from, to string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	bw := bufio.NewWriter(w)
	// from. as an identifier: not preceded by an identifier character;
	// quoted or plain.
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_$"])(?:` + regexp.QuoteMeta(from) + `|` + regexp.QuoteMeta(quoteIdent(from)) + `)\.`)
	repl := "${1}" + strings.ReplaceAll(quoteIdent(to), "$", "$$") + "."
	inCopy := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case inCopy:
			if line == `\.` {
				inCopy = false
			}
		case from == to:
		case line == "CREATE SCHEMA "+from+";" || line == "CREATE SCHEMA "+quoteIdent(from)+";":
			continue
		default:
			line = re.ReplaceAllString(line, repl)
		}
		if !inCopy && strings.HasPrefix(line, "COPY ") && strings.HasSuffix(line, " FROM stdin;") {
			inCopy = true
		}
		if strings.HasPrefix(line, "CREATE SCHEMA ") && !inCopy {
			continue // the target schema exists (dropSchemaObjects)
		}
		bw.WriteString(line)
		bw.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}
