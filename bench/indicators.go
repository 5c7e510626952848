package bench

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strings"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/store"
)

// The indicator cases (issue 14):
//
//   - indicators: every figure of one year over the province data set
//     (2 million records; --quick about 20,000) as the dashboard and the
//     report compute them, against the minimal SQL: per ledger one query
//     with an aggregate FILTER (WHERE …) per figure over the ledger's live
//     records (store.FilterAggregateSQL), plus reading the one figure that
//     counts names in a list. Target ≤ 1.5×.
//   - province: the comparison table of 150 districts (every figure of
//     the year and the year before, by district, with the province's
//     whole), against the same FILTER queries grouped by district for the
//     two years. Target ≤ 2×.
//
// Both read a data set of their own made by `fazhi gen` (app.Generate: the
// demo's shapes and proportions for the districts of 河南省), kept between
// runs like the others.
func init() {
	Register(Case{Name: "indicators", Run: runIndicators}) // targets per result
	Register(Case{Name: "province", Run: runProvince})     // targets per result
}

// provinceCode is the region the cases compute over (河南省).
const provinceCode = "41"

// demoRecords is about how many records one generated district holds at
// scale 1 (the 偃师区 data set, all years).
const demoRecords = 7900

// provinceSize is the generated data set: 150 districts scaled to about
// env.Records records; --quick and small test sets take fewer districts.
func provinceSize(env *Env) (districts int, scale float64) {
	districts = 150
	if env.Quick || env.Records < 150*demoRecords/4 {
		districts = max(2, min(150, env.Records/(2*demoRecords)))
	}
	scale = float64(env.Records) / float64(districts*demoRecords)
	scale = math.Round(max(0.05, scale)*100) / 100
	return districts, scale
}

// provinceEnv returns the env of the generated data set, filled once: a
// database beside env's (SQLite: a file next to it; PostgreSQL: a schema
// of its own), since gen refuses a database holding the demo.
func provinceEnv(ctx context.Context, env *Env) (*Env, int, error) {
	v, err := env.Once("province", func() (any, error) {
		districts, scale := provinceSize(env)
		name := fmt.Sprintf("province_%d_%s", districts, strings.ReplaceAll(fmt.Sprint(scale), ".", "_"))
		dsn, err := sibling(ctx, env, name)
		if err != nil {
			return nil, err
		}
		p := &Env{DSN: dsn, Engine: env.Engine, Quick: env.Quick, Records: env.Records, Logf: env.Logf}
		err = p.Ensure(ctx, "gen", func(a *app.App) error {
			env.Logf("生成 %d 个区县的模拟数据（倍数 %g）…", districts, scale)
			_, err := a.Generate(app.WithActor(ctx, app.LocalActor()), app.GenerateOptions{
				Districts: districts, Year: 2022, Seed: 1, Scale: scale,
				Progress: func(p app.GenerateProgress) {
					if p.Done%10 == 0 || p.Done == p.Of {
						env.Logf("  %d/%d 个区县，用时 %s", p.Done, p.Of, p.Elapsed.Round(1e9))
					}
				},
			})
			return err
		})
		if err != nil {
			return nil, err
		}
		return p, nil
	})
	if err != nil {
		return nil, 0, err
	}
	p := v.(*Env)
	n, err := p.Once("records", func() (any, error) {
		a, err := p.App(ctx)
		if err != nil {
			return nil, err
		}
		defer a.Close()
		return liveRecords(ctx, a.Store())
	})
	if err != nil {
		return nil, 0, err
	}
	return p, n.(int), nil
}

// provinceApp opens the generated data set (provinceEnv) for measuring and
// says how many live records it holds; the caller closes it.
func provinceApp(ctx context.Context, env *Env) (*app.App, int, error) {
	p, records, err := provinceEnv(ctx, env)
	if err != nil {
		return nil, 0, err
	}
	a, err := p.App(ctx)
	return a, records, err
}

// sibling names a database beside env's for a data set of its own.
func sibling(ctx context.Context, env *Env, name string) (string, error) {
	if env.Engine != "postgres" {
		return strings.TrimSuffix(env.DSN, ".db") + "_" + name + ".db", nil
	}
	u, err := url.Parse(env.DSN)
	if err != nil {
		return "", err
	}
	q := u.Query()
	schema := strings.Split(q.Get("search_path"), ",")[0]
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return pgSchema(ctx, u.String(), strings.TrimSuffix(schema+"_"+name, "_"))
}

// liveRecords counts the live records of every ledger.
func liveRecords(ctx context.Context, db *store.DB) (int, error) {
	total := 0
	for _, d := range ledger.All() {
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+d.Table()+" WHERE deleted_at IS NULL").Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// allScope reads storage with every record in scope, one query per figure
// (no AggregateBatch): the floor's reads, and the way figures were
// computed before the batch. The plan's grouped figures need the unit tree.
type allScope struct{ db *store.DB }

func (s allScope) AggregateRecords(ctx context.Context, d *ledger.Definition, q ledger.Query, agg ledger.Aggregate, field string) (int64, error) {
	q.Scope = ledger.AllScope()
	return s.db.AggregateRecords(ctx, d, q, agg, field)
}

func (s allScope) FindRecords(ctx context.Context, d *ledger.Definition, q ledger.Query) ([]ledger.Record, int, error) {
	q.Scope = ledger.AllScope()
	return s.db.FindRecords(ctx, d, q)
}

func (s allScope) UnitTree(ctx context.Context) (*ledger.UnitTree, error) { return s.db.UnitTree(ctx) }

// floor runs the minimal queries for the figures of the years: one
// FILTER-aggregate query per ledger and year (grouped by district when
// asked), and the records of the figures that count names in a list.
func floor(ctx context.Context, db *store.DB, years []int, byDistrict bool) (queries int, err error) {
	for _, y := range years {
		items, lists, err := indicator.Plan(ctx, allScope{db}, y)
		if err != nil {
			return 0, err
		}
		for id, its := range items {
			d, _ := ledger.Get(id)
			q, args, err := db.FilterAggregateSQL(d, its, byDistrict)
			if err != nil {
				return 0, err
			}
			rows, err := db.SQL().QueryContext(ctx, q, args...)
			if err != nil {
				return 0, fmt.Errorf("%s: %w", id, err)
			}
			for rows.Next() {
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return 0, err
			}
			queries++
		}
		for _, ind := range lists {
			d, _ := ledger.Get(ind.Ledger)
			if _, _, err := (allScope{db}).FindRecords(ctx, d, ind.Query(y, "")); err != nil {
				return 0, err
			}
			queries++
		}
	}
	return queries, nil
}

func runIndicators(ctx context.Context, env *Env) ([]Result, error) {
	a, records, err := provinceApp(ctx, env)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	db := a.Store()
	actx := app.WithActor(ctx, app.LocalActor())
	iters := 7
	if env.Quick {
		iters = 3
	}
	figure, err := median(iters, func() error {
		_, err := a.Indicators(actx, 2022, provinceCode)
		return err
	})
	if err != nil {
		return nil, err
	}
	var queries int
	fl, err := median(iters, func() (err error) {
		queries, err = floor(ctx, db, []int{2022}, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	// One query per figure, as before the batch (report only).
	perFigure, err := median(max(1, iters/3), func() error {
		_, err := indicator.ComputeAll(ctx, allScope{db}, 2022, "")
		return err
	})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%d 条记录，全省（行政区划 %s）2022 年全部指标；下限为每本台账一条 FILTER 聚合查询，共 %d 条；%d 次取中位数", records, provinceCode, queries, iters)
	return []Result{
		NewResult("indicators/一年全部指标", env, "ms", figure, fl, 1.5, note),
		NewResult("indicators/每个指标单独查询（对照）", env, "ms", perFigure, fl, 0, "对照：每个指标各发一条查询、比率再查一遍分子分母（本项改进以前的算法），与同一下限相比"),
	}, nil
}

func runProvince(ctx context.Context, env *Env) ([]Result, error) {
	a, records, err := provinceApp(ctx, env)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	db := a.Store()
	actx := app.WithActor(ctx, app.LocalActor())
	iters := 5
	if env.Quick {
		iters = 3
	}
	var districts int
	figure, err := median(iters, func() error {
		r, err := a.IndicatorsByDistrict(actx, 2022, provinceCode)
		districts = len(r.Districts)
		return err
	})
	if err != nil {
		return nil, err
	}
	var queries int
	fl, err := median(iters, func() (err error) {
		queries, err = floor(ctx, db, []int{2022, 2021}, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("%d 个区县、%d 条记录，2022 年与 2021 年全部指标按区县比较；下限为每本台账每年一条按区县分组的 FILTER 聚合查询，共 %d 条；%d 次取中位数", districts, records, queries, iters)
	return []Result{NewResult("province/区县比较表", env, "ms", figure, fl, 2, note)}, nil
}
