// Package bench holds fazhi's benchmark cases (issue 14): each case measures
// a hot path (its figure) and, in the same run on the same data, the
// cheapest way to get the same answer (its floor: a hand-written SQL query,
// a bare net/http handler). The ratio figure/floor is what a case promises
// to keep under its target, so the figures mean the same on a slow and a
// fast machine.
//
// `fazhi bench` and `go test -bench . ./bench/` run the same cases:
//
//	fazhi bench [--quick] [--engine sqlite|postgres|both] [--db DSN] [--run REGEXP]
//	go test -run '^$' -bench . ./bench/            (BENCH_FULL=1 for the full sizes)
//
// A case registers itself with Register from an init function of this
// package; Run runs the cases whose name matches a filter on each Env.
package bench

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"sync"
)

// Env is the data set and engine a case runs on.
type Env struct {
	// DSN is the database (a SQLite file path or a postgres:// URL) that
	// Prepare filled; a case may add its own data to it (once: see Marked).
	DSN string
	// Engine is "sqlite" or "postgres".
	Engine string
	// Quick asks for small data and few iterations (`fazhi bench --quick`
	// finishes in under a minute).
	Quick bool
	// Records is the size of the large ledger of the data set (the issue's
	// 2 million records for a full run).
	Records int
	// Logf reports progress (data generation, each case); never nil after
	// Prepare.
	Logf func(format string, args ...any)

	mu     sync.Mutex
	cached map[string]any
}

// Result is one figure of a case against its floor.
type Result struct {
	// Name is the benchmark (e.g. "search/常见词"), Engine "sqlite" or
	// "postgres", Unit the unit of Figure and Floor ("ms", "ms p99",
	// "MiB", ...).
	Name, Engine, Unit string
	// Figure is what fazhi takes, Floor what the floor takes, in Unit.
	Figure, Floor float64
	// Ratio is Figure/Floor.
	Ratio float64
	// Target is the largest Ratio allowed; 0 means the case's target
	// (Case.Target, filled in by Run), a negative value that the figure is
	// reported only.
	Target float64
	// Note says what was measured (sizes, iterations) and, for a target
	// missed, why.
	Note string
}

// Pass reports whether the result meets its target (a report-only result
// always passes).
func (r Result) Pass() bool { return r.Target <= 0 || r.Ratio <= r.Target }

// NewResult returns a result with Ratio computed (0 when floor is 0).
func NewResult(name string, env *Env, unit string, figure, floor, target float64, note string) Result {
	r := Result{Name: name, Engine: env.Engine, Unit: unit, Figure: figure, Floor: floor, Target: target, Note: note}
	if floor > 0 {
		r.Ratio = figure / floor
	}
	return r
}

// Case is one benchmark.
type Case struct {
	// Name is matched by the --run filter; its results are named after it.
	Name string
	// Target is the largest ratio allowed (0: report only); a result may
	// carry its own instead.
	Target float64
	// Run measures on env and returns one result or more.
	Run func(ctx context.Context, env *Env) ([]Result, error)
}

var (
	regMu sync.Mutex
	cases []Case
)

// Register adds a case; names must be unique (a duplicate panics, at init).
func Register(c Case) {
	regMu.Lock()
	defer regMu.Unlock()
	for _, o := range cases {
		if o.Name == c.Name {
			panic("bench: case registered twice: " + c.Name)
		}
	}
	cases = append(cases, c)
}

// Cases returns the registered cases by name.
func Cases() []Case {
	regMu.Lock()
	defer regMu.Unlock()
	out := slices.Clone(cases)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Run runs every case whose name matches filter (a regular expression; ""
// runs all) on each env in turn and returns their results. A case that fails
// stops the run with its error, naming the case and the engine.
func Run(ctx context.Context, filter string, envs ...*Env) ([]Result, error) {
	return runCases(ctx, Cases(), filter, envs)
}

func runCases(ctx context.Context, cases []Case, filter string, envs []*Env) ([]Result, error) {
	var re *regexp.Regexp
	if filter != "" {
		var err error
		if re, err = regexp.Compile(filter); err != nil {
			return nil, fmt.Errorf("--run 不是有效的正则表达式: %w", err)
		}
	}
	var out []Result
	for _, env := range envs {
		for _, c := range cases {
			if re != nil && !re.MatchString(c.Name) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return out, err
			}
			env.Logf("运行 %s（%s）…", c.Name, env.Engine)
			res, err := c.Run(ctx, env)
			if err != nil {
				return out, fmt.Errorf("基准 %s（%s）失败: %w", c.Name, env.Engine, err)
			}
			for i := range res {
				if res[i].Engine == "" {
					res[i].Engine = env.Engine
				}
				if res[i].Target == 0 {
					res[i].Target = c.Target
				}
				if res[i].Ratio == 0 && res[i].Floor > 0 {
					res[i].Ratio = res[i].Figure / res[i].Floor
				}
			}
			out = append(out, res...)
		}
	}
	return out, nil
}

// Once computes a value once per Env (a case's data, opened handles) and
// shares it between the cases and iterations that ask for the same key.
func (env *Env) Once(key string, f func() (any, error)) (any, error) {
	env.mu.Lock()
	defer env.mu.Unlock()
	if v, ok := env.cached[key]; ok {
		return v, nil
	}
	v, err := f()
	if err != nil {
		return nil, err
	}
	if env.cached == nil {
		env.cached = map[string]any{}
	}
	env.cached[key] = v
	return v, nil
}
