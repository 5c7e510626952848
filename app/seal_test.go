package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"fazhi/app"
	"fazhi/internal/seal"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
	"fazhi/store"
)

// pgDumpBin is the PostgreSQL 15 pg_dump the test greps the output of.
const pgDumpBin = "/usr/lib/postgresql/15/bin/pg_dump"

// pgDumpPlain dumps the schema of a test DSN (search_path=SCHEMA,public)
// as plain SQL with the real pg_dump over TCP, the password from the DSN.
func pgDumpPlain(t *testing.T, dsn string) []byte {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema, _, _ := strings.Cut(u.Query().Get("search_path"), ",")
	pw, _ := u.User.Password()
	port := u.Port()
	if port == "" {
		port = "5432"
	}
	cmd := exec.Command(pgDumpBin, "--host", u.Hostname(), "--port", port, "--username", u.User.Username(),
		"--dbname", strings.TrimPrefix(u.Path, "/"), "--schema", schema, "--format=plain", "--no-owner")
	cmd.Env = append(os.Environ(), "PGPASSWORD="+pw)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, stderr.String())
	}
	if !bytes.Contains(out, []byte("ledger_reconsideration")) {
		t.Fatalf("pg_dump of schema %s holds no ledger table", schema)
	}
	return out
}

// stored returns what the database files hold: the SQLite file and its
// write-ahead log, or a pg_dump of the schema.
func stored(t *testing.T, e testdb.Engine, dsn string) []byte {
	t.Helper()
	if e.Name == "postgres" {
		return pgDumpPlain(t, dsn)
	}
	var all []byte
	for _, suf := range []string{"", "-wal"} {
		b, err := os.ReadFile(dsn + suf)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// TestSeal_ClearDatabaseMigrated (issue 13 item 3, acceptance): a database
// holding ID numbers in clear (as builds before encryption left it: clear
// values in the ledger table and the history, no blind index, no key
// recorded) is sealed when opened with a key; afterwards no ID number
// appears in the SQLite file and its WAL, nor in a pg_dump of the schema,
// and figures, explain, exports, history, exact-value search and the
// importer's matching still work on the clear values.
func TestSeal_ClearDatabaseMigrated(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := testfix.Demo(t, e)
		ap := open(t, dsn)
		page, err := ap.ListRecords(local, "reconsideration", app.ListQuery{PageSize: 100000})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{} // 案号 → 证件号
		for _, r := range page.Records {
			if id := r.Record.String("applicant_id"); id != "" {
				ids[r.Key] = id
			}
		}
		if len(ids) < 20 {
			t.Fatalf("the demo has only %d ID numbers", len(ids))
		}
		before, err := ap.Indicators(local, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		keys := ap.Store().Keys()
		ap.Close()
		if got := stored(t, e, dsn); containsAny(got, ids) != "" {
			t.Fatalf("the encrypted demo holds ID number %s in clear", containsAny(got, ids))
		}

		// The database as an older build left it: clear text everywhere.
		unseal(t, e, dsn, keys, ids)
		if got := stored(t, e, dsn); containsAny(got, ids) == "" {
			t.Fatal("the clear-text database holds no ID number: the test could not fail")
		}

		// Opening it with the key seals every value.
		ap = open(t, dsn)
		ap.Close()
		if got := stored(t, e, dsn); containsAny(got, ids) != "" {
			t.Errorf("ID number %s still in clear after the migration", containsAny(got, ids))
		}

		ap = open(t, dsn)
		raw := ap.Store().SQL()
		var clear, noIndex int
		rows, err := raw.QueryContext(ctx, "SELECT applicant_id, applicant_id_bidx FROM ledger_reconsideration WHERE applicant_id IS NOT NULL")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			var b sql.NullString
			rows.Scan(&v, &b)
			if !seal.IsSealed(v) {
				clear++
			}
			if !b.Valid {
				noIndex++
			}
		}
		rows.Close()
		if clear > 0 || noIndex > 0 {
			t.Errorf("%d values not sealed, %d without blind index", clear, noIndex)
		}

		// Figures, records, history, explain and exports see the clear values.
		after, err := ap.Indicators(local, 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) {
			t.Fatalf("%d indicators after the migration, %d before", len(after), len(before))
		}
		for i := range before {
			if b, a := before[i], after[i]; b.ID != a.ID || b.Value != a.Value || b.Null != a.Null || fmt.Sprint(b.Groups) != fmt.Sprint(a.Groups) {
				t.Errorf("indicator %s: %v after the migration, %v before", b.ID, a.Value, b.Value)
			}
		}
		page, _ = ap.ListRecords(local, "reconsideration", app.ListQuery{PageSize: 100000})
		for _, r := range page.Records {
			if want := ids[r.Key]; want != "" && r.Record.String("applicant_id") != want {
				t.Errorf("%s: %q after the migration, want %q", r.Key, r.Record.String("applicant_id"), want)
			}
		}
		var key, id string
		for key, id = range ids {
			break
		}
		hs, err := ap.RecordHistory(local, "reconsideration", key)
		if err != nil || len(hs) == 0 || hs[0].New["申请人证件号"] != id {
			t.Errorf("history of %s: %v %v", key, hs, err)
		}
		lead := as(t, ap, "lingdao")
		lhs, _ := ap.RecordHistory(lead, "reconsideration", key)
		if len(lhs) == 0 || lhs[0].New["申请人证件号"] == id || !strings.Contains(lhs[0].New["申请人证件号"], "*") {
			t.Errorf("the leader sees the history unmasked: %v", lhs)
		}
		_, parts, err := ap.Explain(local, "reconsideration.received", 2022, "")
		if err != nil {
			t.Fatal(err)
		}
		_, lparts, _ := ap.Explain(lead, "reconsideration.received", 2022, "")
		shown, lshown := 0, 0
		for i, p := range parts {
			for j, r := range p.Records {
				if want := ids[r.Key]; want != "" {
					shown++
					if r.Record.String("applicant_id") != want {
						t.Errorf("explain: %s shows %q", r.Key, r.Record.String("applicant_id"))
					}
					if lv := lparts[i].Records[j].Record.String("applicant_id"); lv == want {
						t.Errorf("explain for the leader: %s unmasked", r.Key)
					} else {
						lshown++
					}
				}
			}
		}
		if shown == 0 || lshown != shown {
			t.Errorf("explain showed %d ID numbers, %d masked for the leader", shown, lshown)
		}
		for _, c := range []struct {
			ctx   context.Context
			clear bool
		}{{local, true}, {lead, false}} {
			var buf bytes.Buffer
			if _, err := ap.Export(c.ctx, &buf, "reconsideration", 0, ""); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			xrows, _ := f.GetRows(f.GetSheetName(0))
			var cells strings.Builder
			for _, r := range xrows {
				cells.WriteString(strings.Join(r, "|") + "\n")
			}
			if got := strings.Contains(cells.String(), id); got != c.clear {
				t.Errorf("export (clear=%v) holds %s: %v", c.clear, id, got)
			}
		}

		// Exact-value search finds the record for a reader who sees the
		// number, never for one who sees it masked.
		hit, err := ap.ListRecords(local, "reconsideration", app.ListQuery{Text: id})
		if err != nil || hit.Total != countValue(ids, id) || hit.Records[0].Record.String("applicant_id") != id {
			t.Errorf("search by ID number as the administrator: %d hits, %v", hit.Total, err)
		}
		if lhit, _ := ap.ListRecords(lead, "reconsideration", app.ListQuery{Text: id}); lhit.Total != 0 {
			t.Errorf("the leader finds a record by a masked ID number: %d hits", lhit.Total)
		}
		if part, _ := ap.ListRecords(local, "reconsideration", app.ListQuery{Text: id[:10]}); part.Total != 0 {
			t.Errorf("part of an ID number finds %d records (sealed values match whole only)", part.Total)
		}

		// The importer matches the stored numbers: the demo file again
		// changes no ID number (the demo's later files changed other fields).
		res, err := ap.Import(local, "reconsideration", "../demo/data/reconsideration-2022.csv", app.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Result.Inserted != 0 || res.Result.FieldChanges["申请人证件号"] != 0 || res.Result.Unchanged < 40 {
			t.Errorf("re-importing the demo file: %+v", res.Result)
		}
	})
}

func containsAny(b []byte, ids map[string]string) string {
	for _, id := range ids {
		if bytes.Contains(b, []byte(id)) {
			return id
		}
	}
	return ""
}

func countValue(m map[string]string, v string) int {
	n := 0
	for _, x := range m {
		if x == v {
			n++
		}
	}
	return n
}

// unseal turns the database into what builds before encryption left:
// clear ID numbers in the ledger table and the history, no blind index,
// no key recorded (SQL, as an older build would have written it).
func unseal(t *testing.T, e testdb.Engine, dsn string, keys *seal.Keyring, ids map[string]string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	raw := db.SQL()
	q := func(s string) string {
		if e.Name == "postgres" {
			return strings.NewReplacer("?1", "$1", "?2", "$2", "?3", "$3").Replace(s)
		}
		return s
	}
	for key, id := range ids {
		if _, err := raw.ExecContext(ctx, q("UPDATE ledger_reconsideration SET applicant_id = ?1, applicant_id_bidx = NULL WHERE case_no = ?2"), id, key); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := raw.QueryContext(ctx, "SELECT id, old_values, new_values FROM record_history WHERE ledger = 'reconsideration'")
	if err != nil {
		t.Fatal(err)
	}
	type hrow struct {
		id     int64
		ov, nv sql.NullString
	}
	var hrows []hrow
	for rows.Next() {
		var h hrow
		rows.Scan(&h.id, &h.ov, &h.nv)
		hrows = append(hrows, h)
	}
	rows.Close()
	open := func(s sql.NullString) any {
		if !s.Valid {
			return nil
		}
		m := map[string]string{}
		json.Unmarshal([]byte(s.String), &m)
		if v, ok := m["申请人证件号"]; ok {
			p, err := keys.Open(v)
			if err != nil {
				t.Fatal(err)
			}
			m["申请人证件号"] = p
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	for _, h := range hrows {
		if _, err := raw.ExecContext(ctx, q("UPDATE record_history SET old_values = ?1, new_values = ?2 WHERE id = ?3"), open(h.ov), open(h.nv), h.id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.ExecContext(ctx, "DELETE FROM data_key_state"); err != nil {
		t.Fatal(err)
	}
	if e.Name == "sqlite" {
		raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
}

// TestRotateDataKey (issue 13 item 3): `fazhi key rotate` re-encrypts
// every ID number of the ledger table and the history and recomputes the
// blind indexes under the new key, rewrites the key file, and leaves the
// values, search and history as they were; a process still holding the
// old key may read no longer write, and the old key alone is refused.
func TestRotateDataKey(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := testfix.Demo(t, e)
		dir := t.TempDir()
		oldFile, newFile := dir+"/old.key", dir+"/new.key"
		if _, err := app.NewDataKeyFile(oldFile); err != nil {
			t.Fatal(err)
		}
		oldKeys, err := seal.ReadFile(oldFile)
		if err != nil {
			t.Fatal(err)
		}
		// The demo was sealed with the default key: move it to old.key
		// (store level: the default file is left alone).
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.RotateKey(ctx, oldKeys); err != nil {
			t.Fatal(err)
		}
		db.Close()

		withKey := func(f string) (*app.App, error) {
			ap, _, err := app.Open(ctx, dsn, app.Existing, app.Options{DataKeyFile: f})
			if err == nil {
				t.Cleanup(func() { ap.Close() })
			}
			return ap, err
		}
		ap, err := withKey(oldFile)
		if err != nil {
			t.Fatal(err)
		}
		stale, err := withKey(oldFile) // another process, as fazhi serve would be
		if err != nil {
			t.Fatal(err)
		}
		page, _ := ap.ListRecords(local, "reconsideration", app.ListQuery{PageSize: 100000})
		ids := map[string]string{}
		for _, r := range page.Records {
			ids[r.Key] = r.Record.String("applicant_id")
		}
		newID, err := app.NewDataKeyFile(newFile)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ap.RotateDataKey(as(t, ap, "lingdao"), newFile); app.CodeOf(err) != app.Forbidden {
			t.Errorf("a leader rotates the key: %v", err)
		}
		res, err := ap.RotateDataKey(local, newFile)
		if err != nil {
			t.Fatal(err)
		}
		if res.NewID != newID || res.OldID != oldKeys.ID() || res.Rows < len(ids) || res.KeyFile != oldFile {
			t.Errorf("rotation: %+v", res)
		}
		if k, _ := seal.ReadFile(oldFile); k == nil || strings.Join(k.IDs(), ",") != newID {
			t.Errorf("the key file now holds %v, want only %s", k.IDs(), newID)
		}
		raw := ap.Store().SQL()
		for _, q := range []string{
			"SELECT applicant_id FROM ledger_reconsideration WHERE applicant_id IS NOT NULL",
			"SELECT new_values FROM record_history WHERE ledger = 'reconsideration' AND new_values IS NOT NULL",
		} {
			rows, err := raw.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v string
				rows.Scan(&v)
				if strings.Contains(v, oldKeys.ID()) || !strings.Contains(v, newID) && !strings.HasPrefix(v, "{") {
					t.Errorf("not re-encrypted: %.80s", v)
				}
			}
			rows.Close()
		}
		// The process that kept the old key may not write any more.
		var key string
		for key = range ids {
			break
		}
		if _, err := stale.EditRecord(local, "reconsideration", key, map[string]string{"承办人": "张三"}, 0); err == nil || !strings.Contains(err.Error(), "已轮换") {
			t.Errorf("a write with the old key after the rotation: %v", err)
		}
		// Reopened with the new key: the same values; search and history work.
		nap, err := withKey(newFile)
		if err != nil {
			t.Fatal(err)
		}
		page, _ = nap.ListRecords(local, "reconsideration", app.ListQuery{PageSize: 100000})
		for _, r := range page.Records {
			if r.Record.String("applicant_id") != ids[r.Key] {
				t.Errorf("%s: %q after the rotation, want %q", r.Key, r.Record.String("applicant_id"), ids[r.Key])
			}
		}
		if hit, _ := nap.ListRecords(local, "reconsideration", app.ListQuery{Text: ids[key]}); hit.Total == 0 {
			t.Error("search by ID number finds nothing after the rotation")
		}
		if hs, _ := nap.RecordHistory(local, "reconsideration", key); len(hs) == 0 || hs[0].New["申请人证件号"] != ids[key] {
			t.Errorf("history after the rotation: %v", hs)
		}
		// The old key alone no longer opens the database.
		os.WriteFile(dir+"/only-old.key", []byte(oldKeys.Encode()), 0o600)
		if _, err := withKey(dir + "/only-old.key"); err == nil || !strings.Contains(err.Error(), "数据密钥不符") {
			t.Errorf("opened with the old key after the rotation: %v", err)
		}
	})
}
