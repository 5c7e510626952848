package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"
	"testing"

	"github.com/pressly/goose/v3"

	"fazhi/internal/testdb"
	"fazhi/store"
)

// TestMigrate_DistrictKeepsSingleDistrictData (issue 9): a database made
// before districts (migrations up to 00040) keeps every unit, setting,
// holiday override, report version, publication, alias and column mapping
// through 00070, all in the default district, and a second district may
// then reuse the names and keys.
func TestMigrate_DistrictKeepsSingleDistrictData(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ctx := context.Background()
		dsn := e.DSN(t)
		driver, dialect, name, dsnOpen := "sqlite", goose.DialectSQLite3, "sqlite", store.SQLiteDSN(dsn)
		if store.IsPostgres(dsn) {
			driver, dialect, name, dsnOpen = "pgx", goose.DialectPostgres, "postgres", dsn
		}
		raw, err := sql.Open(driver, dsnOpen)
		if err != nil {
			t.Fatal(err)
		}
		sub, _ := fs.Sub(store.MigrationsFS, "migrations/"+name)
		p, err := goose.NewProvider(dialect, raw, sub)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.UpTo(ctx, 40); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{
			`INSERT INTO units (code, name, short_name, parent, kind, sort_order) VALUES ('410307200', '洛阳市偃师区人民政府', '区政府', NULL, '政府', 1)`,
			`INSERT INTO setting (key, value, changed_at, changed_by) VALUES ('deadline.x', '5', 't', 'a')`,
			`INSERT INTO holiday (day, kind, name) VALUES ('2022-10-08', '调休', '国庆')`,
			`INSERT INTO holiday_year (year) VALUES (2022)`,
			`INSERT INTO report_version (year, version, author, created_at, source) VALUES (2022, 1, 'a', 't', '正文')`,
			`INSERT INTO report_publication (year, version, doc_number, signed_on, published_at, author) VALUES (2022, 1, '偃政〔2023〕1号', '2023-01-20', 't', 'a')`,
			`INSERT INTO report_figure (year, indicator, name, unit, value, definition) VALUES (2022, 'reconsideration.received', '收到', '件', 51, 'd')`,
			`INSERT INTO unit_alias (alias, unit_code, created_at, created_by) VALUES ('区府', '410307200', 't', 'a')`,
			`INSERT INTO import_mapping (unit_code, ledger_id, shape, mapping, updated_at) VALUES ('410307200', 'reconsideration', 's', '{}', 't')`,
		} {
			if _, err := raw.ExecContext(ctx, s); err != nil {
				t.Fatalf("%v\n%s", err, s)
			}
		}
		raw.Close()
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, table := range []string{"units", "setting", "holiday", "holiday_year", "report_version", "report_publication", "report_figure", "unit_alias", "import_mapping"} {
			var n, inDefault int
			q := "SELECT COUNT(*), SUM(CASE WHEN district = '410307' THEN 1 ELSE 0 END) FROM " + table
			if err := db.SQL().QueryRowContext(ctx, q).Scan(&n, &inDefault); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			if n != 1 || inDefault != 1 {
				t.Errorf("%s: %d rows, %d in the default district; want 1 and 1", table, n, inDefault)
			}
		}
		settings, err := db.Settings(ctx)
		if err != nil || settings["deadline.x"] != "5" {
			t.Errorf("settings after the migration: %v %v", settings, err)
		}
		if _, figs, ok, err := db.Publication(ctx, 2022); err != nil || !ok || figs["reconsideration.received"].Value != 51 {
			t.Errorf("publication after the migration: %v %v %v", ok, figs, err)
		}
		// Another district may now use the same unit name.
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO units (code, name, kind, district) VALUES ('410303200', '洛阳市偃师区人民政府', '政府', '410303')`); err != nil {
			t.Errorf("the same name in another district: %v", err)
		}
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO units (code, name, kind, district) VALUES ('410307299', '洛阳市偃师区人民政府', '政府', '410307')`); err == nil || !strings.Contains(strings.ToLower(err.Error()), "unique") {
			t.Errorf("the same name twice in one district: %v", err)
		}
	})
}
