package demo

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Totals of 2022 (projects whose 办结日期 falls in 2022), in 万元 × 10^4.
const (
	filed2022       = 1850
	filedAmount     = wan(3716000_0000) // 371.6 亿元
	approved2022    = 55
	approvedAmount  = wan(504100_0000) // 50.41 亿元
	licensed2022    = 4                // 核准
	regionBeforeMar = "410381"         // 偃师市, before it became a district in March 2021
)

// project is one row of the investment ledger.
type project struct {
	kind          string
	name, company string
	uscc, site    string
	amount        wan
	applied, done time.Time
	industry      int
}

// investmentTable: 1850 filings and 55 government approvals done in 2022
// (备案 the same day or the next, 审批 within 5 working days), four 核准,
// and the years around: filings of 2021 that took longer, applications of
// late December 2021 done in January 2022 and of late December 2022 done in
// January 2023, and early 2023.
func investmentTable(g *gen) (*table, error) {
	g.seed("investment_project")
	t := &table{ledger: "investment_project", file: "11-企业投资项目台账.xlsx", title: "偃师区企业投资项目备案、核准、审批台账",
		header: []string{"序号", "项目代码", "项目名称", "项目单位", "统一社会信用代码", "办理类型", "总投资（万元）", "建设地点",
			"办理单位", "申报日期", "办结日期"}}
	var ps []project
	// 2022: filings applied from 2021-12-29 on and done in 2022.
	filed := g.projects("备案", filed2022, date("2021-12-29"), date("2022-12-30"), filedAmount, true)
	for i := range filed {
		filed[i].done = g.fastDone(filed[i].applied, date("2022-01-04"), date("2022-12-30"), []int{0, 0, 0, 0, 0, 0, 1, 1, 2})
	}
	approved := g.projects("审批", approved2022, date("2022-01-04"), date("2022-12-23"), approvedAmount, false)
	for i := range approved {
		approved[i].done = g.fastDone(approved[i].applied, date("2022-01-04"), date("2022-12-30"), []int{1, 2, 3, 3, 4, 5})
	}
	licensed := g.projects("核准", licensed2022, date("2022-02-01"), date("2022-11-30"), wan(g.between(30000, 90000))*10000, false)
	for i := range licensed {
		licensed[i].done = g.addWork(licensed[i].applied, g.between(3, 5))
	}
	ps = append(append(append(ps, filed...), approved...), licensed...)
	// 2021, before the reform: filings took up to 8 working days.
	early := g.projects("备案", 70, date("2021-01-04"), date("2021-12-17"), wan(g.between(110000, 160000))*10000, true)
	for i := range early {
		early[i].done = g.addWork(early[i].applied, pick(g, []int{0, 1, 2, 3, 5, 6, 8}))
	}
	early = append(early, g.projects("审批", 6, date("2021-03-01"), date("2021-12-10"), wan(62000)*10000, false)...)
	for i := 70; i < len(early); i++ {
		early[i].done = g.addWork(early[i].applied, g.between(6, 12))
	}
	// Applied at the end of 2022, done in January 2023; and early 2023.
	late := g.projects("备案", 9, date("2022-12-30"), date("2022-12-30"), wan(21000)*10000, true)
	late = append(late, g.projects("审批", 2, date("2022-12-28"), date("2022-12-29"), wan(9800)*10000, false)...)
	for i := range late { // the first working days of 2023
		late[i].done = g.addWork(date("2022-12-30"), g.between(1, 2))
	}
	next := g.projects("备案", 85, date("2023-01-03"), date("2023-03-24"), wan(g.between(150000, 220000))*10000, true)
	next = append(next, g.projects("审批", 7, date("2023-01-09"), date("2023-03-20"), wan(41000)*10000, false)...)
	for i := range next {
		next[i].done = g.addWork(next[i].applied, g.between(0, 2))
	}
	pending := g.projects("核准", 1, date("2023-03-27"), date("2023-03-31"), wan(56000)*10000, false)
	ps = append(append(append(append(ps, early...), late...), next...), pending...)

	sort.SliceStable(ps, func(i, j int) bool { return ps[i].applied.Before(ps[j].applied) })
	serial := 1200 + g.between(0, 300)
	for i, p := range ps {
		region := "410307"
		if p.applied.Before(date("2021-03-17")) {
			region = regionBeforeMar
		}
		serial += g.between(1, 9)
		code := fmt.Sprintf("%s-%s-%s-%02d-%06d", p.applied.Format("0601"), region, kindSegment[p.kind], p.industry, serial)
		var done any
		if !p.done.IsZero() {
			done = p.done
		}
		t.add(i+1, code, p.name, p.company, p.uscc, p.kind, p.amount, p.site, uDevReform, p.applied, done)
	}
	return t, nil
}

var kindSegment = map[string]string{"审批": "01", "核准": "02", "备案": "04"}

// fastDone is the day a project applied on a was done, n working days
// later with n drawn from days, kept within [lo, hi].
func (g *gen) fastDone(a, lo, hi time.Time, days []int) time.Time {
	d := g.addWork(a, pick(g, days))
	if d.Before(lo) {
		d = lo
	}
	if d.After(hi) {
		d = hi
	}
	return d
}

// projects draws n projects applied from a to b whose amounts sum exactly to
// total. Enterprise projects when enterprise, else government ones.
func (g *gen) projects(kind string, n int, a, b time.Time, total wan, enterprise bool) []project {
	ps := make([]project, n)
	raw := make([]float64, n)
	sum := 0.0
	for i := range ps {
		p := &ps[i]
		p.kind, p.applied = kind, g.workday(a, b)
		p.site = "偃师区" + pick(g, towns)
		p.industry = g.between(1, 20)
		if enterprise {
			raw[i] = g.enterpriseProject(p)
		} else {
			raw[i] = g.governmentProject(p)
		}
		sum += raw[i]
	}
	// Scale to the total: most amounts in whole 万元, some to the 0.01 万元.
	var got wan
	big := 0
	for i := range ps {
		x := raw[i] * float64(total) / sum
		step := 10000.0
		if g.chance(0.25) {
			step = 100
		}
		ps[i].amount = max(wan(math.Round(x/step)*step), 100)
		got += ps[i].amount
		if ps[i].amount > ps[big].amount {
			big = i
		}
	}
	ps[big].amount += total - got
	return ps
}

var towns = []string{"槐新街道", "工业区街道", "商城街道", "伊洛街道", "首阳山街道", "城关街道", "岳滩镇", "顾县镇", "翟镇镇", "佃庄镇",
	"李村镇", "府店镇", "缑氏镇", "山化镇", "诸葛镇", "大口镇", "高龙镇", "邙岭镇"}

var (
	products = []string{"耐火材料", "钢制办公家具", "三轮摩托车配件", "精密铸件", "石材制品", "食品包装", "PE管材", "新型建材", "农产品精深加工",
		"中药饮片", "电子元器件", "不锈钢制品", "环保设备", "医用敷料", "冷链仓储", "汽车零部件"}
	farms = []string{"高效设施农业", "畜禽标准化养殖场", "中药材种植基地", "生态采摘园", "粮食烘干仓储"}
)

// enterpriseProject names an enterprise project and returns its raw size.
func (g *gen) enterpriseProject(p *project) float64 {
	p.company, p.uscc = g.firm()
	switch r := g.r.Float64(); {
	case r < 0.42:
		kw := g.between(8, 60) * 10
		if g.chance(0.5) {
			p.name = fmt.Sprintf("%s户用%dkW分布式光伏发电项目", g.person(), kw/10)
			return float64(kw) / 10 * 0.45
		}
		p.name = fmt.Sprintf("%s%dkW屋顶分布式光伏发电项目", p.company, kw*10)
		return float64(kw*10) * 0.38
	case r < 0.68:
		p.name = fmt.Sprintf("%s%s生产线智能化技术改造项目", p.company, pick(g, products))
		return 200 + g.r.ExpFloat64()*1800
	case r < 0.9:
		p.name = fmt.Sprintf("年产%d万件%s项目", g.between(5, 200), pick(g, products))
		return 1500 + g.r.ExpFloat64()*9000
	default:
		p.name = fmt.Sprintf("%s%s项目", p.site, pick(g, farms))
		return 500 + g.r.ExpFloat64()*6000
	}
}

var publicWorks = []string{"道路提升改造工程", "雨污分流改造工程", "老旧小区改造项目", "农村供水保障工程", "中学教学楼新建项目", "卫生院改扩建项目",
	"污水处理厂提标改造项目", "高标准农田建设项目", "人居环境整治项目", "公共停车场建设项目", "农村公路提档升级工程", "文化广场建设项目"}

var worksUnits = []string{"偃师区交通运输局", "偃师区住房和城乡建设局", "偃师区水利局", "偃师区教育局", "偃师区卫生健康委员会", "偃师区农业农村局",
	"偃师区城市管理局"}

// governmentProject names a government-funded project and returns its raw size.
func (g *gen) governmentProject(p *project) float64 {
	p.company = pick(g, worksUnits)
	p.uscc = g.uscc("11", "410381")
	p.name = p.site + pick(g, publicWorks)
	return 800 + g.r.ExpFloat64()*8000
}
