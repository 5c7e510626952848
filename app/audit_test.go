package app_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/store"
)

// clock is a wall clock tests advance by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// openAt opens dsn with the wall clock c and the audit key file key.
func openAt(t *testing.T, dsn string, c *clock, key string) *app.App {
	t.Helper()
	ap, _, err := app.Open(context.Background(), dsn, app.Create, app.Options{Now: c.now, AuditKeyFile: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ap.Close() })
	return ap
}

// auditor is a context acting as the demo's 审计员 (shenji).
func auditorCtx(t *testing.T, ap *app.App) context.Context {
	return as(t, ap, "shenji")
}

func verify(t *testing.T, ap *app.App, anchors ...app.Anchor) app.AuditReport {
	t.Helper()
	rep, err := ap.VerifyAudit(app.WithActor(context.Background(), app.LocalActor()), anchors)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestAuditVerify_RealLog: the demo's load (units, accounts, every ledger
// imported) and then logins, a failed login, an edit, a delete, a
// restore, an export, a settings change and an unmasked view leave a chain
// that verifies; every one of them is in the trail with who, where and
// what, and a personal value is kept masked.
func TestAuditVerify_RealLog(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		dsn := demoDSN(t, e)
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, app.ChinaTime)}
		ap := openAt(t, dsn, c, "")
		web := app.WithClientAddr(context.Background(), "10.1.2.3")
		if _, err := ap.Login(web, "sifaju", "wrong-Password1"); app.CodeOf(err) != app.Unauthenticated {
			t.Fatalf("wrong password: %v", err)
		}
		admin, err := ap.Login(web, "sifaju", app.DemoPassword)
		if err != nil {
			t.Fatal(err)
		}
		actx := app.WithActor(web, admin)
		const key = "偃政复〔2022〕35号"
		if _, err := ap.EditRecord(actx, "reconsideration", key, map[string]string{"承办人": "新承办人"}, 0); err != nil {
			t.Fatal(err)
		}
		if err := ap.DeleteRecord(actx, "reconsideration", key, "重复录入"); err != nil {
			t.Fatal(err)
		}
		if err := ap.RestoreRecord(actx, "reconsideration", key); err != nil {
			t.Fatal(err)
		}
		v, err := ap.GetRecord(actx, "reconsideration", key)
		if err != nil {
			t.Fatal(err)
		}
		applicant := v.Record["applicant"]
		if _, err := ap.Export(actx, &bytes.Buffer{}, "reconsideration", 2022, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := ap.SetSetting(local, app.SettingAsOf, "2022-12-31"); err != nil {
			t.Fatal(err)
		}
		if err := ap.Logout(actx, ""); err != nil {
			t.Fatal(err)
		}
		rep := verify(t, ap)
		if !rep.OK || rep.Entries < 20 {
			t.Fatalf("a real log should verify: %+v", rep)
		}
		page, err := ap.AuditLog(auditorCtx(t, ap), app.AuditQuery{PageSize: -1, From: c.now().Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]app.AuditView{}
		for _, e := range page.Entries {
			if _, ok := got[e.Action]; !ok {
				got[e.Action] = e
			}
		}
		for _, want := range []struct{ action, actor, addr, target string }{
			{"login.fail", "sifaju", "10.1.2.3", "账号 sifaju"},
			{"login", "sifaju", "10.1.2.3", "账号 sifaju"},
			{"record.update", "sifaju", "10.1.2.3", "“" + key + "”"},
			{"record.delete", "sifaju", "10.1.2.3", key},
			{"record.restore", "sifaju", "10.1.2.3", key},
			{"record.view", "sifaju", "10.1.2.3", key},
			{"export", "sifaju", "10.1.2.3", "行政复议"},
			{"setting.set", app.LocalActor().Name(), app.LocalAddr, "设置 " + app.SettingAsOf},
			{"logout", "sifaju", "10.1.2.3", "账号 sifaju"},
		} {
			e, ok := got[want.action]
			if !ok {
				t.Errorf("no %s entry in the trail", want.action)
				continue
			}
			if e.Actor != want.actor || e.Addr != want.addr || !strings.Contains(e.Target, want.target) {
				t.Errorf("%s entry = %+v, want actor %s from %s on %s", want.action, e, want.actor, want.addr, want.target)
			}
			if e.At != c.now().In(app.ChinaTime).Format("2006-01-02 15:04:05") {
				t.Errorf("%s entry at %s, want the injected clock", want.action, e.At)
			}
		}
		if d := got["record.update"].Detail; !strings.Contains(d, "承办人") || !strings.Contains(d, "新承办人") {
			t.Errorf("the update entry should carry before/after of 承办人: %q", d)
		}
		// Personal values never enter the trail in clear.
		if s, ok := applicant.(string); ok && len([]rune(s)) > 1 {
			for _, e := range page.Entries {
				if strings.Contains(e.Detail, s) || strings.Contains(e.Target, s) {
					t.Errorf("entry %d holds the applicant %q in clear: %s", e.Seq, s, e.Detail)
				}
			}
		} else {
			t.Fatalf("demo case should have an applicant, got %v", applicant)
		}
	})
}

// chain makes a short trail by real use cases on a fresh database: an
// account created, granted, its password changed, logins that fail and
// succeed, a logout. It returns the app, the key file and the head seq.
func chain(t *testing.T, e testdb.Engine) (*app.App, string, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, app.ChinaTime)}
	key := filepath.Join(t.TempDir(), "audit.key")
	dsn := e.DSN(t)
	ap := openAt(t, dsn, c, key)
	for _, n := range []app.NewAccount{
		{Name: "shenji", Role: app.RoleAuditor, Password: "Audit@2026x", NoPasswordChange: true},
		{Name: "xitong", Role: app.RoleSysadmin, Password: "Sys@2026xyz", NoPasswordChange: true},
	} {
		if _, err := ap.AddUser(local, n); err != nil {
			t.Fatal(err)
		}
	}
	web := app.WithClientAddr(context.Background(), "192.0.2.7")
	for i := 0; i < 3; i++ {
		c.add(time.Minute)
		ap.Login(web, "xitong", "nope")
	}
	act, err := ap.Login(web, "xitong", "Sys@2026xyz")
	if err != nil {
		t.Fatal(err)
	}
	sctx := app.WithActor(web, act)
	if err := ap.SetPassword(sctx, "xitong", "Sys@2026xyz", "Sys@2026new"); err != nil {
		t.Fatal(err)
	}
	if err := ap.Logout(sctx, ""); err != nil {
		t.Fatal(err)
	}
	if rep := verify(t, ap); !rep.OK || rep.Last < 8 {
		t.Fatalf("fresh chain should verify with at least 8 entries: %+v", rep)
	}
	return ap, dsn + "\x00" + key, c
}

// tamper runs SQL on the database as someone who can write it: the
// append-only triggers dropped first.
func tamper(t *testing.T, ap *app.App, stmts ...string) {
	t.Helper()
	db := ap.Store().SQL()
	drop := []string{"DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"}
	if ap.Engine() == "postgres" {
		drop = []string{"DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log"}
	}
	for _, s := range append(drop, stmts...) {
		if ap.Engine() == "postgres" {
			s = pgBind(s)
		}
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func pgBind(s string) string { return s }

func head(t *testing.T, ap *app.App) store.AuditHead {
	t.Helper()
	h, _, err := ap.Store().AuditHeadNow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func wantBroken(t *testing.T, rep app.AuditReport, seq int64, words string) {
	t.Helper()
	if rep.OK {
		t.Fatalf("verify passed a tampered chain: %+v", rep)
	}
	if rep.Broken != seq || !strings.Contains(rep.Problem, fmt.Sprintf("第 %d ", seq)) || !strings.Contains(rep.Problem, words) {
		t.Fatalf("verify should name entry %d (%s): broken %d, %q", seq, words, rep.Broken, rep.Problem)
	}
}

// TestAuditVerify_Tampered: an entry edited, inserted or deleted by hand in
// SQL, the chain recomputed without the key, and the last entries deleted
// are each found, naming the first broken entry.
func TestAuditVerify_Tampered(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		t.Run("edited", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			tamper(t, ap, "UPDATE audit_log SET addr = '127.0.0.1' WHERE seq = 5")
			wantBroken(t, verify(t, ap), 5, "校验码不符")
		})
		t.Run("inserted", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			n := head(t, ap).Seq
			var stmts []string
			for s := n; s >= 4; s-- {
				stmts = append(stmts, fmt.Sprintf("UPDATE audit_log SET seq = %d WHERE seq = %d", s+1, s))
			}
			stmts = append(stmts, "INSERT INTO audit_log (seq, at, actor, role, addr, action, target, detail, mac) SELECT 4, at, actor, role, addr, 'login', target, detail, mac FROM audit_log WHERE seq = 3",
				fmt.Sprintf("UPDATE audit_head SET seq = %d", n+1))
			tamper(t, ap, stmts...)
			wantBroken(t, verify(t, ap), 4, "校验码不符")
		})
		t.Run("appended", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			n := head(t, ap).Seq
			tamper(t, ap, fmt.Sprintf("INSERT INTO audit_log (seq, at, actor, role, addr, action, target, detail, mac) SELECT %d, at, actor, role, addr, action, target, detail, mac FROM audit_log WHERE seq = %d", n+1, n))
			wantBroken(t, verify(t, ap), n+1, "校验码不符")
		})
		t.Run("deleted", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			tamper(t, ap, "DELETE FROM audit_log WHERE seq = 6")
			wantBroken(t, verify(t, ap), 6, "缺失")
		})
		t.Run("recomputed without the key", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			forged := bytes.Repeat([]byte{7}, 32)
			var stmts []string
			prev := ""
			var last store.AuditEntry
			if err := ap.Store().EachAudit(context.Background(), func(en store.AuditEntry) error {
				en.Target += "（改）"
				m := app.AuditMACWith(forged, prev, en)
				stmts = append(stmts, fmt.Sprintf("UPDATE audit_log SET target = '%s', mac = '%s' WHERE seq = %d", en.Target, m, en.Seq))
				prev, last = m, en
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			stmts = append(stmts, fmt.Sprintf("UPDATE audit_head SET mac = '%s', tag = '%s'", prev, app.AuditTagWith(forged, "head", last.Seq, prev)))
			tamper(t, ap, stmts...)
			wantBroken(t, verify(t, ap), 1, "校验码不符")
		})
		t.Run("last entries deleted", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			an, err := ap.AnchorAudit(local)
			if err != nil {
				t.Fatal(err)
			}
			n := an.Seq
			// The head's keyed tag names the true length.
			tamper(t, ap, fmt.Sprintf("DELETE FROM audit_log WHERE seq > %d", n-2))
			wantBroken(t, verify(t, ap), n-1, "末尾的记录被删除")
			// Moving the head back needs the key: its tag fails.
			var mac string
			ap.Store().EachAudit(context.Background(), func(en store.AuditEntry) error { mac = en.MAC; return nil })
			tamper(t, ap, fmt.Sprintf("UPDATE audit_head SET seq = %d, mac = '%s'", n-2, mac))
			if rep := verify(t, ap); rep.OK {
				t.Fatalf("a head moved without the key should fail: %+v", rep)
			}
			// Emptying the trail and resetting the head to its first state
			// leaves nothing to check inside the database: the anchor kept
			// elsewhere still names the head it saw.
			tamper(t, ap, "DELETE FROM audit_log", "UPDATE audit_head SET seq = 0, mac = '', tag = ''")
			rep := verify(t, ap, an)
			if rep.OK || !strings.Contains(rep.Problem, fmt.Sprintf("锚定的第 %d 条不在链中", n)) {
				t.Fatalf("verify with the anchor should fail after the tail is gone: %+v", rep)
			}
		})
		t.Run("anchor rewritten", func(t *testing.T) {
			t.Parallel()
			ap, _, _ := chain(t, e)
			an, err := ap.AnchorAudit(local)
			if err != nil {
				t.Fatal(err)
			}
			if rep := verify(t, ap, an); !rep.OK || rep.Anchors != 1 {
				t.Fatalf("the anchored chain should verify: %+v", rep)
			}
			an.MAC = strings.Repeat("0", 64)
			wantBroken(t, verify(t, ap, an), an.Seq, "锚定")
		})
	})
}

// TestAuditPrune: entries younger than 180 days are kept; pruning older
// ones writes a checkpoint verify starts from; deleting the checkpoint or
// the entries after it is found.
func TestAuditPrune(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap, key, c := chain(t, e)
		aud := auditorCtx(t, ap)
		if _, err := ap.PruneAudit(aud, c.now().Add(time.Hour)); app.CodeOf(err) != app.Invalid || !strings.Contains(err.Error(), "180") {
			t.Fatalf("pruning young entries should be refused: %v", err)
		}
		if _, err := ap.PruneAudit(local, c.now().Add(-200*24*time.Hour)); app.CodeOf(err) != app.Forbidden {
			t.Fatalf("only the 审计员 prunes: %v", err)
		}
		old := head(t, ap).Seq
		c.add(200 * 24 * time.Hour)
		if _, err := ap.Login(context.Background(), "shenji", "Audit@2026x"); err != nil {
			t.Fatal(err)
		}
		n, err := ap.PruneAudit(aud, c.now().Add(-190*24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if int64(n) != old {
			t.Fatalf("pruned %d, want the %d entries older than the cutoff", n, old)
		}
		rep := verify(t, ap)
		if !rep.OK || rep.Pruned != old {
			t.Fatalf("verify should start from the checkpoint: %+v", rep)
		}
		// The same database and key, reopened, still verify.
		dsn, keyFile, _ := strings.Cut(key, "\x00")
		ap.Close()
		ap = openAt(t, dsn, c, keyFile)
		if rep := verify(t, ap); !rep.OK {
			t.Fatalf("reopened: %+v", rep)
		}
		tamper(t, ap, "DELETE FROM audit_checkpoint")
		if rep := verify(t, ap); rep.OK || rep.Broken != 1 {
			t.Fatalf("deleting the checkpoint should be found at entry 1: %+v", rep)
		}
	})
}

// TestAudit_OnlyAuditorReads: the trail is read and exported by the
// 审计员 only; the local administrator and every other role are refused.
func TestAudit_OnlyAuditorReads(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, demoDSN(t, e))
		for _, name := range []string{"sifaju", "minzheng", "xitong", "anquan", "lingdao"} {
			if _, err := ap.AuditLog(as(t, ap, name), app.AuditQuery{}); app.CodeOf(err) != app.Forbidden {
				t.Errorf("%s read the audit trail: %v", name, err)
			}
		}
		if _, err := ap.AuditLog(local, app.AuditQuery{}); app.CodeOf(err) != app.Forbidden {
			t.Errorf("the local administrator read the audit trail: %v", err)
		}
		var buf bytes.Buffer
		n, err := ap.ExportAudit(auditorCtx(t, ap), &buf, app.AuditQuery{Action: "account."})
		if err != nil || n == 0 || buf.Len() == 0 {
			t.Fatalf("auditor export: %d entries, %v", n, err)
		}
		p, err := ap.AuditLog(auditorCtx(t, ap), app.AuditQuery{Action: "account.", Actor: app.LocalActor().Name()})
		if err != nil || p.Total != n {
			t.Fatalf("filtered list: %d entries (export %d), %v", p.Total, n, err)
		}
		for _, e := range p.Entries {
			if !strings.HasPrefix(e.Action, "account.") {
				t.Errorf("filter by action prefix let %s through", e.Action)
			}
		}
	})
}

// TestAudit_ConcurrentAppendsNeverFork: appends from many goroutines on
// two App values (two connection pools, as two processes) make one chain
// without gaps that verifies.
func TestAudit_ConcurrentAppendsNeverFork(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, app.ChinaTime)}
		key := filepath.Join(t.TempDir(), "audit.key")
		dsn := e.DSN(t)
		a1 := openAt(t, dsn, c, key)
		a2 := openAt(t, dsn, c, key)
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				ap := a1
				if i%2 == 1 {
					ap = a2
				}
				_, err := ap.Login(app.WithClientAddr(context.Background(), fmt.Sprintf("10.0.0.%d", i)), fmt.Sprintf("nobody%d", i), "x")
				if app.CodeOf(err) != app.Unauthenticated {
					errs <- err
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if rep := verify(t, a1); !rep.OK || rep.Last != 40 {
			t.Fatalf("40 concurrent appends should make one chain of 40: %+v", rep)
		}
	})
}

// TestAuditKey_BesideTheDatabase: a SQLite database's key is made on
// first use beside it, readable by its owner only.
func TestAuditKey_BesideTheDatabase(t *testing.T) {
	t.Parallel()
	if os.Getenv(app.AuditKeyEnv) != "" {
		t.Skip("FAZHI_AUDIT_KEY names the key file")
	}
	dir := t.TempDir()
	dsn := filepath.Join(dir, "fazhi.db")
	var created string
	ap, _, err := app.Open(context.Background(), dsn, app.Create, app.Options{AuditKeyCreated: func(p string, _ int64) { created = p }})
	if err != nil {
		t.Fatal(err)
	}
	ap.Close()
	want := dsn + "-audit.key"
	if created != want {
		t.Fatalf("key created at %q, want beside the database %q", created, want)
	}
	st, err := os.Stat(want)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v mode %v, want 0600", err, st.Mode())
	}
}
