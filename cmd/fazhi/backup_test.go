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

// dumpTables renders every table of a SQLite file, row by row in rowid
// order, for comparing two databases.
func dumpTables(t *testing.T, path string) map[string]string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := db.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, tb := range tables {
		rows, err := db.SQL().QueryContext(ctx, "SELECT * FROM "+tb+" ORDER BY 1")
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

// TestBackupRestore_DuringWrites (issue 13): backups taken while another
// connection keeps saving records are consistent (every saved record has
// its history row: each copy shows the database at one instant), restore
// checks the file and refuses a non-empty database without --force, and
// the restored database equals the backup table by table.
func TestBackupRestore_DuringWrites(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0])
	dir := filepath.Dir(dsn)
	ctx := context.Background()
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
					"respondent": "410307200", "received_on": time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), "review_result": "审查中"})
			}
			if _, err := w.SaveRecords(ctx, ledger.Reconsideration, recs, []string{"case_no", "applicant", "respondent", "received_on", "review_result"},
				store.Change{Actor: "writer", Source: "test", Scope: ledger.AllScope()}); err != nil {
				t.Error(err)
				return
			}
			saved.Add(20)
		}
	}()
	var backups []string
	for i := 0; i < 3; i++ {
		for saved.Load() < int64(40*(i+1)) {
			time.Sleep(5 * time.Millisecond)
		}
		b := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		out := mustFazhi(t, dsn, "backup", "-o", b)
		if !strings.Contains(out, "已备份到") {
			t.Errorf("backup: %s", out)
		}
		backups = append(backups, b)
	}
	stop.Store(true)
	wg.Wait()

	for _, b := range backups {
		info, err := store.CheckBackup(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		bdb, _ := sql.Open("sqlite", b)
		recs := countRows(t, bdb, "SELECT COUNT(*) FROM ledger_reconsideration")
		hist := countRows(t, bdb, "SELECT COUNT(*) FROM record_history WHERE ledger = 'reconsideration' AND action = '新增'")
		bdb.Close()
		if recs == 0 || recs != hist || recs%20 != 0 {
			t.Errorf("%s: %d records, %d history rows: not one instant (info %+v)", b, recs, hist, info)
		}
	}

	// Restore the last backup into a fresh database and over a used one.
	last := backups[len(backups)-1]
	fresh := filepath.Join(dir, "restored.db")
	mustFazhi(t, fresh, "restore", last)
	want := dumpTables(t, last)
	got := dumpTables(t, fresh)
	if len(want) < 10 {
		t.Fatalf("only %d tables in the backup", len(want))
	}
	for tb, rows := range want {
		if got[tb] != rows {
			t.Errorf("table %s differs after restore (%d vs %d bytes)", tb, len(got[tb]), len(rows))
		}
	}
	if _, _, err := fazhi(t, dsn, "restore", backups[0]); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("restore over a database with data: %v", err)
	}
	mustFazhi(t, dsn, "restore", backups[0], "--force")
	if got := dumpTables(t, dsn); got["ledger_reconsideration"] != dumpTables(t, backups[0])["ledger_reconsideration"] {
		t.Error("restore --force did not bring back the backup")
	}

	// Not a fazhi backup, or from a newer build: refused, nothing replaced.
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("hello"), 0o644)
	other := filepath.Join(dir, "other.db")
	odb, _ := sql.Open("sqlite", other)
	odb.Exec("CREATE TABLE t (x)")
	odb.Close()
	newer := filepath.Join(dir, "newer.db")
	mustFazhi(t, dsn, "backup", "-o", newer)
	ndb, _ := sql.Open("sqlite", newer)
	if _, err := ndb.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)"); err != nil {
		t.Fatal(err)
	}
	ndb.Close()
	for f, want := range map[string]string{text: "不是 SQLite", other: "不是 fazhi 的备份", newer: "较新版本", fresh: "就是备份文件"} {
		if _, _, err := fazhi(t, fresh, "restore", f, "--force"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore %s: %v; want %q", filepath.Base(f), err, want)
		}
	}
	if got := dumpTables(t, fresh); got["ledger_reconsideration"] != want["ledger_reconsideration"] {
		t.Error("a refused restore changed the database")
	}
}
