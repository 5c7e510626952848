package app_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/internal/testgate"
	"fazhi/ledger"
)

// TestReplica_DashboardReadsFromStreamingReplica (issue 14 item 4) makes a
// PostgreSQL primary and a streaming replica of it (pg_createcluster,
// pg_basebackup -R), loads the demo through the application on the
// primary and shows that, with Options.ReadDSN (--db-read), the
// dashboard's figures are read from the replica: while replay is paused
// they stay as they were although a record was deleted on the primary, and
// they follow once replay resumes. The delete itself lands on the primary
// only, the process that made it sees it at once (read-your-writes), and
// with the replica down reads fall back to the primary.
func TestReplica_DashboardReadsFromStreamingReplica(t *testing.T) {
	testgate.Replica(t)
	ctx := context.Background()
	tag := fmt.Sprintf("fazhi_rep_%d", os.Getpid())
	pport, rport := freePort(t), freePort(t)
	primaryName, replicaName := tag+"_p", tag+"_r"

	// The primary: wal_level=replica and max_wal_senders are PostgreSQL
	// 15's defaults; Debian's pg_hba.conf lets the postgres user replicate
	// over the local socket (peer), which primary_conninfo of -R uses.
	mkCluster(t, primaryName, pport)
	run(t, "pg_ctlcluster", "15", primaryName, "start")
	psql(t, pport, "postgres", `CREATE ROLE fazhi_rep LOGIN PASSWORD 'fazhi_rep_pw'`)
	psql(t, pport, "postgres", `CREATE DATABASE fazhi_rep OWNER fazhi_rep`)

	// The replica: a base backup of the primary into a new cluster's data
	// directory, with standby.signal and primary_conninfo (-R).
	mkCluster(t, replicaName, rport)
	dataDir := "/var/lib/postgresql/15/" + replicaName
	if err := os.RemoveAll(dataDir); err != nil {
		t.Fatal(err)
	}
	run(t, "runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_basebackup",
		"-h", "/var/run/postgresql", "-p", fmt.Sprint(pport), "-D", dataDir, "-R", "-X", "stream", "-c", "fast")
	run(t, "pg_ctlcluster", "15", replicaName, "start")

	dsn := func(port int) string {
		return fmt.Sprintf("postgres://fazhi_rep:fazhi_rep_pw@127.0.0.1:%d/fazhi_rep?sslmode=disable", port)
	}
	primaryDSN, replicaDSN := dsn(pport), dsn(rport)
	primary, replica := sqlOpen(t, primaryDSN), sqlOpen(t, replicaDSN)
	poll(t, "the replica to accept connections in recovery", func() (bool, error) {
		var rec bool
		err := replica.QueryRowContext(ctx, `SELECT pg_is_in_recovery()`).Scan(&rec)
		return err == nil && rec, nil
	})

	// The data key: the default file, as every PostgreSQL test.
	opts := func(read string) app.Options {
		return app.Options{AuditKey: []byte("replica-test-audit-key-32-bytes!"), ReadDSN: read}
	}
	openApp := func(read string) *app.App {
		ap, _, err := app.Open(ctx, primaryDSN, app.Create, opts(read))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ap.Close() })
		return ap
	}
	// The writer reads on the replica too; onPrimary has no replica.
	writer := openApp(replicaDSN)
	if _, _, _, err := writer.LoadDemo(local, func(app.DemoFile) {}); err != nil {
		t.Fatal(err)
	}
	caughtUp(t, primary, replica)

	// A second process: it has written nothing, so it reads on the replica.
	reader := openApp(replicaDSN)
	onPrimary := openApp("")
	if got, err := reader.ReadTarget(ctx); err != nil || got != "replica" {
		t.Fatalf("ReadTarget = %q, %v; want replica", got, err)
	}
	const year = 2022
	figures := func(ap *app.App) []indicator.Value {
		t.Helper()
		v, err := ap.Indicators(local, year, "")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := figures(onPrimary)
	if got := figures(reader); !reflect.DeepEqual(got, before) {
		t.Fatalf("replica figures differ from the primary's after catch-up:\n%v\n%v", got, before)
	}
	if nonzero(before) == 0 {
		t.Fatal("the demo gives no figure of 2022: nothing to compare")
	}

	// Pause replay on the replica, then delete a counted record through
	// the application.
	psql(t, rport, "postgres", `SELECT pg_wal_replay_pause()`)
	poll(t, "replay to pause", func() (bool, error) {
		var state string
		err := replica.QueryRowContext(ctx, `SELECT pg_get_wal_replay_pause_state()`).Scan(&state)
		return err == nil && state == "paused", nil
	})
	id, key := countedRecord(t, writer, year)
	if err := writer.DeleteRecord(local, id, key, "副本测试"); err != nil {
		t.Fatal(err)
	}
	d, _ := ledger.Get(id)
	tombstones := func(db *sql.DB) int {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+d.Table()+` WHERE deleted_at IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if p, r := tombstones(primary), tombstones(replica); p != r+1 {
		t.Fatalf("deleted records: primary %d, paused replica %d; the delete should be on the primary only", p, r)
	}
	after := figures(onPrimary)
	if reflect.DeepEqual(after, before) {
		t.Fatalf("deleting %s %s changed no figure of %d", id, key, year)
	}
	if got := figures(reader); !reflect.DeepEqual(got, before) {
		t.Fatalf("with replay paused the reader's figures moved: they are not read from the replica\n%v\n%v", got, before)
	}
	if got := figures(writer); !reflect.DeepEqual(got, after) {
		t.Fatalf("the writer does not see its own delete (read-your-writes)")
	}

	// Resume: the reader's figures follow the primary.
	psql(t, rport, "postgres", `SELECT pg_wal_replay_resume()`)
	poll(t, "the reader's figures to follow the primary", func() (bool, error) {
		v, err := reader.Indicators(local, year, "")
		return err == nil && reflect.DeepEqual(v, after), err
	})

	// The replica down: a process started now reads on the primary.
	run(t, "pg_ctlcluster", "15", replicaName, "stop", "-m", "fast")
	late := openApp(replicaDSN)
	if got, err := late.ReadTarget(ctx); err != nil || got != "primary" {
		t.Fatalf("ReadTarget with the replica down = %q, %v; want primary", got, err)
	}
	if got := figures(late); !reflect.DeepEqual(got, after) {
		t.Fatalf("with the replica down the figures are not the primary's")
	}
}

// nonzero counts the figures that have a value other than 0.
func nonzero(vs []indicator.Value) int {
	n := 0
	for _, v := range vs {
		if !v.Null && v.Value != 0 {
			n++
		}
	}
	return n
}

// countedRecord returns a ledger and the key of one of its records of
// year that the reconsideration figures count (a case received in year).
func countedRecord(t *testing.T, ap *app.App, year int) (string, string) {
	t.Helper()
	p, err := ap.ListRecords(local, "reconsideration", app.ListQuery{Year: year, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) == 0 {
		t.Fatalf("the demo has no reconsideration case of %d", year)
	}
	return "reconsideration", p.Records[0].Key
}

// mkCluster creates PostgreSQL 15 cluster name on port (stopped), UTF-8 so
// that pg_trgm indexes Chinese text, and drops it when the test ends,
// whatever happens in between.
func mkCluster(t *testing.T, name string, port int) {
	t.Helper()
	t.Cleanup(func() {
		if out, err := exec.Command("pg_dropcluster", "--stop", "15", name).CombinedOutput(); err != nil {
			t.Logf("pg_dropcluster %s: %v\n%s", name, err, out)
		}
	})
	run(t, "pg_createcluster", "-p", fmt.Sprint(port), "--locale", "C.UTF-8", "-e", "UTF8", "15", name)
}

// psql runs one SQL statement as the postgres superuser over the local socket.
func psql(t *testing.T, port int, dbname, stmt string) {
	t.Helper()
	run(t, "runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "/var/run/postgresql", "-p", fmt.Sprint(port), "-d", dbname, "-c", stmt)
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = os.TempDir() // runuser postgres: a folder it may enter
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// freePort returns a TCP port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func sqlOpen(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// caughtUp waits until the replica has replayed the primary's WAL position.
func caughtUp(t *testing.T, primary, replica *sql.DB) {
	t.Helper()
	var lsn string
	if err := primary.QueryRow(`SELECT pg_current_wal_lsn()::text`).Scan(&lsn); err != nil {
		t.Fatal(err)
	}
	poll(t, "the replica to replay up to "+lsn, func() (bool, error) {
		var ok bool
		err := replica.QueryRow(`SELECT COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false)`, lsn).Scan(&ok)
		return err == nil && ok, nil
	})
}

// poll calls cond until it holds; the timeout is generous (slow CI
// machines), and no outcome depends on how fast anything is.
func poll(t *testing.T, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		ok, err := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 3 minutes for %s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
