package demo

import (
	"fmt"
	"time"
)

// Volumes of 2022 in the report: 703 entries and changes of item
// information, 1980 phone evaluations (all satisfied), 2010 people calling
// or visiting.
const (
	catalogChanges2022   = 703
	phoneEvaluations2022 = 1980
	contacts2022         = 2010
)

var changeContents = []string{"录入事项基本信息", "录入实施清单要素", "变更承诺办结时限", "变更申请材料清单", "变更办理流程", "补充申请材料样表",
	"变更办理地点和时间", "变更咨询及投诉电话", "调整网上办理深度", "更新设定依据", "录入监管事项检查实施清单", "变更监管事项子项"}

// supervisionCodes are codes of 监管事项 in the 互联网+监管 system.
func supervisionCodes(g *gen) []string {
	var out []string
	for _, u := range unitsOfKind("政府部门", "垂直管理部门") {
		for i := 1; i <= 3; i++ {
			out = append(out, fmt.Sprintf("JG-%s-%03d", u.Code, i))
		}
	}
	return out
}

// serviceCatalogChangeTable: 703 entries and changes in 2022 (the 四级三十二同
// review of the summer among them), with some of December 2021 and January 2023.
func serviceCatalogChangeTable(g *gen) (*table, error) {
	g.seed("service_catalog_change")
	t := &table{ledger: "service_catalog_change", file: "13-事项信息录入变更台账.csv", title: "偃师区政务服务事项信息录入和变更登记表",
		header: []string{"编号", "日期", "系统", "操作", "事项编码", "事项名称", "变更内容", "单位", "经办人"}}
	jg := supervisionCodes(g)
	clerks := map[string]string{}
	var dates []time.Time
	dates = append(dates, g.spread(14, date("2021-12-01"), date("2021-12-31"))...)
	summer := 260 // the 四级三十二同 review, June to August
	dates = append(dates, g.spread(catalogChanges2022-summer, date("2022-01-04"), date("2022-12-30"))...)
	dates = append(dates, g.spread(summer, date("2022-06-01"), date("2022-08-31"))...)
	dates = append(dates, g.spread(18, date("2023-01-03"), date("2023-01-31"))...)
	dates = sortBy(dates, func(d time.Time) string { return d.Format("2006-01-02") })
	n := map[int]int{}
	for _, d := range dates {
		n[d.Year()]++
		var code, name, agency, system string
		if g.chance(0.4) {
			code = pick(g, jg)
			agency = unitByCode(code[3:12]).Name
			name, system = "", "互联网+监管系统"
		} else {
			i := g.r.IntN(34)
			it := serviceItems[i]
			code, name, agency, system = itemCode(it.kind, it.agency, i+1), it.name, it.agency, "洛阳市政务服务系统"
		}
		op := "变更"
		if g.chance(0.3) {
			op = "录入"
		}
		if clerks[agency] == "" {
			clerks[agency] = g.person()
		}
		t.add(fmt.Sprintf("BG%d-%04d", d.Year(), n[d.Year()]), d, system, op, code, name, pick(g, changeContents), agency, clerks[agency])
	}
	return t, nil
}

// unitByCode finds a unit by its 单位编码.
func unitByCode(code string) unit {
	for _, u := range units {
		if u.Code == code {
			return u
		}
	}
	panic("demo: no unit " + code)
}

// serviceEvaluationTable: 1980 phone evaluations in 2022 and evaluations on
// the other channels, every one 满意 or better; December 2021 and early 2023
// carry a few 差评 with their rectification.
func serviceEvaluationTable(g *gen) (*table, error) {
	g.seed("service_evaluation")
	t := &table{ledger: "service_evaluation", file: "14-政务服务好差评台账.csv",
		header: []string{"编号", "日期", "渠道", "事项或部门", "被评价单位", "评价等级", "差评整改情况", "整改完成日期"}}
	type ev struct {
		on      time.Time
		channel string
		bad     bool
	}
	var evs []ev
	add := func(n int, channel string, from, to time.Time) {
		for _, d := range g.spread(n, from, to) {
			evs = append(evs, ev{on: d, channel: channel})
		}
	}
	add(58, "电话回访", date("2021-12-01"), date("2021-12-31"))
	add(12, "网上", date("2021-12-01"), date("2021-12-31"))
	add(phoneEvaluations2022, "电话回访", date("2022-01-04"), date("2022-12-30"))
	add(214, "网上", date("2022-01-04"), date("2022-12-30"))
	add(96, "现场", date("2022-01-04"), date("2022-12-30"))
	add(61, "短信", date("2022-01-04"), date("2022-12-30"))
	add(87, "电话回访", date("2023-01-03"), date("2023-02-28"))
	add(16, "网上", date("2023-01-03"), date("2023-02-28"))
	evs = sortBy(evs, func(e ev) string { return e.on.Format("2006-01-02") })
	// 差评 outside 2022: two in December 2021, two in 2023.
	for _, y := range []int{2021, 2023} {
		var idx []int
		for i, e := range evs {
			if e.on.Year() == y {
				idx = append(idx, i)
			}
		}
		for _, i := range shuffle(g, idx)[:2] {
			evs[i].bad = true
		}
	}
	fixes := []string{"已回访核实，窗口人员补充告知材料要求，当场补办", "已回访，优化叫号流程，减少等候时间", "已核实，责成窗口工作人员整改服务态度并回访"}
	n := map[int]int{}
	for _, e := range evs {
		n[e.on.Year()]++
		i := g.r.IntN(34)
		it := serviceItems[i]
		subject := it.name
		if g.chance(0.3) {
			subject = it.agency + "窗口"
		}
		grade := "非常满意"
		switch r := g.r.Float64(); {
		case r < 0.05:
			grade = "基本满意"
		case r < 0.3:
			grade = "满意"
		}
		var fix, fixedOn any
		if e.bad {
			grade = pick(g, []string{"不满意", "不满意", "非常不满意"})
			fix, fixedOn = pick(g, fixes), g.addWork(e.on, g.between(1, 4))
		}
		t.add(fmt.Sprintf("PJ%d-%05d", e.on.Year(), n[e.on.Year()]), e.on, e.channel, subject, it.agency, grade, fix, fixedOn)
	}
	return t, nil
}

var contactMatters = []string{"咨询企业开办流程", "咨询食品经营许可办理材料", "咨询不动产登记办理", "反映网上办理系统无法提交", "咨询社保参保缴费",
	"咨询工程建设项目审批流程", "咨询个体工商户注销", "反映办事等候时间长", "咨询惠企政策申报", "咨询企业投资项目备案", "预约延时服务",
	"咨询医保异地就医备案", "咨询公积金提取", "反映证照邮寄未收到"}

// serviceContactTable: enterprises and citizens calling or visiting the
// service centre, 2010 people in 2022, with the edges of 2021 and 2023.
func serviceContactTable(g *gen) (*table, error) {
	g.seed("service_contact")
	t := &table{ledger: "service_contact", file: "15-来电来访接待台账.xlsx", title: "偃师区政务服务中心来电来访接待登记表", dateLayout: "2006.1.2",
		header: []string{"编号", "日期", "方式", "诉求人类型", "诉求人", "人数", "事由", "办理结果", "接待单位"}}
	seq := map[int]int{}
	results := []string{"当场解答", "已转相关窗口办理", "已协调解决并回访", "已告知办理流程和材料"}
	add := func(total int, from, to time.Time) {
		var rows [][2]int // people, method 0 call 1 visit
		for left := total; left > 0; {
			visit := g.chance(0.45)
			p := 1
			if visit && g.chance(0.35) {
				p = g.between(2, 4)
			}
			p = min(p, left)
			left -= p
			rows = append(rows, [2]int{p, btoi(visit)})
		}
		days := g.spread(len(rows), from, to)
		for i, r := range rows {
			d := days[i]
			y := d.Year()
			kind := "群众"
			party := g.person()
			if g.chance(0.4) {
				kind = "企业"
				party, _ = g.firm()
			}
			method := "来电"
			if r[1] == 1 {
				method = "来访"
			}
			seq[y]++
			t.add(fmt.Sprintf("JD%d-%04d", y, seq[y]), d, method, kind, party, r[0], pick(g, contactMatters), pick(g, results), uGovService)
		}
	}
	add(52, date("2021-12-01"), date("2021-12-31"))
	add(contacts2022, date("2022-01-04"), date("2022-12-30"))
	add(75, date("2023-01-03"), date("2023-01-31"))
	return t, nil
}
