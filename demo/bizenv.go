package demo

import (
	"fmt"
	"time"
)

// bizenvIndicator is one 营商环境评价 indicator and the unit responsible.
type bizenvIndicator struct{ name, unit, partners string }

// bizenvIndicators2022 are the 31 indicators of 《偃师区2022年度营商环境评价
// 整改提升方案》.
var bizenvIndicators2022 = []bizenvIndicator{
	{"开办企业", uMarket, "偃师区政务服务和大数据管理局、国家税务总局洛阳市偃师区税务局"},
	{"办理建筑许可", uHousing, "洛阳市自然资源和规划局偃师分局、偃师区人民防空办公室"},
	{"获得电力", "偃师区供电公司", "偃师区发展和改革委员会"},
	{"获得用水", "偃师区水利局", "偃师区城市管理局"},
	{"获得用气", "偃师区城市管理局", "偃师区住房和城乡建设局"},
	{"获得网络", "偃师区科学技术和工业信息化局", ""},
	{"登记财产", "偃师区不动产登记中心", "国家税务总局洛阳市偃师区税务局"},
	{"获得信贷", uFinance, "区内各银行业金融机构"},
	{"保护中小投资者", uMarket, "区人民法院"},
	{"纳税", "国家税务总局洛阳市偃师区税务局", ""},
	{"跨境贸易", "偃师区商务局", ""},
	{"执行合同", uJustice, "区人民法院"},
	{"办理破产", uJustice, "区人民法院、偃师区财政局"},
	{"劳动力市场监管", "偃师区人力资源和社会保障局", ""},
	{"政府采购", uFinance, "偃师区公共资源交易中心"},
	{"招标投标", uPublicResource, "偃师区发展和改革委员会"},
	{"政务服务", uGovService, "区直各部门"},
	{"知识产权创造、保护和运用", uMarket, ""},
	{"市场监管", uMarket, "区直各执法单位"},
	{"包容普惠创新", uDevReform, "偃师区科学技术和工业信息化局"},
	{"企业注销", uMarket, "国家税务总局洛阳市偃师区税务局"},
	{"惠企政策兑现", uDevReform, "偃师区财政局"},
	{"社会信用体系建设", uDevReform, "区直各部门"},
	{"涉企收费清理", uFinance, "偃师区发展和改革委员会"},
	{"产业园区服务", "偃师区科学技术和工业信息化局", "偃师区工业区街道"},
	{"公共法律服务", uJustice, ""},
	{"行政执法规范化", uJustice, "区直各执法单位"},
	{"12345热线办理", uGovService, "区直各部门"},
	{"用地要素保障", "洛阳市自然资源和规划局偃师分局", ""},
	{"人才引进和服务", "中共偃师区委组织部", "偃师区人力资源和社会保障局"},
	{"交通物流", "偃师区交通运输局", ""},
}

func bizenvIndicatorTable(g *gen) (*table, error) {
	g.seed("bizenv_indicator")
	t := &table{ledger: "bizenv_indicator", file: "16-营商环境评价指标分解表.xlsx", title: "偃师区营商环境评价指标任务分解表",
		header: []string{"序号", "年度", "指标名称", "责任单位", "配合单位", "工作目标", "主要举措", "保障措施", "所属方案"}}
	targets := []string{"进入全省第一方阵", "指标排名较上年提升5个位次以上", "办理环节、时间、成本压减30%以上", "达到全市先进水平"}
	measures := []string{"梳理办事流程，压减环节和材料，推行一网通办", "建立周调度、月通报工作机制", "对标先进地区，逐项制定提升措施",
		"推行告知承诺制和容缺受理", "开展专项培训和业务指导"}
	safeguards := []string{"实行领导分包，纳入年度目标考核", "营商环境工作专班定期督导", "建立问题整改台账，对账销号"}
	seq := 0
	for _, y := range []int{2021, 2022, 2023} {
		list := bizenvIndicators2022
		switch y {
		case 2021:
			list = list[:18]
		case 2023:
			list = append(append([]bizenvIndicator{}, list...), bizenvIndicator{"水电气暖网联合报装", "偃师区城市管理局", ""},
				bizenvIndicator{"数字政府建设", uGovService, ""})
		}
		plan := fmt.Sprintf("《偃师区%d年度营商环境评价整改提升方案》", y)
		for _, ind := range list {
			seq++
			var partners any = ind.partners
			if ind.partners == "" {
				partners = nil
			}
			t.add(seq, y, ind.name, ind.unit, partners, pick(g, targets), pick(g, measures), pick(g, safeguards), plan)
		}
	}
	return t, nil
}

var issueProblems = map[string][]string{
	"开办企业":      {"企业开办仍有环节需现场提交纸质材料，全程网办率偏低", "企业开办时间未压缩至1个工作日以内"},
	"办理建筑许可":    {"工程建设项目审批环节多、用时长，联合验收推行不到位", "施工图审查和消防设计审查衔接不畅"},
	"获得电力":      {"低压小微企业接电未实现零上门、零审批、零投资"},
	"获得用水":      {"用水报装需多次跑动，报装时间偏长"},
	"获得用气":      {"燃气报装收费标准公示不到位"},
	"登记财产":      {"不动产登记与交易、缴税未完全实现一窗受理"},
	"获得信贷":      {"小微企业首贷率偏低，政府性融资担保覆盖面不足"},
	"纳税":        {"部分涉税事项仍需到办税厅办理"},
	"执行合同":      {"涉企合同纠纷案件审理周期偏长"},
	"办理破产":      {"破产案件府院协调机制作用发挥不充分"},
	"政府采购":      {"政府采购合同融资宣传不到位，中小企业知晓率低", "部分采购项目未按规定预留中小企业份额"},
	"招标投标":      {"电子保函推广应用不足，投标保证金退还不及时"},
	"政务服务":      {"部分事项办事指南要素不全、与实际不一致", "帮办代办服务覆盖不全", "自助服务终端功能单一"},
	"市场监管":      {"双随机一公开抽查计划执行不到位", "信用分级分类监管未全面应用"},
	"惠企政策兑现":    {"惠企政策兑现流程繁琐，免申即享事项少"},
	"涉企收费清理":    {"部分单位涉企收费目录清单未及时更新"},
	"行政执法规范化":   {"涉企行政检查频次偏高，未落实首违不罚清单", "行政执法三项制度执行不规范"},
	"12345热线办理": {"涉企诉求工单按期办结率偏低"},
	"用地要素保障":    {"标准地出让推进缓慢"},
	"人才引进和服务":   {"人才服务政策宣传不到位，兑现周期长"},
	"产业园区服务":    {"园区企业服务专员制度落实不到位"},
}

// bizenvIssueTable: the 53 problems of the 2022 rectification list (most
// rectified; five still open at 2022-12-01, see warningIssues), with the
// problems of 2021 — some recorded in January 2022 — and of 2023.
func bizenvIssueTable(g *gen) (*table, error) {
	g.seed("bizenv_issue")
	t := &table{ledger: "bizenv_issue", file: "17-营商环境问题整改台账.xlsx", title: "偃师区营商环境问题整改台账",
		header: []string{"问题编号", "年度", "问题描述", "来源", "关联指标", "责任单位", "登记日期", "整改时限", "整改措施", "整改状态", "完成日期"}}
	var names []string
	for _, ind := range bizenvIndicators2022 {
		if len(issueProblems[ind.name]) > 0 {
			names = append(names, ind.name)
		}
	}
	unitOf := map[string]string{}
	for _, ind := range bizenvIndicators2022 {
		unitOf[ind.name] = ind.unit
	}
	measures := []string{"制定整改方案，明确责任人和时间节点", "优化办事流程并公开办事指南", "开展专项督查，逐项对账销号", "建立长效机制，定期回头看"}
	type issue struct {
		no                string
		year              int
		indicator, source string
		recorded, due     time.Time
		status            string
		done              time.Time
	}
	var list []issue
	mk := func(year, n int, recorded, due time.Time, status string, done time.Time) issue {
		src := "营商环境评价反馈"
		switch r := g.r.Float64(); {
		case r < 0.15:
			src = "特邀监督员反映"
		case r < 0.25:
			src = "企业反映"
		case r < 0.3:
			src = "督查发现"
		}
		return issue{fmt.Sprintf("YSYH-%d-%03d", year, n), year, pick(g, names), src, recorded, due, status, done}
	}
	// 2021: nine problems, four recorded when the 2021 results came in January 2022.
	for i := 1; i <= 9; i++ {
		rec := g.workday(date("2021-09-01"), date("2021-12-20"))
		if i > 5 {
			rec = g.workday(date("2022-01-04"), date("2022-01-21"))
		}
		due := endOfMonth(rec.AddDate(0, 2, 0))
		list = append(list, mk(2021, i, rec, due, "已整改", g.workday(rec.AddDate(0, 0, 14), earliest(due, date("2022-03-31")))))
	}
	// 2022: 46 rectified, then the open ones of warningIssues.
	for i := 1; i <= 46; i++ {
		rec := g.workday(date("2022-07-01"), date("2022-07-08"))
		if i > 38 { // raised later in the year by supervisors and enterprises
			rec = g.workday(date("2022-08-01"), date("2022-10-14"))
		}
		due := endOfMonth(rec.AddDate(0, g.between(1, 3), 0))
		done := g.workday(rec.AddDate(0, 0, 10), due.AddDate(0, 0, -1))
		if i == 17 || i == 33 { // two rectified a little late
			done = g.addWork(due, g.between(3, 8))
		}
		list = append(list, mk(2022, i, rec, due, "已整改", done))
	}
	for _, w := range warningIssues {
		x := mk(2022, w.n, date(w.recorded), date(w.due), w.status, time.Time{})
		list = append(list, x)
	}
	// 2023: the first problems of the new year, open.
	for i := 1; i <= 6; i++ {
		rec := g.workday(date("2023-02-01"), date("2023-03-15"))
		list = append(list, mk(2023, i, rec, endOfMonth(rec.AddDate(0, 3, 0)), pick(g, []string{"未整改", "整改中"}), time.Time{}))
	}
	for _, x := range list {
		var done any
		if !x.done.IsZero() {
			done = x.done
		}
		t.add(x.no, x.year, pick(g, issueProblems[x.indicator]), x.source, x.indicator, unitOf[x.indicator], x.recorded, x.due,
			pick(g, measures), x.status, done)
	}
	return t, nil
}

// warningIssues are the 2022 problems still open on 2022-12-01, placed for
// the deadline warnings: two past their 整改时限, two due within three
// working days, three due in 2023.
var warningIssues = []struct {
	n                     int
	recorded, due, status string
}{
	{47, "2022-07-05", "2022-11-18", "整改中"}, // 逾期 13 days on 2022-12-01
	{48, "2022-07-05", "2023-03-31", "整改中"},
	{49, "2022-08-16", "2022-11-30", "整改中"}, // 逾期 1 day
	{50, "2022-09-06", "2023-03-31", "整改中"},
	{51, "2022-09-20", "2022-12-02", "整改中"}, // 临期: due the next working day
	{52, "2022-10-11", "2022-12-05", "未整改"}, // 临期: 2 working days
	{53, "2022-11-15", "2023-02-28", "未整改"},
}

// earliest returns the earlier of two dates.
func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// endOfMonth is the last day of t's month.
func endOfMonth(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
}

var briefingTopics = []string{"我区召开优化营商环境工作推进会", "区营商环境服务中心挂牌运行", "“一网通办”改革取得新成效", "企业投资项目备案实现即时办",
	"我区聘任首批营商环境特邀监督员", "领导分包优化营商环境重点领域工作启动", "惠企政策汇编和二维码海报发放到企", "不动产登记实现“交房即交证”",
	"政务服务事项“四级三十二同”梳理完成", "涉企行政检查“首违不罚”清单公布", "工程建设项目审批提速增效", "开展“万人助万企”活动",
	"政府采购合同融资助力中小企业", "12345热线涉企诉求快速办理", "开办企业压缩至0.5个工作日", "获得电力“三零”服务全面推行",
	"营商环境评价整改提升方案印发", "问题整改台账对账销号", "公共资源交易全流程电子化", "“证照分离”改革全覆盖", "信用承诺制推广应用",
	"帮办代办服务延伸到镇（街道）", "智慧政务服务大厅建成使用", "企业注销“一网通办”", "纳税缴费便利度提升", "园区企业服务专员全覆盖",
	"营商环境特邀监督员座谈会召开", "典型经验：首阳山街道企业服务站", "典型经验：区市场监管局“审管联动”", "2022年优化营商环境工作综述"}

// briefingTable: 30 issues of 营商环境工作简报 in 2022, the 法治建设工作简报,
// and issues of December 2021 and early 2023.
func briefingTable(g *gen) (*table, error) {
	g.seed("briefing")
	t := &table{ledger: "briefing", file: "18-工作简报登记表.csv", dateLayout: "2006-1-2",
		header: []string{"期号", "日期", "标题", "类别", "编发单位"}}
	type b struct {
		no    string
		on    time.Time
		title string
		kind  string
		unit  string
	}
	var list []b
	const biz, law = "营商环境工作简报", "法治建设工作简报"
	for i, d := range g.spread(2, date("2021-12-06"), date("2021-12-30")) {
		list = append(list, b{fmt.Sprintf("营商简报2021年第%d期", 23+i), d, pick(g, briefingTopics), biz, uBizEnv})
	}
	for i, d := range g.spread(30, date("2022-01-10"), date("2022-12-29")) {
		list = append(list, b{fmt.Sprintf("营商简报2022年第%d期", i+1), d, briefingTopics[i], biz, uBizEnv})
	}
	lawTopics := []string{"全面依法治区委员会全体会议召开", "法治政府建设工作会议部署年度任务", "规范性文件专项清理完成", "府院联动机制建立",
		"镇（街道）综合行政执法理论培训举办", "行政执法传帮带活动走进基层", "领导干部习近平法治思想专题培训", "重大合同合法性审查工作综述",
		"行政复议应诉工作情况通报", "行政执法案卷评查结果通报", "学习贯彻党的二十大精神推进法治建设", "2022年法治政府建设工作综述"}
	for i := 0; i < 12; i++ {
		d := g.workday(day(2022, time.Month(i+1), 15), day(2022, time.Month(i+1), 28))
		list = append(list, b{fmt.Sprintf("法治简报2022年第%d期", i+1), d, lawTopics[i], law, uJustice})
	}
	for i, d := range g.spread(3, date("2023-01-05"), date("2023-02-24")) {
		list = append(list, b{fmt.Sprintf("营商简报2023年第%d期", i+1), d, pick(g, briefingTopics), biz, uBizEnv})
	}
	for _, x := range sortBy(list, func(x b) string { return x.on.Format("2006-01-02") }) {
		t.add(x.no, x.on, x.title, x.kind, x.unit)
	}
	return t, nil
}

// specialSupervisorTable: the first 20 special supervisors, appointed on
// 2022-04-20 for two years, and three added in September.
func specialSupervisorTable(g *gen) (*table, error) {
	g.seed("special_supervisor")
	t := &table{ledger: "special_supervisor", file: "19-营商环境特邀监督员名册.xlsx", title: "偃师区营商环境特邀监督员名册",
		header: []string{"序号", "姓名", "身份", "工作单位", "聘期起", "聘期止", "反映问题数", "聘任单位"}}
	named := map[string]bool{}
	identities := []string{"企业负责人", "企业负责人", "企业负责人", "个体工商户", "区人大代表", "区政协委员", "律师", "新闻媒体记者", "行业协会负责人"}
	add := func(from, to time.Time) {
		id := pick(g, identities)
		employer, _ := g.firm()
		switch id {
		case "律师":
			employer = pick(g, lawFirms)
		case "新闻媒体记者":
			employer = "偃师区融媒体中心"
		case "行业协会负责人":
			employer = "偃师区" + pick(g, []string{"工商业联合会", "个体劳动者协会", "建筑业协会"})
		}
		name := g.person()
		for named[name] { // 姓名 and 聘期起 identify a supervisor
			name = g.person()
		}
		named[name] = true
		t.add(len(t.rows)+1, name, id, employer, from, to, g.between(0, 6), uBizEnv)
	}
	for i := 0; i < 20; i++ {
		add(date("2022-04-20"), date("2024-04-19"))
	}
	for i := 0; i < 3; i++ {
		add(date("2022-09-15"), date("2024-04-19"))
	}
	return t, nil
}
