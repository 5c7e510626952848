package ledger

import (
	"fmt"
	"strings"
)

// Unit is one node of the unit tree (单位名录).
type Unit struct {
	Code      string // 单位编码
	Name      string // 单位名称
	ShortName string // 简称
	Parent    string // parent's code; "" at a root
	Kind      string // 单位类型
	District  string // 行政区划代码 of the district the unit belongs to
	// ValidTo is the day (YYYY-MM-DD) the unit ended, merged into another
	// or abolished; "" while it is valid. Stored by unit events only.
	ValidTo string
}

// Label names a unit with its district, to tell apart units of the same
// name in different districts: 区司法局（编码 410307207，行政区划 410307）.
func (u Unit) Label() string {
	s := u.Name + "（编码 " + u.Code
	if u.District != "" {
		s += "，行政区划 " + u.District
	}
	return s + "）"
}

// UnitTree indexes units by code, name, short name, declared alias and the
// forms staff write (偃师区人民政府 for 洛阳市偃师区人民政府, 岳滩镇人民政府 for
// the town). It implements Units.
type UnitTree struct {
	Units  []Unit
	byKey  map[string]int
	byCore map[string]int // -1: several units share the form
	byCode map[string]int
	// shared lists, by folded key, the units that share a name, short name
	// or alias (units of the same name in different districts): such a
	// key finds none, and Candidates names them.
	shared map[string][]int
}

// Alias is another name a unit is known by (区发改委), declared by an
// administrator.
type Alias struct {
	Alias string
	Code  string
}

// NewUnitTree indexes units.
func NewUnitTree(units []Unit) *UnitTree {
	t := &UnitTree{Units: units, byKey: map[string]int{}, byCore: map[string]int{}, byCode: map[string]int{}, shared: map[string][]int{}}
	for i, u := range units {
		t.byCode[u.Code] = i
	}
	for i, u := range units {
		for _, k := range []string{u.Code, u.Name, u.ShortName} {
			if k != "" {
				t.addKey(Fold(k), i)
			}
		}
	}
	for i, u := range units {
		for _, k := range unitForms(u) {
			if j, taken := t.byCore[k]; taken && j != i {
				t.byCore[k] = -1
			} else {
				t.byCore[k] = i
			}
		}
	}
	return t
}

// AddAliases makes each alias find its unit; an alias of an unknown unit is skipped.
func (t *UnitTree) AddAliases(as []Alias) {
	for _, a := range as {
		if i, ok := t.byCode[a.Code]; ok {
			t.addKey(Fold(a.Alias), i)
			if j, taken := t.byCore[unitCore(a.Alias)]; !taken || j == i {
				t.byCore[unitCore(a.Alias)] = i // 偃师区发改委 finds the unit of 区发改委
			}
		}
	}
}

// addKey makes key find unit i, unless another unit has it: a code wins
// over a name, and a name two units share finds neither.
func (t *UnitTree) addKey(key string, i int) {
	j, taken := t.byKey[key]
	switch {
	case !taken:
		t.byKey[key] = i
		return
	case j == i, j >= 0 && t.Units[j].Code == t.Units[i].Code:
		return // one unit given twice
	case j >= 0 && t.Units[j].Code == key:
		return // a code is never shadowed by a name
	case t.Units[i].Code == key:
		t.byKey[key] = i
		delete(t.shared, key)
		return
	}
	if j >= 0 {
		t.shared[key] = []int{j}
	}
	t.byKey[key] = -1
	for _, k := range t.shared[key] {
		if k == i {
			return
		}
	}
	t.shared[key] = append(t.shared[key], i)
}

// Candidates returns the units s could mean when it names more than one
// (a name units of several districts share, or a form several units are
// written as); nil when s names one unit or none.
func (t *UnitTree) Candidates(s string) []Unit {
	var idx []int
	if is, ok := t.shared[Fold(s)]; ok {
		idx = is
	} else if _, ok := t.byKey[Fold(s)]; !ok {
		if i, ok := t.byCore[unitCore(s)]; ok && i < 0 {
			core := unitCore(s)
			for j, u := range t.Units {
				for _, k := range unitForms(u) {
					if k == core {
						idx = append(idx, j)
						break
					}
				}
			}
		}
	}
	if len(idx) < 2 {
		return nil
	}
	out := make([]Unit, len(idx))
	for n, i := range idx {
		out[n] = t.Units[i]
	}
	return out
}

// Ambiguous is the message for a unit name that several units share,
// listing them; "" when s does not name several units.
func (t *UnitTree) Ambiguous(s string) string {
	cs := t.Candidates(s)
	if len(cs) == 0 {
		return ""
	}
	names := make([]string, len(cs))
	for i, u := range cs {
		names[i] = "“" + u.Label() + "”"
	}
	return fmt.Sprintf("单位“%s”不唯一，可能是%s；请填写单位编码或全称", s, strings.Join(names, "、"))
}

// regionPrefixes are the words that open unit names of this district and
// say nothing about which unit is meant.
var regionPrefixes = []string{"中共", "洛阳市", "偃师市", "偃师区", "偃师"}

// unitCore strips the region words from a folded name: 洛阳市偃师区人民政府
// gives 人民政府, 区自然资源局 gives 自然资源局.
func unitCore(s string) string {
	s = Fold(s)
	for changed := true; changed; {
		changed = false
		for _, p := range regionPrefixes {
			if strings.HasPrefix(s, p) && len(s) > len(p) {
				s, changed = strings.TrimPrefix(s, p), true
			}
		}
	}
	if strings.HasPrefix(s, "区") && len([]rune(s)) > 2 {
		s = strings.TrimPrefix(s, "区")
	}
	return s
}

// unitForms are the cores under which a unit is found when written without
// its region words, and a town or street as its government or office.
func unitForms(u Unit) []string {
	var out []string
	for _, n := range []string{u.Name, u.ShortName} {
		if n == "" {
			continue
		}
		c := unitCore(n)
		out = append(out, c)
		switch u.Kind {
		case "镇":
			out = append(out, c+"人民政府", c+"政府")
		case "街道":
			out = append(out, c+"办事处", strings.TrimSuffix(c, "街道")+"街道办事处", c+"办")
		}
	}
	return out
}

// Lookup finds a unit by code, name, short name or alias, then by its name
// written without the region words (偃师区人民政府) or as a town's
// government (岳滩镇人民政府). A form several units share finds none.
func (t *UnitTree) Lookup(s string) (string, bool) {
	if i, ok := t.byKey[Fold(s)]; ok {
		if i < 0 {
			return "", false // several units: Candidates names them
		}
		return t.Units[i].Code, true
	}
	if i, ok := t.byCore[unitCore(s)]; ok && i >= 0 {
		return t.Units[i].Code, true
	}
	return "", false
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

// Closest names the unit s most likely abbreviates, by the unit's own
// words: the characters of s (without region words) found in order in the
// unit's name (区发改委 → 偃师区发展和改革委员会, 区自然资源局 →
// 洛阳市自然资源和规划局偃师分局). It returns "" when no unit carries at
// least two thirds of them.
func (t *UnitTree) Closest(s string) string {
	q := []rune(unitCore(s))
	if len(q) == 0 {
		return ""
	}
	best, bestScore := "", -1.0
	for _, u := range t.Units {
		for _, n := range []string{u.Name, u.ShortName} {
			if n == "" {
				continue
			}
			c := []rune(unitCore(n))
			l := LCS(q, c)
			cover := float64(l) / float64(len(q))
			if l < 2 || cover < 2.0/3 {
				continue
			}
			score := cover * 1000
			if c[0] == q[0] {
				score += 100 // abbreviations keep the first character
			}
			score -= float64(editDistance(q, c)) // then the closest in length
			if score > bestScore {
				best, bestScore = u.Name, score
			}
		}
	}
	return best
}

// LCS is the length of the longest common subsequence of a and b (in
// characters): how many of a label's or a name's own words another keeps.
func LCS(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
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
	var roots []Unit
	for _, u := range t.Units {
		if u.Parent != "" {
			children[u.Parent] = append(children[u.Parent], u.Code)
		} else {
			roots = append(roots, u)
		}
	}
	// The roots of a district hang below the roots of the city or
	// province whose code encloses theirs (store's subtreeCTE does the same).
	for _, p := range roots {
		if p.District == "" || LevelOf(p.District) == LevelCounty {
			continue
		}
		for _, u := range roots {
			if u.District != p.District && u.District != "" && InRegion(u.District, p.District) {
				children[p.Code] = append(children[p.Code], u.Code)
			}
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

// unitSeparators split a cell that names several units.
var unitSeparators = strings.NewReplacer("、", "\x00", "，", "\x00", ",", "\x00", "；", "\x00", ";", "\x00", "/", "\x00", "／", "\x00", "\n", "\x00", " ", "\x00", "及", "\x00")

// SeveralUnits returns the parts of s that each name a unit when s lists
// more than one (区发改委、区财政局); nil when s is one unit or none.
func SeveralUnits(s string, units Units) []string {
	if _, ok := units.Lookup(s); ok {
		return nil
	}
	var found []string
	for _, p := range strings.Split(unitSeparators.Replace(s), "\x00") {
		if p = Clean(p); p == "" {
			continue
		}
		if _, ok := units.Lookup(p); ok {
			found = append(found, p)
		}
	}
	if len(found) < 2 {
		return nil
	}
	return found
}
