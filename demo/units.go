package demo

import (
	"bytes"
	_ "embed"
	"encoding/csv"
)

// unitsCSV is a verbatim copy of testdata/units.csv: the 71 units that
// submitted 述法 under 中共偃师区委 and 偃师区人民政府 (a test keeps the copy
// identical).
//
//go:embed data/units.csv
var unitsCSV []byte

// unit is one row of the unit tree.
type unit struct {
	Code, Name, Short, Parent, Kind string
}

// units parses the embedded unit tree.
var units = func() []unit {
	rows, err := csv.NewReader(bytes.NewReader(unitsCSV)).ReadAll()
	if err != nil {
		panic("demo: units.csv: " + err.Error())
	}
	var out []unit
	for _, r := range rows[1:] {
		out = append(out, unit{Code: r[0], Name: r[1], Short: r[2], Parent: r[3], Kind: r[4]})
	}
	return out
}()

// Names of units the generators refer to, as in units.csv.
const (
	uPartyCommittee = "中共洛阳市偃师区委员会"
	uGovernment     = "洛阳市偃师区人民政府"
	uGovOffice      = "偃师区政府办公室"
	uOrganization   = "中共偃师区委组织部"
	uJustice        = "偃师区司法局"
	uDevReform      = "偃师区发展和改革委员会"
	uGovService     = "偃师区政务服务和大数据管理局"
	uBizEnv         = "偃师区营商环境服务中心"
	uMarket         = "偃师区市场监督管理局"
	uUrbanEnforce   = "偃师区城市综合执法大队"
	uFinance        = "偃师区财政局"
	uHousing        = "偃师区住房和城乡建设局"
	uInvestPromo    = "偃师区投资促进中心"
	uPublicResource = "偃师区公共资源交易中心"
)

// subordinateUnits are the 71 units below the two roots: those that report
// 述法 and keep ledgers.
func subordinateUnits() []unit {
	var out []unit
	for _, u := range units {
		if u.Parent != "" {
			out = append(out, u)
		}
	}
	return out
}

// unitsOfKind lists the units of one 单位类型.
func unitsOfKind(kinds ...string) []unit {
	var out []unit
	for _, u := range units {
		for _, k := range kinds {
			if u.Kind == k {
				out = append(out, u)
			}
		}
	}
	return out
}

// typed is how a clerk writes the unit: mostly the full name, sometimes
// the short name (单位名录's 简称 resolves it).
func (g *gen) typed(u unit) string {
	if u.Short != "" && g.chance(0.2) {
		return u.Short
	}
	return u.Name
}

// unitsTable writes the unit tree as it is.
func unitsTable(g *gen) (*table, error) {
	rows, err := csv.NewReader(bytes.NewReader(unitsCSV)).ReadAll()
	if err != nil {
		return nil, err
	}
	t := &table{ledger: "units", file: "00-单位名录.csv", header: rows[0]}
	for _, r := range rows[1:] {
		cells := make([]any, len(r))
		for i, c := range r {
			cells[i] = c
		}
		t.add(cells...)
	}
	return t, nil
}
