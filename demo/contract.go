package demo

import (
	"fmt"
	"time"
)

// contractMeetings are the dates of the 重大合同研判会议: seven in 2022, one
// each side of the year.
var contractMeetings = []string{"2021-12-14",
	"2022-03-15", "2022-05-10", "2022-06-21", "2022-08-16", "2022-09-27", "2022-11-08", "2022-12-20",
	"2023-02-14"}

var (
	contractSubjects = []string{"城区主干道提升改造工程", "伊洛河生态廊道建设项目", "老旧小区改造项目", "智慧城市运营中心建设项目", "农村生活污水治理项目",
		"城乡供水一体化项目", "二里头遗址周边环境整治项目", "产业集聚区标准化厂房项目", "中小学校舍改扩建项目", "区人民医院新院区建设项目",
		"城区集中供热管网改造项目", "垃圾焚烧发电项目", "高标准农田建设项目", "首阳山片区综合开发项目", "公共停车场建设项目",
		"新能源公交车采购项目", "政务服务中心信息化建设项目", "城区环卫市场化作业项目", "商城遗址公园配套设施项目", "冷链物流园项目",
		"光伏发电整区推进项目", "文旅康养综合体项目", "农产品加工园区项目", "城区绿化养护项目", "数字乡村建设项目"}
	contractForms = []string{"投资合作协议", "特许经营协议", "EPC工程总承包合同", "政府购买服务合同", "委托代建合同", "招商引资合同", "战略合作框架协议"}
	contractDepts = []string{uDevReform, uHousing, uInvestPromo, uFinance, "偃师区城市管理局", "偃师区水利局", "偃师区交通运输局", "偃师区教育局",
		"偃师区卫生健康委员会", "偃师区商务局", "偃师区文化广电和旅游局", "偃师区农业农村局", uGovService}
	lawFirms    = []string{"河南伊洛律师事务所", "河南首阳律师事务所", "河南英泰律师事务所洛阳分所"}
	lawyerNotes = []string{"建议明确付款节点和验收标准", "建议完善违约责任和争议解决条款", "建议补充履约担保条款",
		"建议明确项目用地和规划条件的履行主体", "建议删除政府承担兜底责任的表述", "建议补充知识产权和数据安全条款"}
)

// contractTable: 40 contracts whose opinion was issued in 2022 (two of them
// submitted in December 2021), some taken to the review meetings, plus
// contracts of 2021 and 2023 and three submitted in December 2022 whose
// opinion came in January 2023.
func contractTable(g *gen) (*table, error) {
	g.seed("contract")
	t := &table{ledger: "contract", file: "06-重大合同合法性审查台账.xlsx", title: "偃师区人民政府重大合同合法性审查台账",
		header: []string{"序号", "合同编号", "合同名称", "承办单位", "相对方", "相对方统一社会信用代码", "合同金额（万元）", "送审日期",
			"研判会议日期", "审查意见", "修改建议条数", "律师意见", "出具意见日期", "签订日期"}}
	type plan struct {
		submitted, meeting, opinion time.Time
	}
	var plans []plan
	meetingAt := func(m string) plan {
		mt := date(m)
		sub := g.subWork(mt, g.between(2, 5))
		return plan{sub, mt, g.addWork(mt, g.between(0, 2))}
	}
	direct := func(from, to time.Time) plan {
		sub := g.workday(from, to)
		return plan{sub, time.Time{}, g.addWork(sub, g.between(3, 7))}
	}
	// 2021: four direct reviews and one meeting.
	for i := 0; i < 4; i++ {
		plans = append(plans, direct(date("2021-06-01"), date("2021-12-10")))
	}
	plans = append(plans, meetingAt(contractMeetings[0]))
	// Opinion in 2022: two submitted on the last days of 2021.
	plans = append(plans, plan{date("2021-12-27"), time.Time{}, date("2022-01-05")}, plan{date("2021-12-30"), time.Time{}, date("2022-01-07")})
	for _, m := range contractMeetings[1:8] { // 2 or 3 contracts per 2022 meeting: 17
		for k := 0; k < 2+btoi(m == "2022-06-21" || m == "2022-09-27"); k++ {
			plans = append(plans, meetingAt(m))
		}
	}
	for len(plans) < 5+40 {
		plans = append(plans, direct(date("2022-01-10"), date("2022-12-15")))
	}
	// Submitted late in 2022, opinion in 2023.
	plans = append(plans, plan{date("2022-12-26"), time.Time{}, date("2023-01-04")}, plan{date("2022-12-28"), time.Time{}, date("2023-01-06")},
		plan{date("2022-12-29"), time.Time{}, date("2023-01-09")})
	plans = append(plans, meetingAt(contractMeetings[8]), direct(date("2023-02-20"), date("2023-03-20")))

	seq := map[int]int{}
	for i, p := range plans {
		y := p.submitted.Year()
		seq[y]++
		name, code := g.firm()
		opinion, n := "修改后同意", g.between(2, 9)
		switch {
		case i == 20: // a cooperation agreement that shifted the investor's risk to the government
			opinion, n = "不同意", 0
		case g.chance(0.22):
			opinion, n = "同意", 0
		}
		amount := wan(g.between(150, 60000)) * 10000
		if g.chance(0.3) {
			amount += wan(g.between(1, 99)) * 100
		}
		var signed any
		if opinion != "不同意" {
			signed = g.addWork(p.opinion, g.between(2, 15))
		}
		var meeting any
		if !p.meeting.IsZero() {
			meeting = p.meeting
		}
		title := pick(g, contractSubjects) + pick(g, contractForms)
		t.add(i+1, fmt.Sprintf("YSHT-%d-%03d", y, seq[y]), title, pick(g, contractDepts), name, code, amount, p.submitted,
			meeting, opinion, n, pick(g, lawFirms)+"："+pick(g, lawyerNotes), p.opinion, signed)
	}
	return t, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
