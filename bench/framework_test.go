package bench

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestRun_Framework: Run picks cases by the filter, fills in engine, target
// and ratio, and names the case and engine of a failure; Scale follows the
// data set's size. No database, no timing.
func TestRun_Framework(t *testing.T) {
	t.Parallel()
	cases := []Case{{Name: "zz-test-ok", Target: 2, Run: func(ctx context.Context, env *Env) ([]Result, error) {
		return []Result{{Name: "zz-test-ok/a", Unit: "ms", Figure: 5, Floor: 2}, {Name: "zz-test-ok/b", Figure: 1, Floor: 1, Target: 5}, {Name: "zz-test-ok/c", Figure: 9, Floor: 1, Target: -1}}, nil
	}}, {Name: "zz-test-fail", Run: func(ctx context.Context, env *Env) ([]Result, error) {
		return nil, errors.New("boom")
	}}}
	env := &Env{Engine: "sqlite", Logf: t.Logf}
	res, err := runCases(context.Background(), cases, "^zz-test-ok$", []*Env{env})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3: %+v", len(res), res)
	}
	a, b, c := res[0], res[1], res[2]
	if a.Engine != "sqlite" || a.Target != 2 || a.Ratio != 2.5 || a.Pass() {
		t.Errorf("a = %+v: want engine sqlite, the case's target 2, ratio 2.5, failing", a)
	}
	if b.Target != 5 || b.Ratio != 1 || !b.Pass() {
		t.Errorf("b = %+v: want its own target 5, ratio 1, passing", b)
	}
	if c.Target != -1 || !c.Pass() {
		t.Errorf("c = %+v: want report only, passing", c)
	}
	_, err = runCases(context.Background(), cases, "zz-test", []*Env{env})
	if err == nil || !strings.Contains(err.Error(), "zz-test-fail") || !strings.Contains(err.Error(), "sqlite") {
		t.Errorf("err = %v: want the failing case and engine named", err)
	}
	if _, err := runCases(context.Background(), cases, "(", []*Env{env}); err == nil {
		t.Error("a bad --run expression was accepted")
	}
	for _, c := range []struct {
		records int
		quick   bool
		want    int
	}{
		{FullRecords, false, 100_000},
		{QuickRecords, true, 3000},
		{200, true, 30},
		{10, true, 20},
	} {
		env := &Env{Records: c.records, Quick: c.quick}
		if got := env.Scale(100_000, 3000); got != c.want {
			t.Errorf("Scale with %d records (quick %v) = %d, want %d", c.records, c.quick, got, c.want)
		}
	}
}
