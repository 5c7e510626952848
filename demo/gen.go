package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"fazhi/calendar"
)

// gen is what a table generator draws from. Each table gets its own random
// stream (seeded by the table's name in seed), so changing one table never
// shifts another.
type gen struct {
	r   *rand.Rand
	cal *calendar.Calendar
}

func newGen() *gen { return &gen{cal: calendar.Builtin()} }

// seed starts the random stream of the table named name.
func (g *gen) seed(name string) {
	h := fnv.New64a()
	h.Write([]byte(name))
	g.r = rand.New(rand.NewPCG(h.Sum64(), 20221231))
}

// day is a calendar date at UTC midnight.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// isWork reports whether offices are open on d (调休 make-up days included).
func (g *gen) isWork(d time.Time) bool {
	w, err := g.cal.IsWorkday(d)
	if err != nil {
		panic(fmt.Sprintf("demo: calendar does not cover %s: %v", d.Format("2006-01-02"), err))
	}
	return w
}

// workdays lists the working days from a to b inclusive.
func (g *gen) workdays(a, b time.Time) []time.Time {
	all := g.allWorkdays()
	i := sort.Search(len(all), func(i int) bool { return !all[i].Before(a) })
	j := sort.Search(len(all), func(i int) bool { return all[i].After(b) })
	return all[i:j]
}

var (
	workdaysOnce sync.Once
	workdayList  []time.Time
)

// allWorkdays lists the working days of the years the data set spans.
func (g *gen) allWorkdays() []time.Time {
	workdaysOnce.Do(func() {
		for d := day(2006, 1, 1); d.Year() <= 2024; d = d.AddDate(0, 0, 1) {
			if g.isWork(d) {
				workdayList = append(workdayList, d)
			}
		}
	})
	return workdayList
}

// workday picks a random working day from a to b inclusive.
func (g *gen) workday(a, b time.Time) time.Time {
	ws := g.workdays(a, b)
	if len(ws) == 0 {
		panic(fmt.Sprintf("demo: no working day between %s and %s", a.Format("2006-01-02"), b.Format("2006-01-02")))
	}
	return ws[g.r.IntN(len(ws))]
}

// spread picks n working days from a to b, sorted, repeats allowed.
func (g *gen) spread(n int, a, b time.Time) []time.Time {
	ws := g.workdays(a, b)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = ws[g.r.IntN(len(ws))]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// addWork returns the n-th working day after d (d itself when n is 0).
func (g *gen) addWork(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if g.isWork(d) {
			n--
		}
	}
	return d
}

// between picks an int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// pick returns a random element of list.
func pick[T any](g *gen, list []T) T { return list[g.r.IntN(len(list))] }

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// shuffle returns a shuffled copy of list.
func shuffle[T any](g *gen, list []T) []T {
	out := append([]T(nil), list...)
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// split divides total into n positive parts, each near total/n (±spread).
func (g *gen) split(total, n, spread int) []int {
	parts := make([]int, n)
	left := total
	for i := range parts {
		if i == n-1 {
			parts[i] = left
			break
		}
		avg := left / (n - i)
		parts[i] = avg + g.between(-spread, spread)
		left -= parts[i]
	}
	return parts
}

// date parses a fixed date of the data set (2006-01-02).
func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic("demo: bad date " + s)
	}
	return t
}

// subWork returns the n-th working day before d.
func (g *gen) subWork(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, -1)
		if g.isWork(d) {
			n--
		}
	}
	return d
}

// sortBy returns list sorted by key, stably.
func sortBy[T any](list []T, key func(T) string) []T {
	out := append([]T(nil), list...)
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}
