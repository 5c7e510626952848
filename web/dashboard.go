package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/ledger"
	"fazhi/report"
)

// Figure is one indicator on the dashboard with last year's value beside it.
type Figure struct {
	ID, Name, Unit, Value, Prev, Delta, URL string
}

// ChartSeries is one series of a chart; each point may open its records.
type ChartSeries struct {
	Name string       `json:"name"`
	Data []ChartPoint `json:"data"`
}

// ChartPoint is one bar, point or slice.
type ChartPoint struct {
	Value int    `json:"value"`
	Href  string `json:"href,omitempty"`
}

// ChartSpec is what app.js draws with ECharts.
type ChartSpec struct {
	Kind       string        `json:"kind"` // bar, line, pie, stack
	Categories []string      `json:"categories"`
	Series     []ChartSeries `json:"series"`
}

// ChartRow is one row of a chart's data table (the chart without script).
type ChartRow struct {
	Label string
	Cells []struct {
		Value int
		URL   string
	}
}

// Chart is a titled chart with its table.
type Chart struct {
	Title string
	Spec  ChartSpec
	Table []ChartRow
}

// DashArea is one area's figures and charts.
type DashArea struct {
	Name    string
	Figures []Figure
	Charts  []Chart
}

// WarningRow is one near or overdue duty.
type WarningRow struct {
	State, Days, Ledger, Key, URL, Deadline, Due, Unit string
}

type dashData struct {
	Year, PrevYear             int
	Years, Units               []Option
	AcceptedOnly               bool
	AsOf, ScopeNote            string
	Warnings                   []WarningRow
	WarningTotal, MoreWarnings int
	Rounds                     []roundSummary
	Areas                      []DashArea
}

// figureArea is the area of an indicator: that of its ledger (a rate: its
// numerator's).
func figureArea(ind *indicator.Indicator) string {
	for ind != nil && ind.Agg == indicator.Rate {
		ind, _ = indicator.Get(ind.Num)
	}
	if ind == nil {
		return "其他台账"
	}
	for _, a := range areas {
		for _, id := range a.ids {
			if id == ind.Ledger {
				return a.name
			}
		}
	}
	return "其他台账"
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(r)
	if u.CanAudit {
		http.Redirect(w, r, "/audit", http.StatusSeeOther)
		return
	}
	if !u.CanRecords {
		s.page(w, r, http.StatusOK, "error", "工作台", "dashboard", "您的角色（"+u.RoleName+"）不查看台账记录；请使用相应的管理功能。")
		return
	}
	q := r.URL.Query()
	asOf, err := s.app.AsOf(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	year, _ := strconv.Atoi(q.Get("year"))
	if year == 0 {
		year = asOf.Year()
	}
	unit := q.Get("unit")
	accepted := q.Get("accepted") == "1"
	tree, err := s.app.Units(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data := dashData{Year: year, PrevYear: year - 1, AcceptedOnly: accepted, AsOf: asOf.Format("2006年1月2日")}
	data.Years = yearOptions(strconv.Itoa(year), asOf.Year(), false)
	act := actorOf(r)
	if act.Scope == ledger.ScopeAll || act.Scope == ledger.ScopeSubtree {
		data.Units = unitOptions(tree, unit, "全部单位")
	} else {
		data.ScopeNote = "仅含" + u.UnitName + "的记录" + publicNote()
	}
	compute := s.app.Indicators
	if accepted {
		compute = s.app.IndicatorsAccepted
	}
	cur, err := compute(ctx, year, unit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	prev, err := compute(ctx, year-1, unit)
	if err != nil && app.CodeOf(err) != app.Invalid {
		s.failErr(w, r, err)
		return
	}
	prevBy := map[string]indicator.Value{}
	for _, v := range prev {
		prevBy[v.ID] = v
	}
	byArea := map[string]*DashArea{}
	var order []string
	for _, v := range cur {
		ind, _ := indicator.Get(v.ID)
		name := figureArea(ind)
		a := byArea[name]
		if a == nil {
			a = &DashArea{Name: name}
			byArea[name] = a
			order = append(order, name)
		}
		f := Figure{ID: v.ID, Name: v.Name, Unit: v.Unit, Value: figureText(v), Prev: "—"}
		if p, ok := prevBy[v.ID]; ok {
			if t := figureText(p); t != "—" {
				f.Prev = t + p.Unit
			}
			// No change is claimed against a year without value.
			if c := report.ChangeOf(v, &p); c.Known() && f.Value != "—" && f.Prev != "—" {
				f.Delta = c.DeltaText()
			}
		}
		f.URL = withQuery("/figures/"+v.ID, "year", strconv.Itoa(year), "unit", unit, "accepted", boolParam(accepted))
		a.Figures = append(a.Figures, f)
	}
	charts, err := s.charts(r, year, unit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	for _, c := range charts {
		a := byArea[c.area]
		if a == nil {
			a = &DashArea{Name: c.area}
			byArea[c.area] = a
			order = append(order, c.area)
		}
		a.Charts = append(a.Charts, c.Chart)
	}
	rank := map[string]int{}
	for i, a := range areas {
		rank[a.name] = i + 1
	}
	sort.SliceStable(order, func(i, j int) bool { return rankOf(rank, order[i]) < rankOf(rank, order[j]) })
	for _, n := range order {
		data.Areas = append(data.Areas, *byArea[n])
	}
	items, _, _, err := s.app.Warnings(ctx, time.Time{}, unit, 0)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data.WarningTotal = len(items)
	for i, it := range items {
		if i == 30 {
			data.MoreWarnings = len(items) - 30
			break
		}
		m := dueMark(it)
		data.Warnings = append(data.Warnings, WarningRow{State: m.State, Days: m.Days, Ledger: it.Ledger.Name,
			Key: it.Key(), URL: recordURL(it.Ledger, it.Ledger.KeyText(it.Record), recordDistrict(r, it.Record)), Deadline: it.Rule.Name, Due: m.Due, Unit: tree.Name(it.Unit())})
	}
	if data.Rounds, err = s.roundSummaries(r); err != nil {
		s.failErr(w, r, err)
		return
	}
	s.page(w, r, http.StatusOK, "dashboard", "工作台", "dashboard", data)
}

func rankOf(rank map[string]int, n string) int {
	if r, ok := rank[n]; ok {
		return r
	}
	return 100
}

func boolParam(b bool) string {
	if b {
		return "1"
	}
	return ""
}

// figureText shows a value as the report prints it; a rate over nothing is —.
func figureText(v indicator.Value) string {
	if v.Null || v.Denominator != nil && *v.Denominator == 0 {
		return "—"
	}
	return report.FormatNumber(v.Value)
}

// areaChart is a chart and the area it belongs to.
type areaChart struct {
	area string
	Chart
}

var months = []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}

// charts draws the dashboard's charts: monthly reconsideration intake and
// conclusions, service evaluations by grade, and rectification progress by
// unit; each bar or slice opens the records behind it.
func (s *Server) charts(r *http.Request, year int, unit string) ([]areaChart, error) {
	ctx := r.Context()
	y := strconv.Itoa(year)
	var out []areaChart
	// 行政复议：月度收案与结案
	recv, err := s.app.Tally(ctx, "reconsideration", year, "received_on", unit, "received_on")
	if err != nil {
		return nil, err
	}
	done, err := s.app.Tally(ctx, "reconsideration", year, "concluded_on", unit, "concluded_on")
	if err != nil {
		return nil, err
	}
	c := Chart{Title: "行政复议案件月度收案与结案", Spec: ChartSpec{Kind: "bar", Categories: months}}
	list := withQuery("/ledgers/reconsideration", "year", y, "unit", unit)
	for _, x := range []struct {
		name string
		n    map[string]int
	}{{"收案", recv}, {"结案", done}} {
		sr := ChartSeries{Name: x.name}
		for m := 1; m <= 12; m++ {
			sr.Data = append(sr.Data, ChartPoint{Value: x.n[strconv.Itoa(m)], Href: list})
		}
		c.Spec.Series = append(c.Spec.Series, sr)
	}
	out = append(out, areaChart{"复议与应诉", table(c)})
	// 政务服务：好差评等级
	grades, err := s.app.Tally(ctx, "service_evaluation", year, "date", unit, "grade")
	if err != nil {
		return nil, err
	}
	ev, _ := ledger.Get("service_evaluation")
	c = Chart{Title: "政务服务评价等级", Spec: ChartSpec{Kind: "pie"}}
	sr := ChartSeries{Name: "评价数"}
	for _, g := range ev.Field("grade").Enum {
		c.Spec.Categories = append(c.Spec.Categories, g)
		sr.Data = append(sr.Data, ChartPoint{Value: grades[g], Href: withQuery("/ledgers/service_evaluation", "year", y, "unit", unit, "f.grade", g)})
	}
	c.Spec.Series = []ChartSeries{sr}
	out = append(out, areaChart{"政务服务", table(c)})
	// 营商环境：整改进度（按责任单位）
	iss, err := s.app.Tally(ctx, "bizenv_issue", year, "", unit, "unit", "status")
	if err != nil {
		return nil, err
	}
	bi, _ := ledger.Get("bizenv_issue")
	statuses := bi.Field("status").Enum
	var unitsSeen []string
	seen := map[string]bool{}
	for k := range iss {
		u, _, _ := strings.Cut(k, "\x1f")
		if !seen[u] {
			seen[u] = true
			unitsSeen = append(unitsSeen, u)
		}
	}
	sort.Strings(unitsSeen)
	c = Chart{Title: "营商环境问题整改进度（按责任单位）", Spec: ChartSpec{Kind: "stack", Categories: append([]string{}, unitsSeen...)}}
	for _, st := range statuses {
		sr := ChartSeries{Name: st}
		for _, u := range unitsSeen {
			sr.Data = append(sr.Data, ChartPoint{Value: iss[u+"\x1f"+st], Href: withQuery("/ledgers/bizenv_issue", "year", y, "unit", u, "f.status", st)})
		}
		c.Spec.Series = append(c.Spec.Series, sr)
	}
	out = append(out, areaChart{"营商环境", table(c)})
	return out, nil
}

// table adds the data table a chart is drawn from.
func table(c Chart) Chart {
	for i, cat := range c.Spec.Categories {
		row := ChartRow{Label: cat}
		for _, sr := range c.Spec.Series {
			if i < len(sr.Data) {
				row.Cells = append(row.Cells, struct {
					Value int
					URL   string
				}{sr.Data[i].Value, sr.Data[i].Href})
			}
		}
		c.Table = append(c.Table, row)
	}
	return c
}

// publicNote says which figures on a unit's dashboard are the district's:
// those of the ledgers every account reads (ledger.Definition.Public).
func publicNote() string {
	var names []string
	for _, d := range ledger.All() {
		if d.Public {
			names = append(names, d.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "（" + strings.Join(names, "、") + "为全区公开台账，其指标为全区数据）"
}
