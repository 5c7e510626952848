package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"fazhi/app"
	"fazhi/internal/testdb"
	"fazhi/internal/testfix"
	"fazhi/internal/testgate"
	"fazhi/ledger"
	"fazhi/store"
)

// planYears and planDistricts: the demo (偃师区, mostly 2022) is copied
// into four earlier years and the five years into four more districts,
// 25 district-years in all, before ANALYZE.
const (
	planYears     = 5
	planDistricts = 5
	// planLarge: a ledger table of at least this many rows must be read
	// through an index; a smaller one is a few pages, which PostgreSQL
	// rightly reads whole.
	planLarge = 10000
)

// TestQueryPlans_IndexesAtProvinceShape (issue 14 item 3) loads five years
// of five districts on PostgreSQL, runs ANALYZE and EXPLAINs the SQL the
// store actually runs (store.LogQueries) for one district and one year:
// the filtered list page, every indicator of the dashboard, the list
// page's 包含 filter and search. No large ledger table is read by a Seq
// Scan, and the substring filters are served by pg_trgm indexes (a Bitmap
// Index Scan on a gin_trgm_ops index).
func TestQueryPlans_IndexesAtProvinceShape(t *testing.T) {
	testgate.Heavy(t, "query plans over five years of five districts")
	var pg testdb.Engine
	for _, e := range testdb.Engines() {
		if e.Name == "postgres" {
			pg = e
		}
	}
	if pg.DSN == nil {
		// .ci/run's PostgreSQL pass runs it (FAZHI_TEST_PG set there).
		t.Skip("query plans are PostgreSQL's: set FAZHI_TEST_PG")
	}
	dsn := testfix.Demo(t, pg)
	ap := open(t, dsn)
	db := ap.Store().SQL()
	ctx := context.Background()
	demoDistrict := multiply(t, db)
	// The test's own tables: a bare ANALYZE would visit the schemas of
	// tests running beside it, some of them being dropped.
	if err := ap.Store().Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	sizes := tableSizes(t, db)
	trgm := trigramIndexes(t, db)
	if len(trgm) == 0 {
		t.Fatal("no gin_trgm_ops index: pg_trgm is missing")
	}
	dctx, err := app.WithDistrict(local, demoDistrict)
	if err != nil {
		t.Fatal(err)
	}
	const year = 2022

	check := func(name string, run func(ctx context.Context) error, wantTrgm bool) {
		t.Run(name, func(t *testing.T) {
			var log store.QueryLog
			if err := run(store.LogQueries(dctx, &log)); err != nil {
				t.Fatal(err)
			}
			qs := log.All()
			if len(qs) == 0 {
				t.Fatal("no query was logged: the store's read path no longer goes through reads(ctx)")
			}
			large, usedTrgm := 0, false
			for _, q := range qs {
				plan := explain(t, db, q)
				t.Logf("%s\n%s", q.SQL, pretty(plan))
				walk(plan, func(n map[string]any) {
					rel, _ := n["Relation Name"].(string)
					typ, _ := n["Node Type"].(string)
					if strings.HasPrefix(rel, "ledger_") && sizes[rel] >= planLarge {
						large++
						if typ == "Seq Scan" {
							t.Errorf("Seq Scan on %s (%d rows):\n%s\n%s", rel, sizes[rel], q.SQL, pretty(plan))
						}
					}
					if idx, _ := n["Index Name"].(string); typ == "Bitmap Index Scan" && trgm[idx] {
						usedTrgm = true
					}
				})
			}
			if wantTrgm && !usedTrgm {
				for _, q := range qs {
					t.Logf("%s\n%s", q.SQL, pretty(explain(t, db, q)))
				}
				t.Errorf("no Bitmap Index Scan on a gin_trgm_ops index")
			}
			t.Logf("%d queries, %d scans of large ledger tables", len(qs), large)
			if large == 0 && name != "search" {
				t.Errorf("no query read a large ledger table: the data is too small to say anything")
			}
		})
	}
	check("list", func(ctx context.Context) error {
		_, err := ap.ListRecords(ctx, "investment_project", app.ListQuery{Year: year, Filters: map[string]string{"kind": "备案"}, Sort: "applied_on"})
		return err
	}, false)
	check("indicators", func(ctx context.Context) error {
		_, err := ap.Indicators(ctx, year, "")
		return err
	}, false)
	// A project's name, as a user looking for one project types it: a
	// selective term (a common one such as 有限公司 matches most records,
	// and reading the district's records is then the better plan).
	var name string
	if err := db.QueryRow(`SELECT name FROM ledger_investment_project WHERE district = $1 AND done_on >= '2022-01-01' ORDER BY code LIMIT 1`, demoDistrict).Scan(&name); err != nil {
		t.Fatal(err)
	}
	check("list-contains", func(ctx context.Context) error {
		p, err := ap.ListRecords(ctx, "investment_project", app.ListQuery{Year: year, Text: name})
		if err == nil && p.Total == 0 {
			t.Errorf("包含“%s” found nothing", name)
		}
		return err
	}, true)
	check("search", func(ctx context.Context) error {
		_, _, err := ap.Search(ctx, "规范性文件", 20, nil)
		return err
	}, true)
}

// multiply copies the demo's records of every ledger into planYears-1
// earlier years (dates and years shifted, text key parts suffixed so the
// natural keys stay unique; a key already taken, as when the demo has
// that ledger's earlier years, is left out) and then into planDistricts-1 more districts.
// It returns the demo's district.
func multiply(t *testing.T, db *sql.DB) string {
	t.Helper()
	var demo string
	if err := db.QueryRow(`SELECT district FROM units LIMIT 1`).Scan(&demo); err != nil {
		t.Fatal(err)
	}
	others := []string{"410302", "410303", "410304", "410305", "410306", "410311", "410322"}[:planDistricts-1]
	for _, d := range ledger.All() {
		cols := tableColumns(t, db, d.Table())
		keyed := false
		for _, k := range d.Key {
			switch d.Field(k).Type {
			case ledger.Text, ledger.Enum, ledger.Date, ledger.Year, ledger.Int:
				keyed = true
			}
		}
		var maxID int64
		if err := db.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM ` + d.Table()).Scan(&maxID); err != nil {
			t.Fatal(err)
		}
		if keyed {
			for k := 1; k < planYears; k++ {
				exprs := make([]string, len(cols))
				for i, c := range cols {
					exprs[i] = c
					f := d.Field(c)
					if f == nil {
						continue
					}
					isKey := false
					for _, n := range d.Key {
						isKey = isKey || n == c
					}
					switch {
					case f.Type == ledger.Date:
						exprs[i] = fmt.Sprintf("(%s - interval '%d years')::date", c, k)
					case f.Type == ledger.Year:
						exprs[i] = fmt.Sprintf("%s - %d", c, k)
					case isKey && (f.Type == ledger.Text || f.Type == ledger.Enum):
						exprs[i] = fmt.Sprintf("%s || '~%d'", c, k)
					case isKey && f.Type == ledger.Int:
						exprs[i] = fmt.Sprintf("%s + %d", c, k*1000000000)
					}
				}
				q := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE id <= %d AND district = '%s' ON CONFLICT DO NOTHING",
					d.Table(), strings.Join(cols, ", "), strings.Join(exprs, ", "), d.Table(), maxID, demo)
				if _, err := db.Exec(q); err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
			}
		}
		for _, o := range others {
			exprs := make([]string, len(cols))
			for i, c := range cols {
				exprs[i] = c
				if c == "district" {
					exprs[i] = "'" + o + "'"
				}
			}
			q := fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE district = '%s'",
				d.Table(), strings.Join(cols, ", "), strings.Join(exprs, ", "), d.Table(), demo)
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
		}
	}
	return demo
}

// tableColumns lists the columns of table but id.
func tableColumns(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		out = append(out, c)
	}
	return out
}

// tableSizes returns the rows of each ledger table.
func tableSizes(t *testing.T, db *sql.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, d := range ledger.All() {
		var n int64
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + d.Table()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[d.Table()] = n
	}
	t.Logf("rows per ledger table: %v", out)
	return out
}

// trigramIndexes returns the names of the gin_trgm_ops indexes of the schema.
func trigramIndexes(t *testing.T, db *sql.DB) map[string]bool {
	t.Helper()
	rows, err := db.Query(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%gin_trgm_ops%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out[n] = true
	}
	return out
}

func explain(t *testing.T, db *sql.DB, q store.LoggedQuery) map[string]any {
	t.Helper()
	var js string
	if err := db.QueryRow("EXPLAIN (FORMAT JSON) "+q.SQL, q.Args...).Scan(&js); err != nil {
		t.Fatalf("EXPLAIN: %v\n%s", err, q.SQL)
	}
	var plans []map[string]any
	if err := json.Unmarshal([]byte(js), &plans); err != nil || len(plans) == 0 {
		t.Fatalf("EXPLAIN output: %v\n%s", err, js)
	}
	return plans[0]["Plan"].(map[string]any)
}

// walk calls f on n and every node below it.
func walk(n map[string]any, f func(map[string]any)) {
	f(n)
	subs, _ := n["Plans"].([]any)
	for _, s := range subs {
		if m, ok := s.(map[string]any); ok {
			walk(m, f)
		}
	}
}

func pretty(plan map[string]any) string {
	var b strings.Builder
	var rec func(n map[string]any, depth int)
	rec = func(n map[string]any, depth int) {
		fmt.Fprintf(&b, "%s%v", strings.Repeat("  ", depth), n["Node Type"])
		for _, k := range []string{"Relation Name", "Index Name", "Index Cond", "Filter", "Recheck Cond"} {
			if v, ok := n[k]; ok {
				fmt.Fprintf(&b, " [%s: %v]", k, v)
			}
		}
		b.WriteByte('\n')
		subs, _ := n["Plans"].([]any)
		for _, s := range subs {
			rec(s.(map[string]any), depth+1)
		}
	}
	rec(plan, 0)
	return b.String()
}
