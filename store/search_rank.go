package store

import (
	"database/sql/driver"
	"fmt"
	"strings"

	"modernc.org/sqlite"
)

// searchRankSQLite is the SQLite function fazhi_search_rank(title, body,
// context, term, ...): one integer whose ascending order is search.Less
// before its tie-breakers (kind, record id): the tier (title hit, body hit,
// context only), then title+body occurrences descending, then context
// occurrences descending. Occurrences are counted without overlap, as
// (LENGTH(t) - LENGTH(REPLACE(t, term, ”))) / LENGTH(term) counts them, on
// the text lower-cased as SQLite's LOWER does (ASCII letters only) for terms
// with letter case. One call per hit instead of two LENGTHs and a REPLACE
// per column and term: 3–10× less CPU for common terms.
const searchRankSQLite = "fazhi_search_rank"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(searchRankSQLite, -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if len(args) < 4 {
			return nil, fmt.Errorf("%s: want title, body, context and at least one term", searchRankSQLite)
		}
		var c [3]int64
		for i := range 3 {
			text := valueText(args[i])
			lowered := ""
			for _, a := range args[3:] {
				t := valueText(a)
				if t == "" {
					continue
				}
				s := text
				if hasCase(t) {
					if lowered == "" {
						lowered = asciiLower(text)
					}
					s = lowered
				}
				c[i] += int64(strings.Count(s, t))
			}
		}
		return rankKey(c[0], c[1], c[2]), nil
	})
}

// rankKey packs tier, title+body and context occurrences into one
// ascending key.
func rankKey(tc, bc, cc int64) int64 {
	const bits = 21
	const maxN = 1<<bits - 1
	tier := int64(2)
	switch {
	case tc > 0:
		tier = 0
	case bc > 0:
		tier = 1
	}
	return tier<<(2*bits) | (maxN-min(tc+bc, maxN))<<bits | (maxN - min(cc, maxN))
}

func valueText(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// asciiLower is SQLite's LOWER: ASCII letters only.
func asciiLower(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= 'A' && b[j] <= 'Z' {
			b[j] += 'a' - 'A'
		}
	}
	return string(b)
}
