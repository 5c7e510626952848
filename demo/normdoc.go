package demo

import "fazhi/cleanup"

// normdoc is one normative document of the district government or its
// office.
type normdoc struct {
	no, title, issuer, drafter string
	reviewed, deliberated      string // 合法性审核, 集体审议
	published, filed           string
	years                      int
}

// normdocs are the documents of 2021-2023 in the 备案 ledger: five published
// and filed in 2022 (备案率 100%), three of 2021 and two of 2023, one of
// which was reviewed and deliberated in December 2022.
var normdocs = []normdoc{
	{"偃政〔2021〕18号", "洛阳市偃师区人民政府关于印发偃师区农村集体经济组织成员身份确认指导意见的通知", uGovernment, "偃师区农业农村局",
		"2021-06-15", "2021-06-25", "2021-07-06", "2021-07-16", 5},
	{"偃政办〔2021〕32号", "洛阳市偃师区人民政府办公室关于印发偃师区城区停车场管理办法的通知", uGovOffice, "偃师区城市管理局",
		"2021-09-22", "2021-09-29", "2021-10-12", "2021-10-21", 5},
	{"偃政〔2021〕41号", "洛阳市偃师区人民政府关于印发偃师区被征地农民社会保障实施办法的通知", uGovernment, "偃师区人力资源和社会保障局",
		"2021-11-24", "2021-12-03", "2021-12-10", "2021-12-20", 5},
	{"偃政〔2022〕6号", "洛阳市偃师区人民政府关于印发偃师区城市生活垃圾分类管理办法的通知", uGovernment, "偃师区城市管理局",
		"2022-02-14", "2022-02-22", "2022-02-24", "2022-03-04", 5},
	{"偃政办〔2022〕15号", "洛阳市偃师区人民政府办公室关于印发偃师区政府投资项目管理办法的通知", uGovOffice, uDevReform,
		"2022-03-28", "2022-04-07", "2022-04-12", "2022-04-22", 5},
	{"偃政〔2022〕27号", "洛阳市偃师区人民政府关于进一步加强农村宅基地和村民住房建设管理的通知", uGovernment, "偃师区农业农村局",
		"2022-06-29", "2022-07-12", "2022-07-18", "2022-07-27", 5},
	{"偃政办〔2022〕38号", "洛阳市偃师区人民政府办公室关于印发偃师区城区占道经营管理暂行办法的通知", uGovOffice, "偃师区城市管理局",
		"2022-09-01", "2022-09-14", "2022-09-20", "2022-09-29", 2},
	{"偃政〔2022〕45号", "洛阳市偃师区人民政府关于印发偃师区优化营商环境若干措施的通知", uGovernment, uBizEnv,
		"2022-11-21", "2022-12-01", "2022-12-08", "2022-12-16", 5},
	{"偃政〔2023〕3号", "洛阳市偃师区人民政府关于印发偃师区城市绿化管理办法的通知", uGovernment, "偃师区城市管理局",
		"2022-12-20", "2022-12-29", "2023-01-10", "2023-01-19", 5},
	{"偃政办〔2023〕9号", "洛阳市偃师区人民政府办公室关于印发偃师区农贸市场管理办法的通知", uGovOffice, uMarket,
		"2023-02-20", "2023-03-02", "2023-03-09", "2023-03-17", 5},
}

func normdocTable(g *gen) (*table, error) {
	g.seed("normdoc")
	t := &table{ledger: "normdoc", file: "04-行政规范性文件台账.xlsx", title: "偃师区行政规范性文件制定和备案台账",
		header: []string{"序号", "文号", "标题", "制定机关", "起草单位", "合法性审核日期", "审核意见", "集体审议日期", "公布日期",
			"施行日期", "有效期（年）", "报送备案日期", "备案机关", "备案审查结果", "状态"}}
	opinions := []string{"经审查，该文件符合法律法规规定，建议提交集体审议", "经审查，建议修改第六条、第九条后提交集体审议", "经审查，制定程序合法，内容合法"}
	seq := 0
	// The older documents of the 2022 cleanup, with the status its published
	// decision gave them (the 2021-2022 ones are among normdocs below).
	for _, d := range cleanupDocs(g) {
		if d.published.Year() >= 2021 {
			continue
		}
		status, ok := cleanup.StatusAfter(d.conclusion)
		if !ok {
			status = "有效"
		}
		filed := d.published.AddDate(0, 0, g.between(3, 12))
		for !g.isWork(filed) {
			filed = filed.AddDate(0, 0, 1)
		}
		if filed.Year() > d.published.Year() {
			filed = d.published // filed the same day rather than in another year's figures
		}
		seq++
		t.add(seq, d.no, d.title, d.issuer, nil, nil, nil, nil, d.published, nil, nil, filed, "洛阳市人民政府、偃师市人大常委会", "已备案", status)
	}
	g.seed("normdoc")
	for _, d := range normdocs {
		seq++
		i := seq - 1
		pub := date(d.published)
		effective := pub.AddDate(0, 0, 30) // 自公布之日起30日后施行
		for !g.isWork(effective) {
			effective = effective.AddDate(0, 0, 1)
		}
		t.add(i+1, d.no, d.title, d.issuer, d.drafter, date(d.reviewed), pick(g, opinions), date(d.deliberated), pub,
			effective, d.years, date(d.filed), "洛阳市人民政府、偃师区人大常委会", "已备案，未发现问题", "有效")
	}
	return t, nil
}
