package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
)

// SchemaVersion is the newest migration this build knows: a backup made by
// a newer build (higher version) cannot be restored by this one.
func SchemaVersion() int64 {
	var max int64
	ents, _ := fs.ReadDir(migrations, "migrations/sqlite")
	for _, e := range ents {
		v, _, _ := strings.Cut(e.Name(), "_")
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > max {
			max = n
		}
	}
	return max
}

// Backup writes a consistent copy of the database to path, which must not
// exist. SQLite: VACUUM INTO, one read transaction, so writers may go on and
// the copy shows the database as of one instant; the copy is a complete
// SQLite database (fazhi opens it directly) without free pages. PostgreSQL:
// pg_dump of fazhi's schema in the custom format (store/pgbackup.go), one
// snapshot likewise. Sensitive values stay sealed in the copy: restoring
// it needs the data key.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect == Postgres {
		if err := db.pgBackup(ctx, db.dsn, path); err != nil {
			return fmt.Errorf("备份失败: %w", err)
		}
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("备份失败: %w", err)
	}
	return nil
}

// BackupInfo describes a backup file.
type BackupInfo struct {
	Version int64 // schema version (newest migration applied)
	Units   int   // units in the unit tree
	History int   // record_history entries (every insert and change)
	// KeyID is the id of the data key its sensitive values are sealed
	// with ("" for a backup made before encryption).
	KeyID string
	// Postgres marks a pg_dump backup; Schema is the schema it was taken of.
	Postgres bool
	Schema   string
}

// CheckBackup opens path read-only and reports whether it is a fazhi
// database this build can restore: a SQLite file that passes PRAGMA
// integrity_check, carries fazhi's migration table and units table, and is
// at a schema version no newer than SchemaVersion.
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	f, err := os.Open(path)
	if err != nil {
		return info, fmt.Errorf("无法打开备份文件 %s: %w", path, err)
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err == nil && string(head[:len(pgDumpMagic)]) == pgDumpMagic {
		return pgCheckBackup(ctx, path)
	}
	if err != nil || string(head) != "SQLite format 3\x00" {
		return info, fmt.Errorf("%s 不是 fazhi 的备份文件（不是 SQLite 数据库）", path)
	}
	b, err := sql.Open("sqlite", lockURIPath(path)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return info, err
	}
	defer b.Close()
	var ok string
	if err := b.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		return info, fmt.Errorf("%s 已损坏（integrity_check: %s %v）", path, ok, err)
	}
	if err := b.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&info.Version); err != nil {
		return info, fmt.Errorf("%s 不是 fazhi 的备份文件（没有数据库结构版本）", path)
	}
	if err := b.QueryRowContext(ctx, "SELECT COUNT(*) FROM units").Scan(&info.Units); err != nil {
		return info, fmt.Errorf("%s 不是 fazhi 的备份文件（没有单位名录）", path)
	}
	b.QueryRowContext(ctx, "SELECT COUNT(*) FROM record_history").Scan(&info.History)
	b.QueryRowContext(ctx, "SELECT key_id FROM data_key_state WHERE id = 1").Scan(&info.KeyID)
	if info.Version > SchemaVersion() {
		return info, fmt.Errorf("%s 是较新版本的 fazhi 备份（结构版本 %d，本程序为 %d），请用新版本 fazhi 恢复", path, info.Version, SchemaVersion())
	}
	return info, nil
}

// lockURIPath escapes a file path for a file: URI, as sqliteDSN does.
func lockURIPath(path string) string {
	u := lockURI(path)                    // "file:" + escaped(path + "-lock")
	return strings.TrimSuffix(u, "-lock") // the escaping of "-lock" is itself
}

// TargetEmpty reports whether the database of dsn holds no units, records
// or report versions (or does not exist yet), without opening it as
// fazhi does: restoring over it loses nothing. Its data key is not needed.
func TargetEmpty(ctx context.Context, dsn string) (bool, error) {
	var raw *sql.DB
	var err error
	if IsPostgres(dsn) {
		raw, err = sql.Open("pgx", dsn)
	} else {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return true, nil
		}
		raw, err = sql.Open("sqlite", sqliteDSN(dsn))
	}
	if err != nil {
		return false, err
	}
	defer raw.Close()
	db := &DB{sql: raw, Dialect: SQLite}
	if IsPostgres(dsn) {
		db.Dialect = Postgres
	}
	tables, err := db.Tables(ctx)
	if err != nil {
		return false, fmt.Errorf("连接数据库失败（%s）: %w", redact(dsn), err)
	}
	if !slices.Contains(tables, "units") {
		return true, nil
	}
	return db.Empty(ctx)
}

// Empty reports whether the database holds no units, records or report
// versions: restoring over it loses nothing.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	tables, err := db.Tables(ctx)
	if err != nil {
		return false, err
	}
	for _, t := range []string{"units", "record_history", "report_version"} {
		if !slices.Contains(tables, t) {
			continue
		}
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// Tables lists the tables of the database (SQLite: sqlite_master, without
// SQLite's and FTS5's own), for backup checks and comparisons.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name`
	if db.Dialect == Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	rows, err := db.sql.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
