package demo

import (
	"fmt"
	"strings"

	"fazhi/ledger"
)

// Province is the province the generated data lie in: 河南省, whose
// county-level districts (GB/T 2260, 2022) the generator names.
const (
	ProvinceCode = "410000"
	ProvinceName = "河南省"
)

// henan lists the 17 cities of 河南省 and their county-level districts
// (区、县、县级市) as "code name" pairs, in GB/T 2260 order; 济源市 is a
// county-level city under the province (4190).
var henan = []struct {
	code, name string
	counties   string
}{
	{"4101", "郑州市", "02中原区 03二七区 04管城回族区 05金水区 06上街区 08惠济区 22中牟县 81巩义市 82荥阳市 83新密市 84新郑市 85登封市"},
	{"4102", "开封市", "02龙亭区 03顺河回族区 04鼓楼区 05禹王台区 12祥符区 21杞县 22通许县 23尉氏县 25兰考县"},
	{"4103", "洛阳市", "02老城区 03西工区 04瀍河回族区 05涧西区 07偃师区 08孟津区 11洛龙区 23新安县 24栾川县 25嵩县 26汝阳县 27宜阳县 28洛宁县 29伊川县"},
	{"4104", "平顶山市", "02新华区 03卫东区 04石龙区 11湛河区 21宝丰县 22叶县 23鲁山县 25郏县 81舞钢市 82汝州市"},
	{"4105", "安阳市", "02文峰区 03北关区 05殷都区 06龙安区 22安阳县 23汤阴县 26滑县 27内黄县 81林州市"},
	{"4106", "鹤壁市", "02鹤山区 03山城区 11淇滨区 21浚县 22淇县"},
	{"4107", "新乡市", "02红旗区 03卫滨区 04凤泉区 11牧野区 21新乡县 24获嘉县 25原阳县 26延津县 27封丘县 81卫辉市 82辉县市 83长垣市"},
	{"4108", "焦作市", "02解放区 03中站区 04马村区 11山阳区 21修武县 22博爱县 23武陟县 25温县 82沁阳市 83孟州市"},
	{"4109", "濮阳市", "02华龙区 22清丰县 23南乐县 26范县 27台前县 28濮阳县"},
	{"4110", "许昌市", "02魏都区 03建安区 24鄢陵县 25襄城县 81禹州市 82长葛市"},
	{"4111", "漯河市", "02源汇区 03郾城区 04召陵区 21舞阳县 22临颍县"},
	{"4112", "三门峡市", "02湖滨区 03陕州区 21渑池县 24卢氏县 81义马市 82灵宝市"},
	{"4113", "南阳市", "02宛城区 03卧龙区 21南召县 22方城县 23西峡县 24镇平县 25内乡县 26淅川县 27社旗县 28唐河县 29新野县 30桐柏县 81邓州市"},
	{"4114", "商丘市", "02梁园区 03睢阳区 21民权县 22睢县 23宁陵县 24柘城县 25虞城县 26夏邑县 81永城市"},
	{"4115", "信阳市", "02浉河区 03平桥区 21罗山县 22光山县 23新县 24商城县 25固始县 26潢川县 27淮滨县 28息县"},
	{"4116", "周口市", "02川汇区 03淮阳区 21扶沟县 22西华县 23商水县 24沈丘县 25郸城县 27太康县 28鹿邑县 81项城市"},
	{"4117", "驻马店市", "02驿城区 21西平县 22上蔡县 23平舆县 24正阳县 25确山县 26泌阳县 27汝南县 28遂平县 29新蔡县"},
	{"4190", "省直辖县级行政区划", "01济源市"},
}

// District is one county-level district the generator fills: its
// 行政区划代码, its name (偃师区) and the city it lies in ("" for a
// county-level city directly under the province, 济源市).
type District struct {
	Code, Name         string
	CityCode, CityName string // CityCode is six digits (410300)
}

// MaxDistricts is how many districts Districts can name.
var MaxDistricts = func() int {
	n := 0
	for _, c := range henan {
		n += len(strings.Fields(c.counties))
	}
	return n
}()

// Districts names n county-level districts of 河南省: 偃师区 (the demo's
// district) first, then one district of each city in turn, so that a few
// districts already span several cities. An error when n is out of 1 …
// MaxDistricts.
func Districts(n int) ([]District, error) {
	if n < 1 || n > MaxDistricts {
		return nil, fmt.Errorf("区县数应在 1 到 %d 之间（河南省共 %d 个县级行政区划），而不是 %d", MaxDistricts, MaxDistricts, n)
	}
	var byCity [][]District
	for _, c := range henan {
		var ds []District
		for _, f := range strings.Fields(c.counties) {
			d := District{Code: c.code + f[:2], Name: f[2:], CityCode: c.code + "00", CityName: c.name}
			if c.code == "4190" {
				d.CityCode, d.CityName = "", ""
			}
			ds = append(ds, d)
		}
		byCity = append(byCity, ds)
	}
	out := []District{}
	for i := 0; len(out) < MaxDistricts; i++ {
		for _, ds := range byCity {
			if i < len(ds) {
				out = append(out, ds[i])
			}
		}
	}
	for i, d := range out {
		if d.Code == ledger.DefaultDistrict {
			copy(out[1:i+1], out[:i])
			out[0] = d
		}
	}
	return out[:n], nil
}

// Short is the district's name without its level (偃师区 → 偃师, 睢县 → 睢县).
func (d District) Short() string {
	r := []rune(d.Name)
	if len(r) > 2 {
		if s := string(r[:len(r)-1]); !strings.HasSuffix(s, "回族") {
			return s
		}
		return string(r[:len(r)-3])
	}
	return d.Name
}

// Full is the district with its city, as governments write it (洛阳市偃师区).
func (d District) Full() string { return d.CityName + d.Name }

// city is the region above the district as its texts name it: the city,
// or the province for a county-level city directly under it (济源市).
func (d District) city() (full, short string) {
	if d.CityName == "" {
		return ProvinceName, strings.TrimSuffix(ProvinceName, "省")
	}
	return d.CityName, strings.TrimSuffix(d.CityName, "市")
}

// Abbrev is the one character 文号 and 案号 use for the district (偃).
func (d District) Abbrev() string { return string([]rune(d.Name)[:1]) }

// rename maps the 偃师区 names of the data set to the district's, longest
// first. Codes in texts (统一社会信用代码, 身份证号) keep their check
// characters and are left alone.
func (d District) rename() *strings.Replacer {
	city, cityShort := d.city()
	return strings.NewReplacer(
		"洛阳市偃师区", d.Full(),
		"偃师区", d.Name,
		"偃师市", d.Name,
		"偃师", d.Short(),
		"洛阳市", city,
		"洛阳", cityShort,
		"偃政", d.Abbrev()+"政",
		"偃司", d.Abbrev()+"司",
		"偃", d.Abbrev(),
		"豫0381", "豫"+d.Code[2:], // the court's code in 案号
		"-410307", "-"+d.Code, // the region in 项目代码, a unit code in 事项编码 (no check character)
		"-410381-", "-"+d.Code+"-",
	)
}

// Rename turns a text of the 偃师区 data set into the district's: its
// name, its city, the 简称 of its 文号 and its codes.
func (d District) Rename(s string) string {
	if d.Code == ledger.DefaultDistrict {
		return s
	}
	return d.rename().Replace(s)
}

// Units is the demo's unit tree (73 units under 区委 and 区政府) for the
// district: codes start with its 行政区划代码, names carry its name.
func (d District) Units() []ledger.Unit {
	rn := d.rename()
	byName := map[string]string{}
	for _, u := range units {
		byName[u.Name] = u.Code
	}
	code := func(c string) string {
		if c == "" {
			return ""
		}
		if by, ok := byName[c]; ok { // 上级单位 given by its name
			c = by
		}
		return d.Code + strings.TrimPrefix(c, ledger.DefaultDistrict)
	}
	out := make([]ledger.Unit, 0, len(units))
	for _, u := range units {
		out = append(out, ledger.Unit{Code: code(u.Code), Name: rn.Replace(u.Name), ShortName: u.Short,
			Parent: code(u.Parent), Kind: u.Kind, District: d.Code})
	}
	return out
}

// RegionUnits are the units above the districts: 河南省人民政府 and
// 河南省司法厅, and each city's 人民政府 and 司法局 (codes: the region's
// 行政区划代码 then 200 and 207, as the districts' 区政府 and 区司法局).
func RegionUnits(ds []District) []ledger.Unit {
	out := []ledger.Unit{
		{Code: ProvinceCode + "200", Name: ProvinceName + "人民政府", ShortName: "省政府", Kind: "政府", District: ProvinceCode},
		{Code: ProvinceCode + "207", Name: ProvinceName + "司法厅", ShortName: "省司法厅", Parent: ProvinceCode + "200", Kind: "政府部门", District: ProvinceCode},
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if d.CityCode == "" || seen[d.CityCode] {
			continue
		}
		seen[d.CityCode] = true
		out = append(out,
			ledger.Unit{Code: d.CityCode + "200", Name: d.CityName + "人民政府", ShortName: "市政府", Kind: "政府", District: d.CityCode},
			ledger.Unit{Code: d.CityCode + "207", Name: d.CityName + "司法局", ShortName: "市司法局", Parent: d.CityCode + "200", Kind: "政府部门", District: d.CityCode})
	}
	return out
}
