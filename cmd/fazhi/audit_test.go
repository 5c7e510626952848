package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

// TestAuditCLI: on the demo, `fazhi audit verify` passes; the 审计员 lists
// and exports the trail, others are refused; `audit anchor -o` appends the
// head to a file; after the last entries are deleted by hand, verify with
// that anchor fails naming the first missing entry and exits non-zero.
func TestAuditCLI(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDB(t, e)
		out := mustFazhi(t, dsn, "audit", "verify")
		if !strings.Contains(out, "审计日志校验通过") {
			t.Fatalf("verify on the demo: %s", out)
		}
		if _, _, err := fazhi(t, dsn, "audit", "list"); err == nil || !strings.Contains(err.Error(), "仅审计员") {
			t.Fatalf("the local administrator listed the trail: %v", err)
		}
		if _, _, err := fazhi(t, dsn, "--as", "sifaju", "audit", "list"); err == nil {
			t.Fatal("the 司法局管理员 listed the trail")
		}
		out = mustFazhi(t, dsn, "--as", "shenji", "audit", "list", "--action", "account.create", "--limit", "3")
		if !strings.Contains(out, "创建账号") || !strings.Contains(out, "本机") || !strings.Contains(out, "共 7 条，显示 3 条") {
			t.Fatalf("filtered list:\n%s", out)
		}
		x := filepath.Join(t.TempDir(), "audit.xlsx")
		if out := mustFazhi(t, dsn, "--as", "shenji", "audit", "export", "-o", x); !strings.Contains(out, "已导出审计日志") {
			t.Fatal(out)
		}
		if st, err := os.Stat(x); err != nil || st.Size() < 1000 {
			t.Fatalf("export file: %v", err)
		}
		anchors := filepath.Join(t.TempDir(), "anchors.txt")
		mustFazhi(t, dsn, "audit", "anchor", "-o", anchors)
		out = mustFazhi(t, dsn, "audit", "anchor", "-o", anchors)
		b, _ := os.ReadFile(anchors)
		if lines := strings.Count(string(b), "\n"); lines != 2 || !strings.Contains(out, "seq=") {
			t.Fatalf("anchor file after two anchors: %q", b)
		}
		if out := mustFazhi(t, dsn, "audit", "verify", "--anchor", anchors); !strings.Contains(out, "核对锚点 2 个") {
			t.Fatal(out)
		}
		// Someone with write access to the database deletes the last
		// entries and moves the head back to a seq it cannot tag.
		driver, src := "sqlite", dsn
		if e.Name == "postgres" {
			driver = "pgx"
		}
		db, err := sql.Open(driver, src)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var last int64
		if err := db.QueryRow("SELECT MAX(seq) FROM audit_log").Scan(&last); err != nil {
			t.Fatal(err)
		}
		drop := "DROP TRIGGER audit_log_no_delete"
		if e.Name == "postgres" {
			drop = "DROP TRIGGER audit_log_append_only ON audit_log"
		}
		for _, q := range []string{drop, "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 5 FROM audit_log)", "UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log), mac = (SELECT mac FROM audit_log ORDER BY seq DESC LIMIT 1)"} {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		out, _, err = fazhi(t, dsn, "audit", "verify", "--anchor", anchors)
		if err == nil || !strings.Contains(out, "审计日志校验未通过") {
			t.Fatalf("verify after the tail was deleted should fail:\n%s", out)
		}
	})
}
