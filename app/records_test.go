package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/ledger"
)

// repoFile returns the path of a file in the repository.
func repoFile(parts ...string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(here), ".."}, parts...)...)
}

func field(t *testing.T, ap *app.App, key, label string) string {
	t.Helper()
	v, err := ap.GetRecord(local, "reconsideration", key)
	if err != nil {
		t.Fatal(err)
	}
	f := v.Ledger.Field(label)
	for i := range v.Ledger.Fields {
		if v.Ledger.Fields[i].Label == label {
			f = &v.Ledger.Fields[i]
		}
	}
	return f.Format(v.Record[f.Name], nil)
}

// TestEditRecord_KeepsOtherFieldsAndRederives edits one field of an
// extended case: every other field stays, the due dates are recomputed from
// the whole record, and history names the change.
func TestEditRecord_KeepsOtherFieldsAndRederives(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		const key = "偃政复〔2022〕35号"
		before, err := ap.GetRecord(local, "reconsideration", key)
		if err != nil {
			t.Fatal(err)
		}
		if field(t, ap, key, "是否延期") != "是" {
			t.Fatalf("demo case 35 should be extended")
		}
		due := field(t, ap, key, "决定期限")
		after, err := ap.EditRecord(local, "reconsideration", key, map[string]string{"承办人": "新承办人"}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range before.Ledger.Fields {
			want := f.Format(before.Record[f.Name], nil)
			if f.Name == "handler" {
				want = "新承办人"
			}
			if got := f.Format(after.Record[f.Name], nil); got != want {
				t.Errorf("%s: %q, want %q", f.Label, got, want)
			}
		}
		if after.Version != before.Version+1 {
			t.Errorf("version %d → %d", before.Version, after.Version)
		}
		if got := field(t, ap, key, "决定期限"); got != due {
			t.Errorf("决定期限 %s → %s", due, got)
		}
		// A stale edit (based on the version before) of the same field is refused.
		_, err = ap.EditRecord(local, "reconsideration", key, map[string]string{"承办人": "第三人"}, before.Version)
		if app.CodeOf(err) != app.Conflict || !strings.Contains(err.Error(), "承办人") {
			t.Errorf("stale edit: %v", err)
		}
		// Changing what the extension depends on recomputes the due date.
		if _, err := ap.EditRecord(local, "reconsideration", key, map[string]string{"是否延期": "否"}, 0); err != nil {
			t.Fatal(err)
		}
		if got := field(t, ap, key, "决定期限"); got == due {
			t.Errorf("决定期限 stayed %s after 是否延期 = 否", got)
		}
		hs, err := ap.RecordHistory(local, "reconsideration", key)
		if err != nil {
			t.Fatal(err)
		}
		last := hs[len(hs)-1]
		if last.Action != "修改" || last.Old["是否延期"] != "是" || last.New["是否延期"] != "否" {
			t.Errorf("last history entry: %+v", last)
		}
		if hs[len(hs)-2].New["承办人"] != "新承办人" {
			t.Errorf("history lost the 承办人 change: %+v", hs[len(hs)-2])
		}
	})
}

// TestImport_FewerColumnsKeepDerivedDates re-imports a file that lacks 是否延期
// over an extended case: its 决定期限 stays.
func TestImport_FewerColumnsKeepDerivedDates(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		const key = "偃政复〔2022〕35号"
		due := field(t, ap, key, "决定期限")
		if _, err := ap.Import(local, "reconsideration", repoFile("testdata", "hostile", "recon-fewer-columns.csv"), app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := field(t, ap, key, "决定期限"); got != due {
			t.Errorf("决定期限 %s → %s after a file without 是否延期", due, got)
		}
		if field(t, ap, key, "是否延期") != "是" {
			t.Errorf("是否延期 lost")
		}
	})
}

// TestDeleteRestore deletes a case as a tombstone, refuses to add its key
// again, and restores it with its history.
func TestDeleteRestore(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		const key = "偃政复〔2022〕1号"
		received := func() float64 {
			vs, err := ap.Indicators(local, 2022, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				if v.ID == "reconsideration.received" {
					return v.Value
				}
			}
			t.Fatal("no reconsideration.received")
			return 0
		}
		before, err := ap.GetRecord(local, "reconsideration", key)
		if err != nil {
			t.Fatal(err)
		}
		if err := ap.DeleteRecord(local, "reconsideration", key, ""); app.CodeOf(err) != app.Invalid {
			t.Errorf("delete without a reason: %v", err)
		}
		if err := ap.DeleteRecord(local, "reconsideration", key, "重复录入"); err != nil {
			t.Fatal(err)
		}
		if got := received(); got != 50 {
			t.Errorf("received after delete = %v, want 50", got)
		}
		v, err := ap.GetRecord(local, "reconsideration", key)
		if err != nil || !v.Deleted || v.DeleteWhy != "重复录入" {
			t.Errorf("deleted record: %+v, %v", v, err)
		}
		p, err := ap.ListRecords(local, "reconsideration", app.ListQuery{Deleted: true})
		if err != nil || p.Total != 1 || p.Records[0].Key != key {
			t.Errorf("deleted list: %+v, %v", p, err)
		}
		vals := map[string]string{}
		for _, f := range before.Ledger.Fields {
			if x, ok := before.Record[f.Name]; ok && !f.Derived {
				vals[f.Name] = f.Format(x, nil)
			}
		}
		if _, err := ap.AddRecord(local, "reconsideration", vals); app.CodeOf(err) != app.Conflict || !strings.Contains(err.Error(), "删除") {
			t.Errorf("add over a deleted key: %v", err)
		}
		res, err := ap.Import(local, "reconsideration", repoFile("testdata", "hostile", "newer-edit.csv"), app.ImportOptions{})
		if app.CodeOf(err) != app.Conflict || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Msg, "删除") {
			t.Errorf("import over a deleted key: %v %+v", err, res.Problems)
		}
		if err := ap.RestoreRecord(local, "reconsideration", key); err != nil {
			t.Fatal(err)
		}
		if got := received(); got != 51 {
			t.Errorf("received after restore = %v, want 51", got)
		}
		after, err := ap.GetRecord(local, "reconsideration", key)
		if err != nil || after.Deleted {
			t.Fatalf("restored: %+v %v", after, err)
		}
		for _, f := range before.Ledger.Fields {
			if f.Format(before.Record[f.Name], nil) != f.Format(after.Record[f.Name], nil) {
				t.Errorf("%s changed by delete and restore", f.Label)
			}
		}
		hs, err := ap.RecordHistory(local, "reconsideration", key)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, h := range hs {
			actions = append(actions, h.Action)
		}
		if got := strings.Join(actions, ","); !strings.HasPrefix(got, "新增") || !strings.HasSuffix(got, "删除,恢复") {
			t.Errorf("history actions: %s", got)
		}
	})
}

// TestImport_StaleExportRefused: an export taken before someone else's
// edit does not revert that edit when imported.
func TestImport_StaleExportRefused(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		var buf bytes.Buffer
		if _, err := ap.Export(local, &buf, "reconsideration", 2022, ""); err != nil {
			t.Fatal(err)
		}
		old := filepath.Join(t.TempDir(), "old-export.xlsx")
		if err := os.WriteFile(old, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The untouched export imports cleanly: nothing changes.
		res, err := ap.Import(local, "reconsideration", old, app.ImportOptions{})
		if err != nil || res.Result.Updated != 0 || res.Result.Inserted != 0 {
			t.Fatalf("re-import of a fresh export: %+v %v", res.Result, err)
		}
		if _, err := ap.Import(local, "reconsideration", repoFile("testdata", "hostile", "newer-edit.csv"), app.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		res, err = ap.Import(local, "reconsideration", old, app.ImportOptions{})
		if app.CodeOf(err) != app.Conflict {
			t.Fatalf("stale export imported: %v", err)
		}
		var msgs []string
		for _, p := range res.Problems {
			msgs = append(msgs, p.Msg)
		}
		all := strings.Join(msgs, "\n")
		if !strings.Contains(all, "偃政复〔2022〕1号") || !strings.Contains(all, "承办人") {
			t.Errorf("the conflict does not name the record and field:\n%s", all)
		}
		if got := field(t, ap, "偃政复〔2022〕1号", "承办人"); got != "新承办人" {
			t.Errorf("承办人 reverted to %q", got)
		}
	})
}

// TestMaskedValueKeepsStored: a masked cell sent back (an export of a
// reader without clearance) keeps the stored value.
func TestMaskedValueKeepsStored(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	const key = "偃政复〔2022〕1号"
	v, err := ap.GetRecord(local, "reconsideration", key)
	if err != nil {
		t.Fatal(err)
	}
	id := v.Record.String("applicant_id")
	name := v.Record.String("applicant")
	if id == "" {
		t.Fatal("demo case 1 has no ID number")
	}
	idf, namef := v.Ledger.Field("applicant_id"), v.Ledger.Field("applicant")
	if _, err := ap.EditRecord(local, "reconsideration", key, map[string]string{"申请人证件号": idf.MaskText(id), "申请人": namef.MaskText(name)}, 0); err != nil {
		t.Fatal(err)
	}
	after, _ := ap.GetRecord(local, "reconsideration", key)
	if after.Record.String("applicant_id") != id || after.Record.String("applicant") != name || after.Version != v.Version {
		t.Errorf("masked values overwrote the stored ones: %q %q v%d", after.Record.String("applicant_id"), after.Record.String("applicant"), after.Version)
	}
	// A reader without clearance sees them masked.
	lead := as(t, ap, "lingdao")
	lv, err := ap.GetRecord(lead, "reconsideration", key)
	if err != nil {
		t.Fatal(err)
	}
	if lv.Record.String("applicant_id") != idf.MaskText(id) || lv.Record.String("applicant") != namef.MaskText(name) {
		t.Errorf("leader sees %q %q", lv.Record.String("applicant_id"), lv.Record.String("applicant"))
	}
}

// TestClerkSeesOwnUnitOnly: a 单位填报员 of 区民政局 sees only records kept by
// or counted for 区民政局, in lists and behind figures; 领导 sees all and
// changes nothing.
func TestClerkSeesOwnUnitOnly(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	tree, _ := ap.Units(local)
	mz, _ := tree.Lookup("偃师区民政局")
	clerk := as(t, ap, "minzheng")
	for _, d := range ledger.All() {
		if d.Public {
			continue
		}
		p, err := ap.ListRecords(clerk, d.ID, app.ListQuery{PageSize: 100000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Records {
			if r.RecordUnit != mz && (d.Owner == "" || r.Record.String(d.Owner) != mz) {
				t.Errorf("%s: clerk of 区民政局 sees %s of another unit", d.ID, r.Key)
			}
		}
	}
	_, parts, err := ap.Explain(clerk, "reconsideration.received", 2022, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range parts[0].Records {
		if r.Record.String("respondent") != mz {
			t.Errorf("figure drill-down shows %s against %s", r.Key, r.Record.String("respondent"))
		}
	}
	lead := as(t, ap, "lingdao")
	vs, err := ap.Indicators(lead, 2022, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.ID == "reconsideration.received" && v.Value != 51 {
			t.Errorf("leader sees %v cases received, want 51", v.Value)
		}
	}
	if _, err := ap.EditRecord(lead, "reconsideration", "偃政复〔2022〕1号", map[string]string{"承办人": "领导"}, 0); app.CodeOf(err) != app.Forbidden {
		t.Errorf("leader edit: %v", err)
	}
}

// TestOtherUnitsDeletionStaysHidden: a clerk who writes the key of a record
// another unit deleted gets the answer a live record of that unit gives
// (already exists / not yours), never who deleted it or why; showing it is
// forbidden without its content.
func TestOtherUnitsDeletionStaysHidden(t *testing.T) {
	t.Parallel()
	ap := open(t, demoDSN(t, testdb.Engines()[0]))
	tree, _ := ap.Units(local)
	mz, _ := tree.Lookup("偃师区民政局")
	p, err := ap.ListRecords(local, "contract", app.ListQuery{PageSize: 100000})
	if err != nil {
		t.Fatal(err)
	}
	var other app.RecordView
	for _, r := range p.Records {
		if r.RecordUnit != mz && r.Record.String(r.Ledger.Owner) != mz {
			other = r
			break
		}
	}
	if other.Key == "" {
		t.Fatal("no contract of another unit in the demo")
	}
	const why = "涉密合同转线下管理"
	if err := ap.DeleteRecord(local, "contract", other.Key, why); err != nil {
		t.Fatal(err)
	}
	clerk := as(t, ap, "minzheng")
	vals := map[string]string{}
	for _, f := range other.Ledger.Fields {
		if x, ok := other.Record[f.Name]; ok && !f.Derived {
			vals[f.Name] = f.Format(x, nil)
		}
	}
	vals[other.Ledger.Owner] = mz
	_, err = ap.AddRecord(clerk, "contract", vals)
	if err == nil || strings.Contains(err.Error(), why) || strings.Contains(err.Error(), "删除") {
		t.Errorf("add over another unit's deleted key tells: %v", err)
	}
	if _, err := ap.GetRecord(clerk, "contract", other.Key); app.CodeOf(err) != app.Forbidden || strings.Contains(err.Error(), why) {
		t.Errorf("show another unit's deleted record: %v", err)
	}
	if err := ap.RestoreRecord(clerk, "contract", other.Key); app.CodeOf(err) != app.Forbidden || strings.Contains(err.Error(), why) {
		t.Errorf("restore another unit's deleted record: %v", err)
	}
}
