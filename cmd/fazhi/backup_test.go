package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fazhi/internal/testdb"
	"fazhi/ledger"
	"fazhi/store"
)

// rawDB opens a database of either engine without fazhi's migrations or key.
func rawDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, name := "sqlite", dsn
	if store.IsPostgres(dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// dumpTables renders every table of a database (SQLite file or PostgreSQL
// schema), row by row in the order of the first column, for comparing two
// databases.
func dumpTables(t *testing.T, dsn string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db := rawDB(t, dsn)
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name`
	if store.IsPostgres(dsn) {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`
	}
	trows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for trows.Next() {
		var n string
		trows.Scan(&n)
		tables = append(tables, n)
	}
	trows.Close()
	out := map[string]string{}
	for _, tb := range tables {
		rows, err := db.QueryContext(ctx, "SELECT * FROM "+tb+" ORDER BY 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var b strings.Builder
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			fmt.Fprintf(&b, "%v\n", vals)
		}
		rows.Close()
		out[tb] = b.String()
	}
	return out
}

func countRows(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupRestore_DuringWrites (issue 13 item 5), on SQLite and
// PostgreSQL: backups taken while another connection keeps saving records
// are consistent (each restored copy has every saved record with its
// history row: the database at one instant); a quiescent backup restored
// into a fresh database (PostgreSQL: another schema) equals the source
// table by table; restore refuses a database holding data without
// --force, a file that is no fazhi backup, a backup of a newer build, a
// backup whose data key it does not hold, and the database itself.
func TestBackupRestore_DuringWrites(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := withUnits(t, e)
		dir := t.TempDir()
		key := store.DefaultKeyFile(dsn) // restoring elsewhere needs the source's key
		fresh := func(name string) string {
			if e.Name == "postgres" {
				return e.DSN(t)
			}
			return filepath.Join(dir, name+".db")
		}
		w, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		var stop atomic.Bool
		var saved atomic.Int64
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				var recs []ledger.Record
				for j := 0; j < 20; j++ {
					recs = append(recs, ledger.Record{"case_no": fmt.Sprintf("偃政复〔2022〕%d号", i*20+j+1), "applicant": "申请人",
						"applicant_id": "410381195110287406",
						"respondent":   "410307200", "received_on": time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), "review_result": "审查中"})
				}
				if _, err := w.SaveRecords(ctx, ledger.Reconsideration, recs, []string{"case_no", "applicant", "applicant_id", "respondent", "received_on", "review_result"},
					store.Change{Actor: "writer", Source: "test", Scope: ledger.AllScope()}); err != nil {
					t.Error(err)
					return
				}
				saved.Add(20)
			}
		}()
		var backups []string
		for i := 0; i < 3; i++ {
			for saved.Load() < int64(40*(i+1)) && !t.Failed() {
				time.Sleep(5 * time.Millisecond)
			}
			b := filepath.Join(dir, fmt.Sprintf("backup-%d", i))
			out := mustFazhi(t, dsn, "backup", "-o", b)
			if !strings.Contains(out, "已备份到") || !strings.Contains(out, "数据密钥") {
				t.Errorf("backup: %s", out)
			}
			backups = append(backups, b)
		}
		stop.Store(true)
		wg.Wait()

		// Each backup taken during the writes, restored: one instant.
		var restored []string
		for i, b := range backups {
			target := fresh(fmt.Sprintf("restored-%d", i))
			mustFazhi(t, target, "--data-key", key, "restore", b)
			db := rawDB(t, target)
			recs := countRows(t, db, "SELECT COUNT(*) FROM ledger_reconsideration")
			hist := countRows(t, db, "SELECT COUNT(*) FROM record_history WHERE ledger = 'reconsideration' AND action = '新增'")
			if recs == 0 || recs != hist || recs%20 != 0 {
				t.Errorf("%s: %d records, %d history rows: not one instant", filepath.Base(b), recs, hist)
			}
			restored = append(restored, target)
		}
		// The restored database reads with the key: the ID numbers open.
		out := mustFazhi(t, restored[0], "--data-key", key, "record", "show", "reconsideration", "偃政复〔2022〕1号")
		if !strings.Contains(out, "410381195110287406") {
			t.Errorf("the restored record does not show its ID number:\n%s", out)
		}

		// A backup of the quiet database, restored, equals it table by table.
		quiet := filepath.Join(dir, "quiet")
		mustFazhi(t, dsn, "backup", "-o", quiet)
		target := fresh("restored-quiet")
		mustFazhi(t, target, "--data-key", key, "restore", quiet)
		want, got := dumpTables(t, dsn), dumpTables(t, target)
		if len(want) < 10 {
			t.Fatalf("only %d tables in the database", len(want))
		}
		for tb, rows := range want {
			if got[tb] != rows {
				t.Errorf("table %s differs after restore (%d vs %d bytes)", tb, len(got[tb]), len(rows))
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d tables restored, %d in the source", len(got), len(want))
		}

		// Over a database holding data: only with --force.
		if _, _, err := fazhi(t, target, "--data-key", key, "restore", backups[0]); err == nil || !strings.Contains(err.Error(), "--force") {
			t.Errorf("restore over a database with data: %v", err)
		}
		mustFazhi(t, target, "--data-key", key, "restore", backups[0], "--force")
		if got := dumpTables(t, target); got["ledger_reconsideration"] != dumpTables(t, restored[0])["ledger_reconsideration"] {
			t.Error("restore --force did not bring back the backup")
		}

		// Refused, nothing replaced: not a fazhi backup, a newer build's,
		// another data key, the database itself.
		text := filepath.Join(dir, "notes.db")
		os.WriteFile(text, []byte("hello, not a backup"), 0o644)
		other := filepath.Join(dir, "other.db")
		odb, _ := sql.Open("sqlite", other)
		odb.Exec("CREATE TABLE t (x)")
		odb.Close()
		cases := map[string]string{text: "不是", other: "不是 fazhi 的备份"}
		if e.Name == "sqlite" {
			newer := filepath.Join(dir, "newer.db")
			mustFazhi(t, dsn, "backup", "-o", newer)
			ndb, _ := sql.Open("sqlite", newer)
			if _, err := ndb.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)"); err != nil {
				t.Fatal(err)
			}
			ndb.Close()
			cases[newer] = "较新版本"
			cases[target] = "就是备份文件"
		}
		before := dumpTables(t, target)
		for f, want := range cases {
			if _, _, err := fazhi(t, target, "--data-key", key, "restore", f, "--force"); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("restore %s: %v; want %q", filepath.Base(f), err, want)
			}
		}
		wrongKey := filepath.Join(dir, "wrong.key")
		mustFazhi(t, dsn, "key", "new", "-o", wrongKey)
		if _, _, err := fazhi(t, target, "--data-key", wrongKey, "restore", quiet, "--force"); err == nil || !strings.Contains(err.Error(), "数据密钥") {
			t.Errorf("restore with another data key: %v", err)
		}
		if got := dumpTables(t, target); fmt.Sprint(got) != fmt.Sprint(before) {
			t.Error("a refused restore changed the database")
		}
	})
}
