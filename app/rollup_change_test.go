package app

import "testing"

// TestChange_RoundedToTheIndicator: a roll-up's change carries the
// indicator's decimals, not the float subtraction's noise.
func TestChange_RoundedToTheIndicator(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		id        string
		cur, last float64
		want      float64
	}{
		{"investment.filed_amount", 0.13, 0.17, -0.04},
		{"investment.filed_amount", 1.1, 2.2, -1.1},
		{"reconsideration.correction_rate", 12.34, 10.1, 2.24},
		{"reconsideration.received", 7, 9, -2},
	} {
		if got := change(c.id, c.cur, c.last); got != c.want {
			t.Errorf("change(%s, %v, %v) = %v, want %v", c.id, c.cur, c.last, got, c.want)
		}
	}
}
