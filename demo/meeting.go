package demo

import (
	"fmt"
	"time"
)

// meetingTable: in 2022 four 习近平法治思想 study sessions, four times the
// Party committee or the government heard rule-of-law work, seven contract
// review meetings, the 依法治区委员会 plenary of March, the 法治政府建设工作会议,
// monthly 第一议题 study and the other meetings around them; a few of each
// kind in December 2021 and early 2023.
func meetingTable(g *gen) (*table, error) {
	g.seed("meeting")
	t := &table{ledger: "meeting", file: "07-会议与学习台账.csv", title: "偃师区法治建设会议与学习台账", dateLayout: "2006年1月2日",
		header: []string{"编号", "日期", "类型", "主题", "主持人", "参加人数", "单位", "地点", "纪要经合法性审查"}}
	type m struct {
		on, kind, topic, chair, unit string
		people                       int
	}
	list := []m{
		{"2021-12-08", "集中学习", "区委理论学习中心组集中学习习近平法治思想", "区委书记", uPartyCommittee, 32},
		{"2021-12-16", "研究听取汇报", "区委常委会议听取2021年度法治建设工作情况汇报", "区委书记", uPartyCommittee, 15},
		{"2021-12-23", "区政府常务会议", "审议《偃师区被征地农民社会保障实施办法》", "区长", uGovernment, 26},

		{"2022-03-24", "全面依法治区委员会会议", "全面依法治区委员会全体会议，审议“一规划两方案”", "区委书记", uPartyCommittee, 45},
		{"2022-04-08", "法治政府建设工作会议", "2022年度法治政府建设工作会议，部署年度工作要点", "区长", uGovernment, 120},
		{"2022-03-10", "集中学习", "区委理论学习中心组集中学习习近平法治思想", "区委书记", uPartyCommittee, 34},
		{"2022-06-16", "专题研讨", "区政府党组围绕“运用法治思维和法治方式推动发展”专题研讨", "区长", uGovernment, 22},
		{"2022-09-15", "集中学习", "区委理论学习中心组集中学习《习近平法治思想学习纲要》", "区委书记", uPartyCommittee, 33},
		{"2022-12-08", "专题研讨", "学习贯彻党的二十大精神，围绕“在法治轨道上全面建设社会主义现代化国家”专题研讨", "区委书记", uPartyCommittee, 35},
		{"2022-05-19", "研究听取汇报", "区委常委会议研究全国法治政府建设示范市创建工作", "区委书记", uPartyCommittee, 16},
		{"2022-06-23", "研究听取汇报", "区委常委会议听取规范性文件清理工作情况汇报", "区委书记", uPartyCommittee, 15},
		{"2022-08-04", "研究听取汇报", "区委常委会议研究镇（街道）综合行政执法改革工作", "区委书记", uPartyCommittee, 17},
		{"2022-03-29", "研究听取汇报", "区政府常务会议研究通过《关于建立常态化府院联动机制的意见》", "区长", uGovernment, 24},
		{"2022-04-14", "府院联席会议", "府院联动第一次联席会议", "常务副区长", uJustice, 18},
		{"2022-10-27", "府院联席会议", "府院联动第二次联席会议", "常务副区长", uJustice, 16},
		{"2022-02-22", "区政府常务会议", "审议《偃师区城市生活垃圾分类管理办法》", "区长", uGovernment, 25},
		{"2022-04-07", "区政府常务会议", "审议《偃师区政府投资项目管理办法》", "区长", uGovernment, 24},
		{"2022-07-12", "区政府常务会议", "审议《关于进一步加强农村宅基地和村民住房建设管理的通知》", "区长", uGovernment, 26},
		{"2022-09-14", "区政府常务会议", "审议《偃师区城区占道经营管理暂行办法》", "区长", uGovernment, 25},
		{"2022-12-01", "区政府常务会议", "审议《偃师区优化营商环境若干措施》", "区长", uGovernment, 27},
		{"2022-12-29", "区政府常务会议", "审议《偃师区城市绿化管理办法》", "区长", uGovernment, 26},
		{"2022-06-30", "区委常委会议", "研究《偃师区2022年度营商环境评价整改提升方案》", "区委书记", uPartyCommittee, 15},
		{"2022-11-17", "其他", "全国法治政府建设示范创建推进会", "常务副区长", uJustice, 86},

		{"2023-02-09", "集中学习", "区委理论学习中心组集中学习习近平法治思想", "区委书记", uPartyCommittee, 33},
		{"2023-02-23", "研究听取汇报", "区委常委会议听取2022年度法治政府建设情况汇报", "区委书记", uPartyCommittee, 16},
		{"2023-03-16", "全面依法治区委员会会议", "全面依法治区委员会全体会议", "区委书记", uPartyCommittee, 44},
	}
	for _, on := range contractMeetings {
		list = append(list, m{on, "重大合同研判会议", "研判以区政府名义签订的重大合同", "常务副区长", uJustice, g.between(9, 14)})
	}
	// 第一议题: the first item of a standing-committee or executive meeting
	// each month of 2022, and in December 2021 and January 2023.
	months := []time.Time{day(2021, 12, 1)}
	for mo := 1; mo <= 12; mo++ {
		months = append(months, day(2022, time.Month(mo), 1))
	}
	months = append(months, day(2023, 1, 1))
	for i, first := range months {
		on := g.workday(first.AddDate(0, 0, 3), first.AddDate(0, 0, 20))
		unit, kind := uPartyCommittee, "区委常委会议"
		if i%2 == 1 {
			unit, kind = uGovernment, "区政府常务会议"
		}
		list = append(list, m{on.Format("2006-01-02"), "第一议题学习", kind + "传达学习习近平总书记关于全面依法治国的重要论述", "", unit, g.between(14, 28)})
	}
	places := map[string]string{uPartyCommittee: "区委常委会议室", uGovernment: "区政府常务会议室", uJustice: "区行政服务中心三楼会议室"}
	n := map[int]int{}
	for _, x := range sortBy(list, func(x m) string { return x.on }) {
		d := date(x.on)
		n[d.Year()]++
		chair := any(x.chair)
		if x.chair == "" {
			chair = nil
		}
		// The minutes of meetings the district government holds go through
		// the 合法性审查 of the Justice Bureau before they are issued.
		var reviewed any
		if x.unit == uGovernment {
			reviewed = true
		}
		t.add(fmt.Sprintf("HY%d-%03d", d.Year(), n[d.Year()]), d, x.kind, x.topic, chair, x.people, x.unit, places[x.unit], reviewed)
	}
	return t, nil
}
