package demo

import "fmt"

// trainingTable: two special trainings of leading cadres, two 合法性审查
// trainings, four theory trainings of township and street enforcement staff
// (487 attendances) and eight on-site mentoring sessions (89 people guided)
// in 2022, with sessions of December 2021 and early 2023.
func trainingTable(g *gen) (*table, error) {
	g.seed("training")
	t := &table{ledger: "training", file: "08-培训与传帮带台账.xlsx", title: "偃师区法治培训与行政执法传帮带台账",
		header: []string{"编号", "日期", "类别", "名称", "主办单位", "对象", "参训人次", "学时", "地点", "授课人"}}
	type s struct {
		on, kind, title, host, audience string
		people                          int
		hours                           string
		place, lecturer                 string
	}
	const enf = "镇（街道）综合行政执法人员"
	list := []s{
		{"2021-11-25", "领导干部专题培训", "全区领导干部学法用法专题培训", uOrganization, "区管领导干部", 118, "8", "区委党校", "市委党校教授"},
		{"2021-12-09", "行政执法理论培训", "行政执法人员《行政处罚法》（2021年修订）专题培训", uJustice, "全区行政执法人员", 104, "4", "区委党校", "区司法局"},
		{"2021-12-16", "合法性审查业务培训", "规范性文件合法性审核业务培训", uJustice, "各单位法制审核人员", 71, "3", "区行政服务中心", "区司法局"},
		{"2021-12-21", "行政执法传帮带", "行政执法传帮带活动（槐新街道）", uJustice, enf, 9, "3", "偃师区槐新街道", "区市场监督管理局业务骨干"},

		{"2022-05-26", "领导干部专题培训", "全区领导干部习近平法治思想专题培训班", uOrganization, "区管领导干部", 126, "16", "区委党校", "省委党校教授"},
		{"2022-11-24", "领导干部专题培训", "学习贯彻党的二十大精神暨领导干部学法用法专题培训", uOrganization, "区管领导干部", 98, "8", "区委党校", "市委党校教授"},
		{"2022-04-21", "合法性审查业务培训", "规范性文件合法性审核和重大合同审查业务培训", uJustice, "各单位法制审核人员、法律顾问", 86, "4", "区行政服务中心", "区司法局、法律顾问"},
		{"2022-10-13", "合法性审查业务培训", "重大行政决策和行政规范性文件合法性审核实务培训", uJustice, "各单位法制审核人员", 74, "3", "区行政服务中心", "洛阳市司法局"},
		{"2022-03-17", "行政执法理论培训", "镇（街道）综合行政执法理论培训（第一期）：《行政处罚法》与执法程序", uJustice, enf, 132, "6", "区委党校", "区司法局业务骨干"},
		{"2022-06-09", "行政执法理论培训", "镇（街道）综合行政执法理论培训（第二期）：市场监管领域执法", uJustice, enf, 118, "6", "区委党校", "区市场监督管理局业务骨干"},
		{"2022-08-18", "行政执法理论培训", "镇（街道）综合行政执法理论培训（第三期）：城市管理和自然资源领域执法", uJustice, enf, 126, "6", "区委党校", "区城市管理局、自然资源和规划分局业务骨干"},
		{"2022-11-03", "行政执法理论培训", "镇（街道）综合行政执法理论培训（第四期）：生态环境和应急管理领域执法", uJustice, enf, 111, "6", "区委党校", "生态环境分局、区应急管理局业务骨干"},
		{"2022-12-15", "其他", "《行政复议法（修订草案）》学习暨复议应诉业务培训", uJustice, "各单位法制机构人员", 64, "3", "区行政服务中心", "区司法局"},
		{"2022-07-21", "其他", "《民法典》进机关专题讲座", uJustice, "区直机关干部", 150, "2", "区会议中心", "河南伊洛律师事务所律师"},

		{"2023-01-12", "行政执法传帮带", "行政执法传帮带活动（伊洛街道）", uJustice, enf, 10, "3", "偃师区伊洛街道", "区城市管理局业务骨干"},
		{"2023-02-16", "行政执法理论培训", "镇（街道）综合行政执法理论培训（2023年第一期）", uJustice, enf, 121, "6", "区委党校", "区司法局业务骨干"},
		{"2023-03-09", "合法性审查业务培训", "2023年合法性审查业务培训", uJustice, "各单位法制审核人员", 79, "3", "区行政服务中心", "区司法局"},
		{"2023-03-23", "领导干部专题培训", "2023年领导干部习近平法治思想专题培训", uOrganization, "区管领导干部", 120, "16", "区委党校", "市委党校教授"},
	}
	// Mentoring: eight townships, each guided on the spot, 89 people in all.
	towns := []string{"偃师区岳滩镇", "偃师区顾县镇", "偃师区翟镇镇", "偃师区佃庄镇", "偃师区李村镇", "偃师区府店镇", "偃师区缑氏镇", "偃师区山化镇"}
	guided := []int{12, 9, 11, 13, 10, 12, 11, 11}
	mentors := []string{"区市场监督管理局业务骨干", "区城市管理局业务骨干", "洛阳市自然资源和规划局偃师分局业务骨干", "区卫生健康委员会业务骨干"}
	on := g.spread(len(towns), date("2022-04-11"), date("2022-12-09"))
	for i, town := range towns {
		list = append(list, s{on[i].Format("2006-01-02"), "行政执法传帮带", fmt.Sprintf("行政执法传帮带活动（%s）：现场指导案件办理", town[len("偃师区"):]),
			uJustice, enf, guided[i], "3", town, mentors[i%len(mentors)]})
	}
	n := map[int]int{}
	for _, x := range sortBy(list, func(x s) string { return x.on }) {
		d := date(x.on)
		n[d.Year()]++
		t.add(fmt.Sprintf("PX%d-%03d", d.Year(), n[d.Year()]), d, x.kind, x.title, x.host, x.audience, x.people, x.hours, x.place, x.lecturer)
	}
	return t, nil
}
