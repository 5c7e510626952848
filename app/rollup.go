package app

import (
	"context"
	"math"
	"sort"
	"strings"

	"fazhi/indicator"
	"fazhi/ledger"
)

// District is one district of a roll-up: its 行政区划代码 and the name staff
// know it by (偃师区, from its government's name).
type District struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// DistrictFigure is one district's figure of an indicator in a roll-up:
// the value of the year, the value of the year before, the change (nil
// when either is not known) and the rank among the districts (1 = the
// highest value; districts of equal value share a rank; 0 = no value).
type DistrictFigure struct {
	District string          `json:"district"`
	Value    indicator.Value `json:"value"`
	Last     indicator.Value `json:"last_year"`
	Change   *float64        `json:"change"`
	Rank     int             `json:"rank"`
}

// RollupRow is one indicator over the districts of a region, and over the
// region as a whole (Total: counts are the sum of the districts', distinct
// counts count a value once per district).
type RollupRow struct {
	ID        string           `json:"id"`
	Name      string           `json:"name"`
	Unit      string           `json:"unit"`
	Total     indicator.Value  `json:"total"`
	Districts []DistrictFigure `json:"districts"`
}

// Rollup compares the districts of a region on every indicator of a year.
type Rollup struct {
	Year      int         `json:"year"`
	Region    District    `json:"region"`
	Districts []District  `json:"districts"`
	Rows      []RollupRow `json:"indicators"`
}

// IndicatorsByDistrict computes every indicator of year for each
// county-level district within region (a unit of a city or province, or a
// 行政区划代码 such as 4103), with the year before, the change and the rank
// among the districts, within the actor's data scope. Forbidden for a
// region beyond the actor's district; NotFound when no district lies
// within it.
func (a *App) IndicatorsByDistrict(ctx context.Context, year int, region string) (Rollup, error) {
	if err := checkYear(year); err != nil {
		return Rollup{}, err
	}
	act, err := actor(ctx)
	if err != nil {
		return Rollup{}, err
	}
	if err := require(act, permRead, "查看指标"); err != nil {
		return Rollup{}, err
	}
	all, err := a.db.AllUnitTree(ctx)
	if err != nil {
		return Rollup{}, err
	}
	if !wholeDistricts(act, all) {
		return Rollup{}, errorf(Forbidden, "%s的数据范围只含部分单位，区县比较需要覆盖整个区县的数据范围", act.describe())
	}
	code, err := a.rollupRegion(ctx, act, all, region)
	if err != nil {
		return Rollup{}, err
	}
	codes, err := a.db.Districts(ctx)
	if err != nil {
		return Rollup{}, err
	}
	out := Rollup{Year: year, Region: District{code, districtName(all, code)}}
	for _, c := range codes {
		if c != code && ledger.LevelOf(c) == ledger.LevelCounty && ledger.InRegion(c, code) {
			out.Districts = append(out.Districts, District{c, districtName(all, c)})
		}
	}
	if len(out.Districts) == 0 && ledger.LevelOf(code) == ledger.LevelCounty {
		out.Districts = []District{out.Region}
	}
	if len(out.Districts) == 0 {
		return out, errorf(NotFound, "行政区划 %s 之下没有区县的单位", code)
	}
	// One scan per ledger and year, grouped by district (issue 14): the
	// region's figures are its districts' sums.
	sc := act.readScope()
	sc.District = code
	src := newScoped(a.db, sc)
	codes = codes[:0]
	for _, d := range out.Districts {
		codes = append(codes, d.Code)
	}
	total, cur, err := indicator.ComputeByDistrict(ctx, src, year, codes)
	if err != nil {
		return out, err
	}
	_, last, err := indicator.ComputeByDistrict(ctx, src, year-1, codes)
	if err != nil {
		return out, err
	}
	for _, v := range total {
		out.Rows = append(out.Rows, RollupRow{ID: v.ID, Name: v.Name, Unit: v.Unit, Total: v})
	}
	for _, d := range out.Districts {
		cur, last := cur[d.Code], last[d.Code]
		for i := range out.Rows {
			f := DistrictFigure{District: d.Code, Value: cur[i], Last: last[i]}
			if !cur[i].Null && !last[i].Null {
				ch := change(out.Rows[i].ID, cur[i].Value, last[i].Value)
				f.Change = &ch
			}
			out.Rows[i].Districts = append(out.Rows[i].Districts, f)
		}
	}
	for i := range out.Rows {
		rank(out.Rows[i].Districts)
	}
	return out, nil
}

// rank numbers districts by value, highest first; equal values share a
// rank (1, 2, 2, 4); a district without a value gets 0.
func rank(fs []DistrictFigure) {
	idx := make([]int, 0, len(fs))
	for i, f := range fs {
		if !f.Value.Null {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return fs[idx[a]].Value.Value > fs[idx[b]].Value.Value })
	for n, i := range idx {
		if n > 0 && fs[i].Value.Value == fs[idx[n-1]].Value.Value {
			fs[i].Rank = fs[idx[n-1]].Rank
		} else {
			fs[i].Rank = n + 1
		}
	}
}

// rollupRegion resolves the region of a roll-up: a unit (its district: a
// city unit's district covers the city), or a 行政区划代码; "" is the
// actor's own district (every district for the local administrator).
func (a *App) rollupRegion(ctx context.Context, act Actor, all *ledger.UnitTree, s string) (string, error) {
	var code string
	switch {
	case s == "" && act.District != "":
		code = act.District
	case s == "":
		codes, err := a.db.Districts(ctx)
		if err != nil {
			return "", err
		}
		code = commonRegion(codes)
		if code == "" {
			return "", errorf(Invalid, "请指定要比较的市、省（行政区划代码如 4103，或市级单位）")
		}
	default:
		if c, ok := all.Lookup(s); ok {
			u, _ := all.Get(c)
			code = u.District
		} else if msg := all.Ambiguous(s); msg != "" {
			return "", errorf(Invalid, "%s", msg)
		} else if c, err := ledger.ParseDistrict(s); err == nil {
			code = c
		} else {
			_, err := lookupUnit(all, s)
			return "", err
		}
	}
	if act.District != "" && !ledger.InRegion(code, act.District) {
		return "", errorf(Forbidden, "%s属于行政区划 %s，无权查看行政区划 %s 的数据", act.describe(), act.District, code)
	}
	return code, nil
}

// wholeDistricts reports whether the actor reads whole districts (scope
// all, or the subtree of a root of the tree), so that its figures of a
// district are the district's, not one unit's under a district's name.
func wholeDistricts(act Actor, all *ledger.UnitTree) bool {
	sc := act.scope()
	switch {
	case act.Local || sc.Kind == ledger.ScopeAll:
		return true
	case sc.Kind == ledger.ScopeSubtree:
		u, ok := all.Get(sc.Unit)
		return ok && u.Parent == ""
	}
	return false
}

// districtName is how staff name a district: its government's name
// without 人民政府 and the city before it (洛阳市偃师区人民政府 → 偃师区);
// the code when the district has no government unit.
func districtName(all *ledger.UnitTree, code string) string {
	var root string
	for _, u := range all.Units {
		if u.District != code || u.Parent != "" {
			continue
		}
		if u.Kind == "政府" {
			root = u.Name
			break
		}
		if root == "" {
			root = u.Name
		}
	}
	if root == "" {
		return code
	}
	n := strings.TrimPrefix(strings.TrimSuffix(root, "人民政府"), "中共")
	n = strings.TrimSuffix(n, "委员会")
	if r := []rune(n); len(r) > 3 && ledger.LevelOf(code) == ledger.LevelCounty {
		if i := strings.Index(n, "市"); i > 0 && i+len("市") < len(n) {
			n = n[i+len("市"):] // 洛阳市偃师区 → 偃师区
		}
	}
	return n
}

// commonRegion is the smallest city or province holding every district of
// codes (a county when there is only one); "" when they lie in several
// provinces.
func commonRegion(codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	if len(codes) == 1 {
		return codes[0]
	}
	for _, n := range []int{4, 2} {
		p := codes[0][:n]
		same := true
		for _, c := range codes {
			same = same && len(c) == 6 && c[:n] == p
		}
		if same {
			return p + strings.Repeat("0", 6-n)
		}
	}
	return ""
}

// ComparableDistricts lists the county-level districts the actor may
// compare (those within its own district, a city or a province; every
// district for the local administrator). Fewer than two: nothing to compare.
func (a *App) ComparableDistricts(ctx context.Context) ([]District, error) {
	act, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !act.may(permRead) {
		return nil, nil
	}
	out, all, err := a.countyDistricts(ctx, act.District)
	if err != nil || !wholeDistricts(act, all) {
		return nil, err
	}
	return out, nil
}

// countyDistricts lists the county-level districts holding units within
// region ("" = every one), with their names, by code, and the tree of
// every unit it named them from.
func (a *App) countyDistricts(ctx context.Context, region string) ([]District, *ledger.UnitTree, error) {
	codes, err := a.db.Districts(ctx)
	if err != nil {
		return nil, nil, err
	}
	all, err := a.db.AllUnitTree(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []District
	for _, c := range codes {
		if ledger.LevelOf(c) == ledger.LevelCounty && ledger.InRegion(c, region) {
			out = append(out, District{c, districtName(all, c)})
		}
	}
	return out, all, nil
}

// change is the difference of an indicator's two values, rounded to the
// indicator's decimals: 0.13 − 0.17 is −0.04, not −0.04000000000000625.
func change(id string, cur, last float64) float64 {
	d := 0
	if ind, ok := indicator.Get(id); ok {
		d = ind.Decimals
	}
	p := math.Pow(10, float64(d))
	return math.Round((cur-last)*p) / p
}
