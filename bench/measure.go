package bench

import (
	"slices"
	"time"
)

// timings runs f n times (after one warm-up run) and returns the durations,
// sorted.
func timings(n int, f func() error) ([]time.Duration, error) {
	if err := f(); err != nil {
		return nil, err
	}
	out := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return nil, err
		}
		out = append(out, time.Since(start))
	}
	slices.Sort(out)
	return out, nil
}

// quantile returns the q-quantile (0..1) of sorted durations, nearest rank.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	i = max(0, min(i, len(sorted)-1))
	return sorted[i]
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// median runs f n times and returns the median duration in milliseconds.
func median(n int, f func() error) (float64, error) {
	t, err := timings(n, f)
	if err != nil {
		return 0, err
	}
	return ms(quantile(t, 0.5)), nil
}
