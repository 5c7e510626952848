package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
)

// TestRespondentReadsButDoesNotEdit: a case is kept by the Justice Bureau;
// the respondent's clerk reads it (applicant masked) and cannot edit it; a
// clerk cannot put a record into another unit's figures.
func TestRespondentReadsButDoesNotEdit(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	clerk := as(t, ap, "minzheng")
	p, err := ap.ListRecords(clerk, "reconsideration", app.ListQuery{PageSize: 1000})
	if err != nil || p.Total == 0 {
		t.Fatalf("cases against 区民政局: %d %v", p.Total, err)
	}
	c := p.Records[0]
	if !c.Masked || !strings.Contains(c.Record.String("applicant"), "*") {
		t.Errorf("the respondent's clerk sees the applicant in clear: %q", c.Record.String("applicant"))
	}
	if _, err := ap.EditRecord(clerk, "reconsideration", c.Key, map[string]string{"是否延期": "否"}, 0); app.CodeOf(err) != app.Forbidden {
		t.Errorf("respondent edits the case against it: %v", err)
	}
	if err := ap.DeleteRecord(clerk, "reconsideration", c.Key, "不服"); app.CodeOf(err) != app.Forbidden {
		t.Errorf("respondent deletes the case against it: %v", err)
	}
	// A new case, naming another unit or its own, is not the clerk's to
	// add: the Justice Bureau keeps the ledger (trial finding: a clerk's
	// import added cases against 城管局).
	for _, respondent := range []string{"偃师区城市管理局", "偃师区民政局"} {
		_, err := ap.AddRecord(clerk, "reconsideration", map[string]string{"案号": "偃政复〔2024〕901号", "申请人": "某甲", "申请人类型": "自然人",
			"被申请人": respondent, "行为类别": "行政许可", "申请方式": "书面", "收到申请日期": "2024-02-01", "审查结果": "审查中"})
		if app.CodeOf(err) != app.Forbidden || !strings.Contains(err.Error(), "司法局统一登记") {
			t.Errorf("a clerk adds a case against %s: %v", respondent, err)
		}
	}
	csv := filepath.Join(t.TempDir(), "recon.csv")
	os.WriteFile(csv, []byte("案号,申请人,申请人类型,被申请人,行为类别,申请方式,收到申请日期,审查结果\n偃政复〔2024〕902号,某乙,自然人,偃师区财政局,行政许可,书面,2024-02-01,审查中\n"), 0o644)
	if _, err := ap.Import(clerk, "reconsideration", csv, app.ImportOptions{}); app.CodeOf(err) != app.Forbidden {
		t.Errorf("a clerk imports cases: %v", err)
	}
	// Its own ledgers: records for its own unit only.
	_, err = ap.AddRecord(clerk, "contract", map[string]string{"合同编号": "MZ-T-1", "合同名称": "采购合同", "承办单位": "偃师区交通运输局",
		"送审日期": "2024-03-01", "审查意见": "同意", "出具意见日期": "2024-03-05"})
	if app.CodeOf(err) != app.Forbidden {
		t.Errorf("a clerk records a contract for another unit: %v", err)
	}
	v, err := ap.AddRecord(clerk, "contract", map[string]string{"合同编号": "MZ-T-2", "合同名称": "采购合同", "承办单位": "偃师区民政局",
		"送审日期": "2024-03-01", "审查意见": "同意", "出具意见日期": "2024-03-05"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ap.EditRecord(clerk, "contract", v.Key, map[string]string{"承办单位": "偃师区交通运输局"}, 0); app.CodeOf(err) != app.Forbidden {
		t.Errorf("a clerk moves its record to another unit: %v", err)
	}
	// A stale edit is refused even on another field, naming what changed.
	if _, err := ap.EditRecord(clerk, "contract", v.Key, map[string]string{"相对方": "甲公司"}, 0); err != nil {
		t.Fatal(err)
	}
	_, err = ap.EditRecord(clerk, "contract", v.Key, map[string]string{"合同名称": "新名称"}, v.Version)
	if app.CodeOf(err) != app.Conflict || !strings.Contains(err.Error(), "相对方") {
		t.Errorf("stale edit: %v", err)
	}
}

// TestMaskedExportReimports: an export with masked ID numbers (a leader's)
// imported back by 司法局管理员 changes nothing; a masked value that does not
// match the stored one is refused.
func TestMaskedExportReimports(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	var buf bytes.Buffer
	if _, err := ap.Export(as(t, ap, "lingdao"), &buf, "reconsideration", 2022, ""); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "masked.xlsx")
	os.WriteFile(f, buf.Bytes(), 0o644)
	res, err := ap.Import(as(t, ap, "sifaju"), "reconsideration", f, app.ImportOptions{})
	if err != nil {
		t.Fatalf("re-import of a masked export: %v %+v", err, res.Problems)
	}
	if res.Result.Updated != 0 || res.Result.Inserted != 0 {
		t.Errorf("masked export changed records: %+v", res.Result)
	}
	_, err = ap.EditRecord(local, "reconsideration", "偃政复〔2022〕1号", map[string]string{"申请人证件号": "999*************99"}, 0)
	if app.CodeOf(err) != app.Invalid {
		t.Errorf("a masked value unlike the stored one: %v", err)
	}
}

// TestThreeAdministrators: 系统管理员 creates accounts without roles; only
// 安全管理员 grants them; the 审计员 reads no records.
func TestThreeAdministrators(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	sys, sec := as(t, ap, "xitong"), as(t, ap, "anquan")
	if _, err := ap.AddUser(sys, app.NewAccount{Name: "boss", Role: app.RoleAdmin, Unit: "偃师区司法局", Password: "Qw@2022abc"}); app.CodeOf(err) != app.Forbidden {
		t.Errorf("系统管理员 grants a role: %v", err)
	}
	acc, err := ap.AddUser(sys, app.NewAccount{Name: "newclerk", Unit: "偃师区民政局", Password: "Qw@2022abc"})
	if err != nil || acc.Role != "" {
		t.Fatalf("add without a role: %+v %v", acc, err)
	}
	if _, err := ap.ListRecords(as(t, ap, "newclerk"), "contract", app.ListQuery{}); app.CodeOf(err) != app.Forbidden {
		t.Errorf("an account without a role reads records: %v", err)
	}
	if _, err := ap.Grant(sys, "newclerk", app.RoleClerk, "偃师区民政局", app.ScopeNone); app.CodeOf(err) != app.Forbidden {
		t.Errorf("系统管理员 grants: %v", err)
	}
	if _, err := ap.Grant(sec, "newclerk", app.RoleClerk, "偃师区民政局", app.ScopeNone); err != nil {
		t.Fatal(err)
	}
	if _, err := ap.ListRecords(as(t, ap, "newclerk"), "contract", app.ListQuery{}); err != nil {
		t.Errorf("granted clerk: %v", err)
	}
	if _, err := ap.ListRecords(as(t, ap, "shenji"), "contract", app.ListQuery{}); app.CodeOf(err) != app.Forbidden {
		t.Errorf("审计员 reads records: %v", err)
	}
}
