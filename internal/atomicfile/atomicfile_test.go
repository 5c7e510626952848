package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite_ReplacesOnlyWhenComplete(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.docx")
	if err := WriteFile(path, []byte("第一版")); err != nil {
		t.Fatal(err)
	}
	// A writer that fails half-way leaves the previous file intact and no
	// temporary file behind.
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "半")
		return errors.New("中途失败")
	})
	if err == nil || err.Error() != "中途失败" {
		t.Fatalf("Write = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "第一版" {
		t.Errorf("after a failed write the file holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
	if err := WriteFile(path, []byte("第二版")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "第二版" {
		t.Errorf("file holds %q", b)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("a folder was accepted as output")
	}
	if err := WriteFile(filepath.Join(dir, "无此目录", "x"), []byte("x")); err == nil {
		t.Error("a missing folder was accepted")
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "fazhi.db")
	in := filepath.Join(dir, "bad-rows.xlsx")
	for _, p := range []string{db, db + "-wal", in} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	link := filepath.Join(dir, "link.xlsx")
	os.Symlink(in, link)
	prot := []Protected{{in, "输入文件"}, {"file:" + db + "?_pragma=x", "数据库"}, {"postgres://h/db", "数据库"}}
	for out, want := range map[string]string{
		in:                                  "输入文件",
		link:                                "输入文件",
		db:                                  "数据库",
		db + "-wal":                         "数据库",
		db + "-shm":                         "数据库", // does not exist yet: compared by path
		filepath.Join(dir, ".", "fazhi.db"): "数据库",
		filepath.Join(dir, "out.xlsx"):      "",
	} {
		err := Check(out, prot...)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("Check(%s) = %v, want %q", out, err, want)
		}
	}
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	if err := Check("fazhi.db", Protected{db, "数据库"}); err == nil {
		t.Error("relative path to the database accepted")
	}
}
