package ledger

import "strings"

// Unit is one node of the unit tree (单位名录).
type Unit struct {
	Code      string // 单位编码
	Name      string // 单位名称
	ShortName string // 简称
	Parent    string // parent's code; "" at a root
	Kind      string // 单位类型
}

// UnitTree indexes units by code, name and short name. It implements Units.
type UnitTree struct {
	Units  []Unit
	byKey  map[string]int
	byCode map[string]int
}

// NewUnitTree indexes units.
func NewUnitTree(units []Unit) *UnitTree {
	t := &UnitTree{Units: units, byKey: map[string]int{}, byCode: map[string]int{}}
	for i, u := range units {
		t.byCode[u.Code] = i
		for _, k := range []string{u.Code, u.Name, u.ShortName} {
			if k != "" {
				if _, taken := t.byKey[Fold(k)]; !taken {
					t.byKey[Fold(k)] = i
				}
			}
		}
	}
	return t
}

// Lookup finds a unit by code, name or short name.
func (t *UnitTree) Lookup(s string) (string, bool) {
	i, ok := t.byKey[Fold(s)]
	if !ok {
		return "", false
	}
	return t.Units[i].Code, true
}

// Name returns the name of the unit with code, or the code itself if unknown.
func (t *UnitTree) Name(code string) string {
	if i, ok := t.byCode[code]; ok {
		return t.Units[i].Name
	}
	return code
}

// Get returns the unit with code.
func (t *UnitTree) Get(code string) (Unit, bool) {
	i, ok := t.byCode[code]
	if !ok {
		return Unit{}, false
	}
	return t.Units[i], true
}

// Closest returns the name of the unit most like s (edit distance over
// characters, shared substrings counting in favour), or "" for an empty tree.
func (t *UnitTree) Closest(s string) string {
	best, bestScore := "", 1<<30
	q := []rune(Fold(s))
	for _, u := range t.Units {
		for _, n := range []string{u.Name, u.ShortName} {
			if n == "" {
				continue
			}
			score := editDistance(q, []rune(Fold(n)))
			if strings.Contains(n, s) || strings.Contains(s, n) {
				score -= len(q) / 2
			}
			if score < bestScore {
				best, bestScore = u.Name, score
			}
		}
	}
	return best
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Subtree returns the code of unit code and of every unit below it. A cycle
// in the data (refused on import, but possible in a hand-edited database)
// ends the walk instead of looping.
func (t *UnitTree) Subtree(code string) map[string]bool {
	children := map[string][]string{}
	for _, u := range t.Units {
		if u.Parent != "" {
			children[u.Parent] = append(children[u.Parent], u.Code)
		}
	}
	in := map[string]bool{}
	stack := []string{code}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if in[c] {
			continue
		}
		in[c] = true
		stack = append(stack, children[c]...)
	}
	return in
}
