package app

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"fazhi/calendar"
	"fazhi/demo"
	"fazhi/excel"
	"fazhi/importer"
	"fazhi/ledger"
	"fazhi/store"
)

// SettingGenerated marks a database filled by Generate (kept in the
// province's settings): what was generated, e.g. "districts=150 seed=1
// scale=1 years=2022".
const SettingGenerated = "system.generated"

// GenerateOptions say what Generate makes.
type GenerateOptions struct {
	Districts int     // county-level districts of 河南省, 1 … demo.MaxDistricts
	Year      int     // the year of the data (the demo's 2022 moved to it)
	Seed      uint64  // the same seed gives the same records
	Scale     float64 // multiplies record counts; 0 means 1
	// Progress, when set, is told of each district once its records are saved.
	Progress func(GenerateProgress)
}

// GenerateProgress is one district written.
type GenerateProgress struct {
	Done, Of int // districts written so far, of all
	District demo.District
	Records  int           // records the district got
	Elapsed  time.Duration // since Generate started
}

// GenerateResult counts what Generate wrote.
type GenerateResult struct {
	Districts int
	Units     int // units inserted (province, cities and districts)
	Records   int // records saved (inserted or updated)
	Inserted  int
	Elapsed   time.Duration
}

// Generate fills the database with realistic data for a province: the
// 偃师区 data set (package demo: 73 units, 21 ledgers, about 8,000 records)
// repeated for opt.Districts county-level districts of 河南省 under their
// cities (each district 0.6–1.4 times 偃师区's size, times opt.Scale), with
// 河南省人民政府/司法厅 and each city's 人民政府/司法局 above them, so that
// the province's figures are the sum of its districts'. Deterministic for
// opt.Seed. Records go through the one write path (store.SaveStream: rules
// checked, due dates derived from the district's calendar), one district
// after another; the planner statistics are refreshed at the end
// (store.Analyze: ANALYZE, and PRAGMA optimize on SQLite).
//
// Only the local administrator may generate, and only into an empty
// database or one Generate filled before (Conflict otherwise: generated
// records must never mix with a district's real ones). Generating again
// with the same options changes nothing; another year adds that year.
func (a *App) Generate(ctx context.Context, opt GenerateOptions) (GenerateResult, error) {
	start := time.Now()
	act, err := actor(ctx)
	if err != nil {
		return GenerateResult{}, err
	}
	if !act.Local {
		return GenerateResult{}, errorf(Forbidden, "只有本机管理员可以生成模拟数据")
	}
	if opt.Scale == 0 {
		opt.Scale = 1
	}
	if err := opt.Check(); err != nil {
		return GenerateResult{}, err
	}
	ds, err := demo.Districts(opt.Districts)
	if err != nil {
		return GenerateResult{}, errorf(Invalid, "%s", err.Error())
	}
	province := ledger.WithDistrict(ctx, demo.ProvinceCode)
	if err := a.mayGenerate(ctx, province); err != nil {
		return GenerateResult{}, err
	}
	base, err := demoRecords(ctx, a.db)
	if err != nil {
		return GenerateResult{}, err
	}
	res := GenerateResult{Districts: len(ds)}
	units := demo.RegionUnits(ds)
	for _, d := range ds {
		units = append(units, d.Units()...)
	}
	if res.Units, _, err = a.db.SaveUnits(ctx, units); err != nil {
		return res, fmt.Errorf("保存单位名录失败: %w", err)
	}
	// The mark goes first: a run broken off is still known as generated
	// and may be run again.
	if err := a.markGenerated(province, opt); err != nil {
		return res, err
	}
	if err := a.generatedAsOf(ctx, units, opt.Year); err != nil {
		return res, err
	}
	o := demo.Options{Year: opt.Year, Seed: opt.Seed, Scale: opt.Scale}
	for i, d := range ds {
		n, ins, err := a.generateDistrict(ctx, act, d, base, o)
		if err != nil {
			return res, fmt.Errorf("生成%s（%s）的数据失败: %w", d.Name, d.Code, err)
		}
		res.Records += n
		res.Inserted += ins
		if opt.Progress != nil {
			opt.Progress(GenerateProgress{Done: i + 1, Of: len(ds), District: d, Records: n, Elapsed: time.Since(start)})
		}
	}
	if err := a.db.Analyze(ctx); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	return res, a.audit(province, "gen", "模拟数据", AuditDetail{Count: res.Records,
		Note: fmt.Sprintf("%d 个区县，%d 年，种子 %d，倍数 %g", len(ds), opt.Year, opt.Seed, opt.Scale)})
}

// Check refuses options Generate cannot follow (Invalid, saying which and
// why), before anything is opened or written: districts beyond the
// province's, a scale not above 0 or above 100, a year the working-day
// calendar does not cover.
func (opt GenerateOptions) Check() error {
	if opt.Scale < 0 || opt.Scale > 100 {
		return errorf(Invalid, "--scale 应为大于 0、不超过 100 的倍数，而不是 %g", opt.Scale)
	}
	if _, err := demo.Districts(opt.Districts); err != nil {
		return errorf(Invalid, "%s", err.Error())
	}
	return generateYear(opt.Year)
}

// generateYear checks that the working-day calendar covers the year
// before and after (the data set's 2021 and 2023 records move along).
func generateYear(y int) error {
	cal := calendar.Builtin()
	for _, yy := range []int{y - 1, y, y + 1} {
		if !cal.Covers(yy) {
			ys := cal.Years()
			return errorf(Invalid, "--year %d: 内置工作日历只覆盖 %d—%d 年，生成的数据含前后各一年，年度应在 %d—%d 之间", y, ys[0], ys[len(ys)-1], ys[0]+1, ys[len(ys)-1]-1)
		}
	}
	return nil
}

// mayGenerate refuses a database that holds data Generate did not make.
func (a *App) mayGenerate(ctx, province context.Context) error {
	us, err := a.db.Units(ctx)
	if err != nil || len(us) == 0 {
		return err
	}
	set, err := a.db.Settings(province)
	if err != nil {
		return err
	}
	if set[SettingGenerated] != "" {
		return nil
	}
	return errorf(Conflict, "本库已有 %d 个单位的数据，且不是 fazhi gen 生成的：模拟数据不能与真实数据混在一起，未写入任何数据；请用 --db 指定一个新的空数据库", len(us))
}

// markGenerated records the options in the province's settings (the years
// generated accumulate).
func (a *App) markGenerated(province context.Context, opt GenerateOptions) error {
	set, err := a.db.Settings(province)
	if err != nil {
		return err
	}
	years := strconv.Itoa(opt.Year)
	if old := set[SettingGenerated]; old != "" {
		var n, y0 int
		var s uint64
		var k float64
		var ys string
		if _, err := fmt.Sscanf(old, "districts=%d seed=%d scale=%g years=%s", &n, &s, &k, &ys); err == nil {
			_ = y0
			years = ys
			if !containsYear(ys, opt.Year) {
				years += "," + strconv.Itoa(opt.Year)
			}
		}
	}
	v := fmt.Sprintf("districts=%d seed=%d scale=%g years=%s", opt.Districts, opt.Seed, opt.Scale, years)
	return a.db.SetSetting(province, SettingGenerated, v, "模拟数据")
}

func containsYear(list string, y int) bool {
	for _, f := range splitComma(list) {
		if f == strconv.Itoa(y) {
			return true
		}
	}
	return false
}

func splitComma(s string) []string {
	var out []string
	from := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > from {
				out = append(out, s[from:i])
			}
			from = i + 1
		}
	}
	return out
}

// generateDistrict saves one district's records of every ledger; it
// returns the records saved and how many were new.
func (a *App) generateDistrict(ctx context.Context, act Actor, d demo.District, base []demoLedger, o demo.Options) (int, int, error) {
	dctx := ledger.WithDistrict(ctx, d.Code)
	env, err := calendarEnv(dctx, a.db)
	if err != nil {
		return 0, 0, err
	}
	tree, err := a.db.UnitTree(dctx)
	if err != nil {
		return 0, 0, err
	}
	saved, inserted := 0, 0
	for _, l := range base {
		recs := demo.Records(l.def, l.recs, d, o)
		ch := store.Change{Actor: act.Name(), Source: "fazhi gen", Env: env, KeysChecked: true, Units: tree,
			Scope: ledger.Scope{Kind: ledger.ScopeAll, District: d.Code}}
		const batch = 500
		from := 0
		sr, err := a.db.SaveStream(dctx, l.def, ch, func() ([]store.Row, error) {
			if from >= len(recs) {
				return nil, nil
			}
			to := min(from+batch, len(recs))
			rows := make([]store.Row, 0, to-from)
			for _, r := range recs[from:to] {
				rows = append(rows, store.Row{Record: r})
			}
			from = to
			return rows, nil
		})
		if err != nil {
			return saved, inserted, fmt.Errorf("%s: %w", l.def.Name, err)
		}
		saved += sr.Inserted + sr.Updated + sr.Unchanged
		inserted += sr.Inserted
	}
	return saved, inserted, nil
}

// demoLedger is one ledger of the 偃师区 data set, read as records.
type demoLedger struct {
	def  *ledger.Definition
	recs []ledger.Record
}

var (
	demoOnce sync.Once
	demoBase []demoLedger
	demoErr  error
)

// demoRecords reads the 偃师区 data set (generated in memory) through the
// importer, as loading its files would, once per process: unit names
// resolved to codes, dates parsed, rules checked, due dates derived from
// the built-in calendar.
func demoRecords(ctx context.Context, db *store.DB) ([]demoLedger, error) {
	demoOnce.Do(func() {
		var env ledger.Env
		if env, demoErr = calendarEnv(ledger.WithDistrict(ctx, ledger.DefaultDistrict), db); demoErr == nil {
			demoBase, demoErr = readDemoRecords(env)
		}
	})
	return demoBase, demoErr
}

func readDemoRecords(env ledger.Env) ([]demoLedger, error) {
	sheets, err := demo.Sheets()
	if err != nil {
		return nil, err
	}
	first, _ := demo.Districts(1)
	tree := ledger.NewUnitTree(first[0].Units())
	var out []demoLedger
	for _, s := range sheets {
		if s.Ledger == "units" {
			continue
		}
		d, ok := ledger.Get(s.Ledger)
		if !ok {
			return nil, fmt.Errorf("演示数据中的台账 %s 未定义", s.Ledger)
		}
		t := &excel.Table{File: s.File, CSV: true, Format: "演示数据", Rows: s.Rows}
		st, err := importer.Open(d, []*excel.Table{t}, importer.Options{Units: tree, Env: env})
		if err != nil {
			return nil, fmt.Errorf("演示数据 %s: %w", s.File, err)
		}
		l := demoLedger{def: d}
		for st.Next() {
			l.recs = append(l.recs, st.Item().Record)
		}
		err = st.Err()
		st.Close()
		if err != nil {
			return nil, fmt.Errorf("演示数据 %s: %w", s.File, err)
		}
		if n := st.Book.ProblemCount(); n > 0 {
			return nil, fmt.Errorf("演示数据 %s 有 %d 处错误: %s", s.File, n, importer.Report(s.File, st.Book.Problems()))
		}
		out = append(out, l)
	}
	return out, nil
}

// generatedAsOf sets the business date of every district, city and the
// province of units to December 1st of year, where none is set, as the
// demo does for 2022: the dashboards open on the data's year and deadline
// states are those of that date, not of today (a new-user trial saw empty
// 2026 dashboards and cases 超期2205天).
func (a *App) generatedAsOf(ctx context.Context, units []ledger.Unit, year int) error {
	done := map[string]bool{}
	for _, u := range units {
		if done[u.District] {
			continue
		}
		done[u.District] = true
		in := ledger.WithDistrict(ctx, u.District)
		set, err := a.db.Settings(in)
		if err != nil {
			return err
		}
		if set[SettingAsOf] != "" {
			continue
		}
		if err := a.db.SetSetting(in, SettingAsOf, fmt.Sprintf("%04d-12-01", year), "模拟数据"); err != nil {
			return err
		}
	}
	return nil
}
