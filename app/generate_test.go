package app_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/internal/testdb"
	"fazhi/internal/testgate"
	"fazhi/ledger"
)

// summable reports whether an indicator's province figure is the sum of
// its districts' exactly: counts and sums in whole units (a rate is not,
// and an amount rounded to 亿元 may differ from the sum of rounded parts).
func summable(id string) bool {
	ind, ok := indicator.Get(id)
	if !ok || ind.Agg == indicator.Rate || ind.Decimals > 0 || ind.Divisor != 0 {
		return false
	}
	for _, l := range indicator.Leaves(ind) {
		if l.Agg == indicator.Rate || l.Decimals > 0 || l.Divisor != 0 {
			return false
		}
	}
	return true
}

// TestGenerate_DistrictsSumToProvince (issue 14): three generated
// districts of 河南省 in three cities; over the province (--unit 41) every
// count indicator's total is the sum of its districts', the districts
// differ, both engines give the same figures for the seed, and generating
// again changes nothing.
func TestGenerate_DistrictsSumToProvince(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	byEngine := map[string]map[string]float64{}
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, e.DSN(t))
		opt := app.GenerateOptions{Districts: 3, Year: 2022, Seed: 5, Scale: 0.05}
		var progress []string
		opt.Progress = func(p app.GenerateProgress) { progress = append(progress, p.District.Name) }
		res, err := ap.Generate(local, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Districts != 3 || res.Records < 300 || res.Inserted != res.Records || len(progress) != 3 || progress[0] != "偃师区" {
			t.Fatalf("result %+v, progress %v", res, progress)
		}
		r, err := ap.IndicatorsByDistrict(local, 2022, "41")
		if err != nil {
			t.Fatal(err)
		}
		if r.Region.Code != "410000" || len(r.Districts) != 3 {
			t.Fatalf("region %+v, districts %+v", r.Region, r.Districts)
		}
		figs := checkProvinceSums(t, r)
		// The province's deadlines read its settings, the generated-data
		// mark among them (trial: every deadline page answered 500).
		province := ledger.WithDistrict(local, "410000")
		if _, _, _, err := ap.Warnings(province, time.Time{}, "", 0); err != nil {
			t.Errorf("the province's warnings: %v", err)
		}
		if _, _, err := ap.Due(province, "reconsideration", time.Time{}, 2022, ""); err != nil {
			t.Errorf("the province's reconsideration deadlines: %v", err)
		}
		// Dashboards open on the data's year, as the demo's do.
		for _, d := range []string{"410000", "410307"} {
			if at, err := ap.AsOf(ledger.WithDistrict(local, d)); err != nil || at.Format("2006-01-02") != "2022-12-01" {
				t.Errorf("business date of %s after gen --year 2022: %v %v", d, at, err)
			}
		}
		again, err := ap.Generate(local, opt)
		if err != nil {
			t.Fatal(err)
		}
		if again.Inserted != 0 || again.Units != 0 || again.Records != res.Records {
			t.Errorf("generating again: %+v, first %+v", again, res)
		}
		mu.Lock()
		byEngine[e.Name] = figs
		mu.Unlock()
	})
	if a, b := byEngine["sqlite"], byEngine["postgres"]; a != nil && b != nil {
		for id, v := range a {
			if b[id] != v {
				t.Errorf("%s: SQLite %v, PostgreSQL %v for the same seed", id, v, b[id])
			}
		}
	}
}

// checkProvinceSums checks that every count indicator's province total is
// the sum of its districts' and that the districts differ; it returns every
// figure by indicator (and indicator@district).
func checkProvinceSums(t *testing.T, r app.Rollup) map[string]float64 {
	t.Helper()
	figs := map[string]float64{}
	checked, differ := 0, false
	for _, row := range r.Rows {
		figs[row.ID] = row.Total.Value
		for _, d := range row.Districts {
			figs[row.ID+"@"+d.District] = d.Value.Value
		}
		if !summable(row.ID) {
			continue
		}
		sum := 0.0
		for _, d := range row.Districts {
			sum += d.Value.Value
			differ = differ || d.Value.Value != row.Districts[0].Value.Value
		}
		if math.Abs(sum-row.Total.Value) > 1e-9 {
			t.Errorf("%s %s: province %v, sum of districts %v", row.ID, row.Name, row.Total.Value, sum)
		}
		if row.Total.Value > 0 {
			checked++
		}
	}
	if checked < 40 || !differ {
		t.Errorf("%d count indicators with a value checked; districts differ: %v", checked, differ)
	}
	return figs
}

// TestGenerate_Province150 (issue 14 acceptance, heavy): 150 districts
// (at 5 % of the demo's size each); over the province every count
// indicator is the sum of its 150 districts.
func TestGenerate_Province150(t *testing.T) {
	testgate.Heavy(t, "150 generated districts")
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, e.DSN(t))
		res, err := ap.Generate(local, app.GenerateOptions{Districts: 150, Year: 2022, Seed: 1, Scale: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		r, err := ap.IndicatorsByDistrict(local, 2022, "41")
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Districts) != 150 {
			t.Fatalf("%d districts in the province comparison, want 150 (%+v)", len(r.Districts), res)
		}
		checkProvinceSums(t, r)
	})
}

// TestGenerate_RefusesRealData: a database holding units that fazhi gen
// did not make is refused and left as it was; only the local
// administrator may generate.
func TestGenerate_RefusesRealData(t *testing.T) {
	t.Parallel()
	testdb.Run(t, func(t *testing.T, e testdb.Engine) {
		ap := open(t, e.DSN(t))
		p := filepath.Join(t.TempDir(), "units.csv")
		if err := os.WriteFile(p, []byte("单位编码,单位名称,简称,上级单位,单位类型\n410307200,洛阳市偃师区人民政府,区政府,,政府\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := ap.ImportUnits(local, p); err != nil {
			t.Fatal(err)
		}
		_, err := ap.Generate(local, app.GenerateOptions{Districts: 1, Year: 2022, Scale: 0.01})
		if app.CodeOf(err) != app.Conflict {
			t.Fatalf("generate into real data: %v (code %v), want Conflict", err, app.CodeOf(err))
		}
		tree, err := ap.Units(local)
		if err != nil || len(tree.Units) != 1 {
			t.Errorf("units after the refusal: %v, %v", tree, err)
		}
		for _, o := range []app.GenerateOptions{{Districts: 0, Year: 2022}, {Districts: 158, Year: 2022}, {Districts: 1, Year: 1990}, {Districts: 1, Year: 2022, Scale: -1}} {
			if _, err := ap.Generate(local, o); app.CodeOf(err) != app.Invalid {
				t.Errorf("%+v: %v, want Invalid", o, err)
			}
		}
		admin := app.WithActor(context.Background(), app.Actor{Account: "sifaju", Role: app.RoleAdmin, Scope: ledger.ScopeAll})
		if _, err := ap.Generate(admin, app.GenerateOptions{Districts: 1, Year: 2022}); app.CodeOf(err) != app.Forbidden {
			t.Errorf("an account generated data: %v", err)
		}
	})
}
