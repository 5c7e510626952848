package demo

import (
	"fmt"
	"sort"
	"time"
)

// The 2022 cleanup of every normative document the district government and
// its office issued before 2022-04-25: 88 documents, 38 repealed or
// declared void, 12 no longer managed as normative documents, 1 to be
// revised, the rest kept, published by 《洛阳市偃师区人民政府关于公布规范性文件
// 清理结果的决定》 (偃政〔2022〕23号, 2022-06-28).
const (
	cleanupBatch2022    = "2022年规范性文件专项清理"
	cleanupCutoff       = "2022-04-25"
	cleanupDecisionNo   = "偃政〔2022〕23号"
	cleanupDecisionDate = "2022-06-28"
)

// Cleanup2022 describes the demo's 2022 campaign for registering it: name,
// cut-off, the issuing units in scope (names), decision number and date.
var Cleanup2022 = struct {
	Batch, Cutoff, DecisionNo, DecisionDate string
	Issuers                                 []string
}{cleanupBatch2022, cleanupCutoff, cleanupDecisionNo, cleanupDecisionDate, []string{uGovernment, uGovOffice}}

// topicYears bounds when a document on a topic can have been issued (a
// census, a pilot, a reform belongs to its years); other topics 2006–2017.
var topicYears = map[string][2]string{
	"农村税费改革":          {"2006-01-01", "2006-12-31"},
	"第二次全国经济普查":       {"2008-01-01", "2009-06-30"},
	"城镇居民基本医疗保险试点":    {"2007-07-01", "2009-12-31"},
	"新型农村社会养老保险试点":    {"2009-09-01", "2011-12-31"},
	"集体林权制度改革":        {"2007-01-01", "2010-12-31"},
	"第三次全国农业普查":       {"2016-01-01", "2017-06-30"},
	"第四次全国经济普查":       {"2018-01-01", "2019-06-30"},
	"农村土地承包经营权确权登记颁证": {"2014-01-01", "2018-12-31"},
	"化解过剩产能":          {"2016-01-01", "2018-12-31"},
	"大气污染防治攻坚":        {"2017-01-01", "2020-12-31"},
	"黄标车淘汰":           {"2014-01-01", "2017-12-31"},
	"县级公立医院综合改革":      {"2012-06-01", "2016-12-31"},
	"棚户区改造":           {"2013-07-01", "2018-12-31"},
	"公务用车制度改革":        {"2014-07-01", "2017-12-31"},
}

// Topics of the documents, by the conclusion the cleanup reached.
var (
	repealTopics = []string{"城市房屋拆迁管理", "农村税费改革", "第二次全国经济普查", "国有企业改制", "集体林权制度改革", "城镇居民基本医疗保险试点",
		"新型农村社会养老保险试点", "农村义务教育经费保障机制改革", "第三次全国农业普查", "乡镇机构改革", "城区户籍制度改革", "黄标车淘汰",
		"招商引资奖励", "治理车辆超限超载", "粘土砖瓦窑场整治", "城中村改造", "流动人口计划生育管理", "独生子女父母奖励扶助", "公务用车制度改革",
		"创建国家卫生城市", "农村危房改造", "新型墙体材料推广", "散装水泥推广", "城市居民最低生活保障", "农村五保供养", "小型水库除险加固",
		"节能减排", "企业军转干部解困", "全民健身", "县级公立医院综合改革", "行政审批制度改革", "政府信息公开保密审查", "化解过剩产能",
		"棚户区改造", "全国文明城市创建", "农村土地承包经营权确权登记颁证", "第四次全国经济普查", "大气污染防治攻坚"}
	unlistTopics = []string{"成立城市管理综合执法工作领导小组", "年度目标管理考核", "机关效能建设", "防汛抗旱应急预案", "安全生产大检查工作方案",
		"重点项目建设考核", "信访工作责任制考核", "冬春季森林防火工作", "春节期间市场供应", "政务值班管理", "会议管理", "公文处理规范"}
	keepTopics = []string{"城市绿化管理", "城区犬只管理", "殡葬管理", "城市供水管理", "物业管理", "征收集体土地补偿安置", "城区户外广告设置管理",
		"农村公路养护管理", "城市道路挖掘管理", "残疾人就业保障金征收", "城镇住房保障", "地名管理", "城区建筑工地扬尘治理", "临时救助",
		"政府采购管理", "国有资产管理", "矿产资源管理", "河道采砂管理", "城区集中供热管理", "燃气安全管理", "生活饮用水卫生管理",
		"城市排水管理", "农贸市场管理", "水土保持补偿费征收", "城市照明管理", "城区停车收费", "人民调解工作", "法律援助实施",
		"房屋安全管理", "城镇职工医疗保险", "义务教育阶段学生资助", "城区公共厕所管理"}
	reviseTopic = "城区建筑垃圾管理"
)

// cleanupDoc is one document under review.
type cleanupDoc struct {
	no, title, issuer string
	published         time.Time
	conclusion        string
}

// cleanupDocs returns the 88 documents of the 2022 campaign, oldest first:
// the ones issued before 2021 are in the normdoc ledger too.
func cleanupDocs(g *gen) []cleanupDoc {
	g.seed("normdoc_cleanup")
	used := map[string]bool{}
	doc := func(from, to time.Time, topic, conclusion string) cleanupDoc {
		pub := g.workday(from, to)
		office := g.chance(0.45)
		var no, issuer string
		for {
			prefix, n := "偃政", g.between(1, 60)
			if office {
				prefix, n = "偃政办", g.between(1, 120)
			}
			no = fmt.Sprintf("%s〔%d〕%d号", prefix, pub.Year(), n)
			if !used[no] {
				used[no] = true
				break
			}
		}
		city, gov := "偃师市", "偃师市人民政府"
		if pub.After(date("2021-03-17")) { // 偃师市 became 洛阳市偃师区 in March 2021
			city, gov = "偃师区", "洛阳市偃师区人民政府"
		}
		issuer = uGovernment
		if office {
			gov += "办公室"
			issuer = uGovOffice
		}
		var title string
		switch g.r.IntN(3) {
		case 0:
			title = fmt.Sprintf("%s关于印发%s%s实施办法的通知", gov, city, topic)
		case 1:
			title = fmt.Sprintf("%s关于进一步加强%s工作的意见", gov, topic)
		default:
			title = fmt.Sprintf("%s关于%s有关问题的通知", gov, topic)
		}
		if conclusion == "不再作为规范性文件管理" {
			title = fmt.Sprintf("%s关于%s的通知", gov, topic)
		}
		return cleanupDoc{no: no, title: title, issuer: issuer, published: pub, conclusion: conclusion}
	}
	var docs []cleanupDoc
	for i, topic := range repealTopics { // 38: older documents
		c := "废止"
		if i%3 == 2 {
			c = "宣布失效"
		}
		from, to := "2006-01-01", "2017-12-31"
		if y, ok := topicYears[topic]; ok {
			from, to = y[0], y[1]
		}
		docs = append(docs, doc(date(from), date(to), topic, c))
	}
	for _, topic := range unlistTopics { // 12
		docs = append(docs, doc(date("2009-01-01"), date("2020-12-31"), topic, "不再作为规范性文件管理"))
	}
	docs = append(docs, doc(date("2016-01-01"), date("2016-12-31"), reviseTopic, "修改"))
	for _, topic := range keepTopics { // 31 older ones kept
		docs = append(docs, doc(date("2012-01-01"), date("2020-12-31"), topic, "继续有效"))
	}
	// The documents of 2021 and of 2022 before the cut-off, all kept (6).
	for _, d := range normdocs {
		if pub := date(d.published); pub.Before(date(cleanupCutoff)) {
			used[d.no] = true
			docs = append(docs, cleanupDoc{no: d.no, title: d.title, issuer: d.issuer, published: pub, conclusion: "继续有效"})
		}
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].published.Before(docs[j].published) })
	return docs
}

func normdocCleanupTable(g *gen) (*table, error) {
	docs := cleanupDocs(g)
	t := &table{ledger: "normdoc_cleanup", file: "05-规范性文件清理台账.xlsx", title: "偃师区规范性文件清理情况统计表",
		header: []string{"序号", "清理批次", "文号", "标题", "制定机关", "公布日期", "清理结论", "理由", "决定文号", "决定公布日期"}}
	reasons := map[string][]string{
		"废止":          {"所依据的法律法规已修改或废止", "已被新出台的文件替代", "与《优化营商环境条例》规定不一致"},
		"宣布失效":        {"有效期已届满", "调整对象已不存在", "阶段性工作已完成"},
		"不再作为规范性文件管理": {"属于内部管理或工作部署类文件，不具有普遍约束力"},
		"修改":          {"部分条款与上位法规定不一致，需要修改"},
		"继续有效":        {"符合上位法规定，适应经济社会发展需要，继续执行"},
	}
	seq := 0
	// The 2020 cleanup, decided in 2020, re-reviewed some of the same documents.
	for _, d := range docs {
		if d.published.Year() > 2019 || !g.chance(0.22) {
			continue
		}
		seq++
		t.add(seq, "2020年规范性文件清理", d.no, d.title, d.issuer, d.published, "继续有效", pick(g, reasons["继续有效"]),
			"偃政〔2020〕41号", date("2020-11-18"))
	}
	for _, d := range docs {
		seq++
		t.add(seq, cleanupBatch2022, d.no, d.title, d.issuer, d.published, d.conclusion, pick(g, reasons[d.conclusion]),
			cleanupDecisionNo, date(cleanupDecisionDate))
	}
	// The 2023 fair-competition review, still without a decision.
	for _, d := range normdocs[5:8] {
		seq++
		t.add(seq, "2023年妨碍统一市场和公平竞争政策措施清理", d.no, d.title, d.issuer, date(d.published), "继续有效",
			pick(g, reasons["继续有效"]), "", nil)
	}
	count := map[string]int{}
	for _, d := range docs {
		count[d.conclusion]++
	}
	if len(docs) != 88 || count["废止"]+count["宣布失效"] != 38 || count["不再作为规范性文件管理"] != 12 || count["修改"] != 1 {
		return nil, fmt.Errorf("清理台账应有88件文件（废止、失效38件，不再作为规范性文件管理12件，修改1件），实为%d件 %v", len(docs), count)
	}
	return t, nil
}
