package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecordCommands adds, edits, deletes and restores one record from the
// command line, acting as an account of the unit that keeps it.
func TestRecordCommands(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "f.db")
	mustFazhi(t, dsn, "units", "import", repoFile("testdata", "units.csv"))
	var out, errs string
	var err error
	run := func(in string, args ...string) {
		t.Helper()
		out, errs, err = fazhiIn(t, dsn, in, args...)
	}
	run("Qw@2022abc\n", "user", "add", "mz", "--role", "clerk", "--unit", "区民政局", "--password-stdin")
	if err != nil || !strings.Contains(out, "单位填报员") {
		t.Fatalf("user add: %v %s %s", err, out, errs)
	}
	run("", "--as", "mz", "record", "add", "contract", "合同编号=MZ-2024-001", "合同名称=养老服务采购合同", "承办单位=区民政局", "送审日期=2024年3月1日", "审查意见=同意", "出具意见日期=2024-03-05")
	if err != nil || !strings.Contains(out, "已新增") {
		t.Fatalf("record add: %v\n%s%s", err, out, errs)
	}
	run("", "--as", "mz", "record", "edit", "contract", "MZ-2024-001", "相对方=洛阳某养老服务有限公司")
	if err != nil || !strings.Contains(out, "第2版") || !strings.Contains(out, "养老服务采购合同") {
		t.Fatalf("record edit: %v\n%s%s", err, out, errs)
	}
	run("", "--as", "mz", "record", "edit", "contract", "MZ-2024-001", "相对方=别的公司", "--if-version", "1")
	if err == nil || !strings.Contains(err.Error(), "相对方") {
		t.Errorf("stale edit: %v", err)
	}
	run("", "--as", "mz", "record", "delete", "contract", "MZ-2024-001", "--reason", "录入错误")
	if err != nil {
		t.Fatalf("record delete: %v %s", err, errs)
	}
	run("", "--as", "mz", "record", "show", "contract", "MZ-2024-001")
	if err != nil || !strings.Contains(out, "已删除") || !strings.Contains(out, "录入错误") {
		t.Errorf("record show of a deleted record: %v\n%s", err, out)
	}
	run("", "--as", "mz", "record", "restore", "contract", "MZ-2024-001")
	if err != nil {
		t.Fatalf("record restore: %v", err)
	}
	run("", "--as", "mz", "record", "history", "contract", "MZ-2024-001")
	for _, want := range []string{"新增", "修改", "相对方：（空） → 洛阳某养老服务有限公司", "删除", "恢复", "mz"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	// Another unit's clerk cannot touch it, and an unknown account is refused.
	run("Qw@2022abc\n", "user", "add", "cz", "--role", "clerk", "--unit", "区财政局", "--password-stdin")
	run("", "--as", "cz", "record", "show", "contract", "MZ-2024-001")
	if err == nil || !strings.Contains(err.Error(), "无权") {
		t.Errorf("other unit's clerk: %v", err)
	}
	run("", "--as", "nobody", "record", "list", "contract")
	if err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("unknown account: %v", err)
	}
	run("", "--as", "mz", "indicators", "--year", "2024", "--unit", "区财政局")
	if err == nil || !strings.Contains(err.Error(), "数据范围") {
		t.Errorf("explicit unit out of scope: %v", err)
	}
}

// TestDBPath: a read command refuses a database that does not exist; a
// --db path is a path, # and % included.
func TestDBPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	if _, _, err := fazhi(t, missing, "indicators", "--year", "2022"); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("indicators on a missing database: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a read command created %s", missing)
	}
	for _, name := range []string{"台账#2022.db", "台账#2023.db", "50%41.db"} {
		p := filepath.Join(dir, name)
		_, errs, err := fazhi(t, p, "units", "import", repoFile("testdata", "units.csv"))
		if err != nil || !strings.Contains(errs, "已新建数据库") {
			t.Fatalf("%s: %v %s", name, err, errs)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was not created under its own name: %v", name, err)
		}
	}
	for _, gone := range []string{"台账", "50A.db"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
			t.Errorf("%s was created", gone)
		}
	}
}

// TestUnitsCycleRefused: a units file that closes a cycle with the stored
// tree is refused naming both units, and scope queries still end.
func TestUnitsCycleRefused(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "f.db")
	mustFazhi(t, dsn, "units", "import", repoFile("testdata", "units.csv"))
	_, errs, err := fazhi(t, dsn, "units", "import", repoFile("testdata", "hostile", "units-cycle.csv"))
	if err == nil || !strings.Contains(errs, "循环") || !strings.Contains(errs, "中共洛阳市偃师区委员会") || !strings.Contains(errs, "中共偃师区委办公室") {
		t.Errorf("cycle: %v\n%s", err, errs)
	}
	mustFazhi(t, dsn, "due", "reconsideration", "--unit", "区委")
}
