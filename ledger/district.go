package ledger

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// DefaultDistrict is the 行政区划代码 (GB/T 2260) of the district a
// single-district database belongs to when nothing says otherwise: 洛阳市
// 偃师区, the district the demo and the field files come from. A units file
// without a 行政区划代码 column, and every record, setting and report kept
// before districts were stored, belong to it.
const DefaultDistrict = "410307"

// DistrictLevel is the level of a 行政区划代码: a province (XX0000), a city
// (XXXX00) or a county-level district (区、县、县级市).
type DistrictLevel int

const (
	LevelCounty DistrictLevel = iota
	LevelCity
	LevelProvince
)

// Label is the level in Chinese.
func (l DistrictLevel) Label() string {
	switch l {
	case LevelProvince:
		return "省级"
	case LevelCity:
		return "市级"
	}
	return "县级"
}

// ParseDistrict checks a 行政区划代码: six digits (GB/T 2260). A region may
// also be written by its prefix (41 for 河南省, 4103 for 洛阳市), which
// gives 410000 and 410300.
func ParseDistrict(s string) (string, error) {
	s = strings.TrimSpace(Fold(s))
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("行政区划代码“%s”应为 6 位数字（如 410307）", s)
		}
	}
	switch len(s) {
	case 2:
		return s + "0000", nil
	case 4:
		return s + "00", nil
	case 6:
		if s[:2] == "00" {
			break
		}
		return s, nil
	}
	return "", fmt.Errorf("行政区划代码“%s”应为 6 位数字（如 410307）", s)
}

// LevelOf returns the level of a six-digit 行政区划代码.
func LevelOf(code string) DistrictLevel {
	switch {
	case len(code) == 6 && code[2:] == "0000":
		return LevelProvince
	case len(code) == 6 && code[4:] == "00":
		return LevelCity
	}
	return LevelCounty
}

// RegionPrefix is the prefix shared by the codes of every district within
// region: 41 for a province, 4103 for a city, the code itself for a
// county-level district.
func RegionPrefix(region string) string {
	switch LevelOf(region) {
	case LevelProvince:
		return region[:2]
	case LevelCity:
		return region[:4]
	}
	return region
}

// InRegion reports whether district lies within region ("" = everywhere).
func InRegion(district, region string) bool {
	return region == "" || strings.HasPrefix(district, RegionPrefix(region))
}

type districtKey struct{}

// WithDistrict returns ctx carrying the district an action is taken in
// (the tenant of a multi-district deployment): its settings, holiday
// overrides, report, column mappings, unit aliases and the unit names its
// imports resolve. A city or province code makes reads cover its districts.
func WithDistrict(ctx context.Context, code string) context.Context {
	return context.WithValue(ctx, districtKey{}, code)
}

// DistrictFrom returns the district ctx carries.
func DistrictFrom(ctx context.Context) (string, bool) {
	d, ok := ctx.Value(districtKey{}).(string)
	return d, ok && d != ""
}

// CheckUnitNames refuses units (to be saved over stored) whose name or
// 简称 another unit of the same district already has, as its name or its
// 简称: within a district a name must find one unit. A unit code kept in
// another district is refused too (codes are unique in the deployment).
func CheckUnitNames(stored, units []Unit) error {
	byCode := map[string]Unit{}
	for _, u := range stored {
		byCode[u.Code] = u
	}
	for _, u := range units {
		if old, ok := byCode[u.Code]; ok && old.District != "" && u.District != "" && old.District != u.District {
			return fmt.Errorf("单位编码 %s 已是行政区划 %s 的“%s”，不能再用于行政区划 %s 的“%s”（单位编码在全库唯一，建议以行政区划代码开头）",
				u.Code, old.District, old.Name, u.District, u.Name)
		}
		byCode[u.Code] = u
	}
	taken := map[[2]string]string{} // (district, folded name) → code
	var msgs []string
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		u := byCode[c]
		for _, n := range []string{u.Name, u.ShortName} {
			if n == "" {
				continue
			}
			k := [2]string{u.District, Fold(n)}
			if other, ok := taken[k]; ok && other != u.Code {
				o := byCode[other]
				msgs = append(msgs, fmt.Sprintf("行政区划 %s 中“%s”同时是“%s”（%s）和“%s”（%s）的名称或简称", u.District, n, o.Name, o.Code, u.Name, u.Code))
				continue
			}
			taken[k] = u.Code
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("单位名称或简称在同一行政区划内重复：%s", strings.Join(msgs, "；"))
	}
	return nil
}
