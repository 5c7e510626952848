package web

import "fazhi/ledger"

// NavArea is one group of the left navigation: an area of 法治政府建设
// work and its ledgers.
type NavArea struct {
	Name    string
	Ledgers []NavLedger
}

// NavLedger is one ledger in the navigation.
type NavLedger struct {
	ID, Name string
}

// areas groups the ledgers the way a Justice Bureau's 法治督察 work is
// divided. It only orders the navigation: a ledger not listed here still
// gets every page, under 其他台账.
var areas = []struct {
	name string
	ids  []string
}{
	{"复议与应诉", []string{"reconsideration", "litigation", "courtlink"}},
	{"规范性文件", []string{"normdoc", "normdoc_cleanup"}},
	{"依法决策", []string{"contract", "meeting", "plan_task", "briefing"}},
	{"学法述法", []string{"training", "shufa"}},
	{"行政执法", []string{"case_review", "handbook"}},
	{"政务服务", []string{"service_item", "service_catalog_change", "service_evaluation", "service_contact", "investment_project"}},
	{"营商环境", []string{"bizenv_indicator", "bizenv_issue", "special_supervisor"}},
}

// navAreas lists every ledger of the registry for which allowed is true,
// grouped by area.
func navAreas(allowed func(id string) bool) []NavArea {
	seen := map[string]bool{}
	var out []NavArea
	add := func(name string, ids []string) {
		a := NavArea{Name: name}
		for _, id := range ids {
			d, ok := ledger.Get(id)
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			if allowed(id) {
				a.Ledgers = append(a.Ledgers, NavLedger{ID: d.ID, Name: d.Name})
			}
		}
		if len(a.Ledgers) > 0 {
			out = append(out, a)
		}
	}
	for _, a := range areas {
		add(a.name, a.ids)
	}
	var rest []string
	for _, d := range ledger.All() {
		if !seen[d.ID] {
			rest = append(rest, d.ID)
		}
	}
	add("其他台账", rest)
	return out
}
