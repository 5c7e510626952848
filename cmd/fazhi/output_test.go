package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/internal/testdb"
)

// TestOutput_NeverReplacesInputOrDatabase (issue 13): an output path equal
// to the file being imported or to the live SQLite database is refused
// before anything is written, and both stay byte for byte as they were;
// outputs that are written leave no temporary file behind.
func TestOutput_NeverReplacesInputOrDatabase(t *testing.T) {
	dsn := withUnits(t, testdb.Engines()[0]) // SQLite: the database is a file
	dir := filepath.Dir(dsn)
	bad := filepath.Join(dir, "bad-rows.xlsx")
	src, err := os.ReadFile("/work/shared/field/hostile/bad-rows.xlsx")
	if err != nil {
		src, err = os.ReadFile(repoFile("..", "shared", "field", "hostile", "bad-rows.xlsx"))
	}
	if err != nil {
		t.Skip("field file bad-rows.xlsx not available:", err)
	}
	if err := os.WriteFile(bad, src, 0o644); err != nil {
		t.Fatal(err)
	}
	dbBefore, err := os.ReadFile(dsn)
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "reconsideration", bad, "--errors-out", bad}, "就是输入文件"},
		{[]string{"import", "reconsideration", bad, "--errors-out", "./" + filepath.Base(bad)}, "就是输入文件"},
		{[]string{"report", "--year", "2022", "--format", "md", "-o", dsn}, "就是正在使用的数据库"},
		{[]string{"report", "--year", "2022", "-o", dsn + "-wal"}, "就是正在使用的数据库"},
		{[]string{"export", "reconsideration", "-o", dsn}, ".xlsx"}, // refused for its extension first
		{[]string{"report", "draft", "--year", "2023", "-o", dsn}, "就是正在使用的数据库"},
		{[]string{"cleanup", "decision", "x", "-o", dsn}, "就是正在使用的数据库"},
	} {
		wd, _ := os.Getwd()
		os.Chdir(dir)
		_, _, err := fazhi(t, dsn, c.args...)
		os.Chdir(wd)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("fazhi %s: %v; want an error containing %q", strings.Join(c.args, " "), err, c.want)
		}
	}
	if got, _ := os.ReadFile(bad); !bytes.Equal(got, src) {
		t.Error("the imported file was changed")
	}
	if got, _ := os.ReadFile(dsn); len(got) < len(dbBefore)/2 || !bytes.HasPrefix(got, []byte("SQLite format 3\x00")) {
		t.Error("the database file was replaced")
	}
	if out := mustFazhi(t, dsn, "units", "list"); !strings.Contains(out, "区政府") {
		t.Errorf("database unusable after the refusals:\n%s", out)
	}

	// A real output: the errors workbook, written whole, nothing else left.
	errs := filepath.Join(dir, "errors.xlsx")
	os.WriteFile(errs, []byte("previous"), 0o644)
	if _, _, err := fazhi(t, dsn, "import", "reconsideration", bad, "--errors-out", errs); err == nil {
		t.Fatal("bad-rows.xlsx imported")
	}
	if b, _ := os.ReadFile(errs); !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("errors workbook not written: %q", b[:min(len(b), 20)])
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
