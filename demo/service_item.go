package demo

import (
	"fmt"
	"strings"
)

// serviceItem is one item of the district's 政务服务事项目录.
type serviceItem struct {
	name, kind, agency      string
	legal, promised, visits int
	online, oneNet, noVisit bool
	listed, cancelled       string
	basis                   string
}

// serviceItems: at the end of 2022 the catalogue holds 34 items, 31 of them
// at most one visit (最多跑一次) and every one online and 一网通办; four items
// left it during 2022, one more in 2023, and three joined in 2023.
var serviceItems = []serviceItem{
	{"食品经营许可", "行政许可", uMarket, 20, 5, 0, true, true, true, "2019-06-18", "", "《中华人民共和国食品安全法》第三十五条"},
	{"药品零售企业许可", "行政许可", uMarket, 30, 10, 1, true, true, false, "2019-06-18", "", "《中华人民共和国药品管理法》第五十一条"},
	{"个体工商户设立登记", "行政许可", uMarket, 15, 1, 0, true, true, true, "2019-06-18", "", "《促进个体工商户发展条例》"},
	{"公司设立登记", "行政许可", uMarket, 15, 1, 0, true, true, true, "2019-06-18", "", "《中华人民共和国公司法》"},
	{"特种设备使用登记", "行政许可", uMarket, 15, 5, 1, true, true, false, "2020-03-10", "", "《中华人民共和国特种设备安全法》第三十三条"},
	{"建筑工程施工许可证核发", "行政许可", uHousing, 15, 3, 0, true, true, true, "2019-06-18", "", "《中华人民共和国建筑法》第七条"},
	{"商品房预售许可", "行政许可", uHousing, 20, 10, 1, true, true, false, "2019-06-18", "", "《城市房地产开发经营管理条例》第二十三条"},
	{"城市建筑垃圾处置核准", "行政许可", "偃师区城市管理局", 20, 5, 0, true, true, true, "2019-06-18", "", "《国务院对确需保留的行政审批项目设定行政许可的决定》"},
	{"设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批", "行政许可", "偃师区城市管理局", 20, 5, 1, true, true, false, "2019-06-18", "", "《城市市容和环境卫生管理条例》第十一条"},
	{"城镇污水排入排水管网许可", "行政许可", "偃师区城市管理局", 20, 10, 2, true, true, false, "2020-03-10", "", "《城镇排水与污水处理条例》第二十一条"},
	{"公共场所卫生许可", "行政许可", "偃师区卫生健康委员会", 20, 10, 2, true, true, false, "2019-06-18", "", "《公共场所卫生管理条例》第八条"},
	{"医疗机构执业登记", "行政许可", "偃师区卫生健康委员会", 45, 20, 1, true, true, false, "2019-06-18", "", "《医疗机构管理条例》第十五条"},
	{"民办学校设立审批", "行政许可", "偃师区教育局", 90, 30, 1, true, true, false, "2019-06-18", "", "《中华人民共和国民办教育促进法》第十二条"},
	{"道路货物运输经营许可", "行政许可", "偃师区交通运输局", 20, 5, 0, true, true, true, "2019-06-18", "", "《中华人民共和国道路运输条例》第二十四条"},
	{"取水许可", "行政许可", "偃师区水利局", 45, 20, 1, true, true, false, "2019-06-18", "", "《取水许可和水资源费征收管理条例》"},
	{"林木采伐许可证核发", "行政许可", "偃师区林业局", 20, 5, 0, true, true, true, "2019-06-18", "", "《中华人民共和国森林法》第五十六条"},
	{"农药经营许可", "行政许可", "偃师区农业农村局", 20, 10, 1, true, true, false, "2019-06-18", "", "《农药管理条例》第二十四条"},
	{"种子生产经营许可证核发", "行政许可", "偃师区农业农村局", 20, 10, 1, true, true, false, "2020-03-10", "", "《中华人民共和国种子法》第三十二条"},
	{"人力资源服务许可", "行政许可", "偃师区人力资源和社会保障局", 20, 5, 0, true, true, true, "2019-06-18", "", "《人力资源市场暂行条例》第十八条"},
	{"社会团体成立登记", "行政许可", "偃师区民政局", 60, 20, 1, true, true, false, "2019-06-18", "", "《社会团体登记管理条例》"},
	{"娱乐场所经营活动审批", "行政许可", "偃师区文化广电和旅游局", 20, 10, 1, true, true, false, "2019-06-18", "", "《娱乐场所管理条例》第九条"},
	{"建设工程规划许可证核发", "行政许可", "洛阳市自然资源和规划局偃师分局", 20, 10, 2, true, true, false, "2019-06-18", "", "《中华人民共和国城乡规划法》第四十条"},
	{"企业投资项目备案", "行政备案", uDevReform, 0, 0, 0, true, true, true, "2019-06-18", "", "《企业投资项目核准和备案管理条例》第十三条"},
	{"企业投资项目核准", "行政许可", uDevReform, 20, 5, 0, true, true, true, "2019-06-18", "", "《企业投资项目核准和备案管理条例》第六条"},
	{"最低生活保障对象认定", "行政给付", "偃师区民政局", 30, 15, 1, true, true, false, "2019-06-18", "", "《社会救助暂行办法》第十一条"},
	{"高龄津贴发放", "行政给付", "偃师区民政局", 20, 10, 0, true, true, true, "2020-03-10", "", "《河南省老年人权益保障条例》"},
	{"退役军人优待证办理", "公共服务", "偃师区退役军人事务局", 0, 10, 1, true, true, false, "2022-03-15", "", "《中华人民共和国退役军人保障法》"},
	{"城乡居民基本养老保险参保登记", "公共服务", "偃师区人力资源和社会保障局", 0, 1, 0, true, true, true, "2019-06-18", "", "《中华人民共和国社会保险法》"},
	{"不动产登记资料查询", "公共服务", "偃师区不动产登记中心", 0, 1, 0, true, true, true, "2019-06-18", "", "《不动产登记资料查询暂行办法》"},
	{"医疗保障参保信息变更", "公共服务", "偃师区医疗保障局", 0, 1, 0, true, true, true, "2021-05-20", "", "《中华人民共和国社会保险法》"},
	{"烟草专卖零售许可证核发", "行政许可", "偃师区烟草专卖局", 20, 10, 1, true, true, false, "2019-06-18", "", "《中华人民共和国烟草专卖法实施条例》"},
	{"排污许可", "行政许可", "洛阳市生态环境局偃师分局", 30, 15, 1, true, true, false, "2020-03-10", "", "《排污许可管理条例》"},
	{"建设项目环境影响评价文件审批", "行政许可", "洛阳市生态环境局偃师分局", 60, 20, 1, true, true, false, "2019-06-18", "2023-05-16", "《中华人民共和国环境影响评价法》第二十二条"},
	{"政府信息公开申请办理", "公共服务", uGovService, 20, 10, 0, true, true, true, "2022-08-25", "", "《中华人民共和国政府信息公开条例》第三十三条"},
	// Left the catalogue in 2022 (取消 or merged after the 四级三十二同 review).
	{"粮食收购资格认定", "行政许可", "偃师区粮食和物资储备中心", 15, 10, 2, false, false, false, "2019-06-18", "2022-03-01", "《粮食流通管理条例》（2021年修订前）"},
	{"旅馆业特种行业许可证核发（窗口受理）", "行政许可", "洛阳市公安局偃师分局", 20, 10, 3, false, false, false, "2019-06-18", "2022-08-25", "《旅馆业治安管理办法》"},
	{"出版物零售单位设立审批", "行政许可", "偃师区文化广电和旅游局", 20, 10, 2, true, false, false, "2019-06-18", "2022-08-25", "《出版管理条例》第三十七条"},
	{"建筑企业资质证书遗失补办", "其他行政权力", uHousing, 20, 10, 2, false, false, false, "2019-06-18", "2022-11-10", "《建筑业企业资质管理规定》"},
	// Joined in 2023.
	{"养老机构备案", "行政备案", "偃师区民政局", 0, 1, 0, true, true, true, "2023-02-15", "", "《中华人民共和国老年人权益保障法》第四十三条"},
	{"个人独资企业设立登记", "行政许可", uMarket, 15, 1, 0, true, true, true, "2023-02-15", "", "《中华人民共和国个人独资企业法》"},
	{"劳务派遣经营许可", "行政许可", "偃师区人力资源和社会保障局", 20, 5, 0, true, true, true, "2023-03-01", "", "《劳务派遣行政许可实施办法》"},
}

var kindAbbr = map[string]string{"行政许可": "XK", "行政确认": "QR", "行政裁决": "CJ", "行政给付": "JF", "行政奖励": "JL",
	"行政备案": "BA", "其他行政权力": "QT", "公共服务": "GG"}

// unitCode returns the 单位编码 of a unit named name.
func unitCode(name string) string {
	for _, u := range units {
		if u.Name == name {
			return u.Code
		}
	}
	panic("demo: no unit " + name)
}

// itemCode is an item's 事项编码: kind, implementing unit, serial.
func itemCode(kind, agency string, n int) string {
	return fmt.Sprintf("%s-%s-%03d", kindAbbr[kind], unitCode(agency), n)
}

func serviceItemTable(g *gen) (*table, error) {
	g.seed("service_item")
	t := &table{ledger: "service_item", file: "12-政务服务事项目录.xlsx", title: "偃师区政务服务事项目录（实施清单）",
		header: []string{"序号", "事项编码", "事项名称", "事项类型", "实施主体", "实施主体性质", "行使层级", "设定依据", "受理条件", "申请材料",
			"法定办结时限（工作日）", "承诺办结时限（工作日）", "跑动次数", "网上可办", "网上办理深度", "一网通办", "不见面审批", "即办件",
			"是否收费", "办理地点", "咨询电话", "监督投诉电话", "通办范围", "纳入目录日期", "取消日期"}}
	for i, it := range serviceItems {
		depth := "四级"
		switch {
		case !it.online:
			depth = "一级"
		case it.visits > 0:
			depth = "三级"
		}
		var legal any = it.legal
		if it.legal == 0 {
			legal = nil // 法律未规定办结时限
		}
		var cancelled any
		if it.cancelled != "" {
			cancelled = date(it.cancelled)
		}
		scope := "全区"
		if it.oneNet && g.chance(0.4) {
			scope = "全市"
		}
		materials := "申请书；营业执照或身份证明；" + strings.TrimSuffix(it.name, "核发") + "相关材料"
		t.add(i+1, itemCode(it.kind, it.agency, i+1), it.name, it.kind, it.agency, "法定机关", "县级", it.basis,
			"符合"+it.basis+"规定的条件", materials, legal, it.promised, it.visits, it.online, depth, it.oneNet, it.noVisit,
			it.promised <= 1 && it.visits == 0, false, "偃师区政务服务中心"+pick(g, []string{"一楼", "二楼", "三楼"})+"综合受理窗口",
			fmt.Sprintf("0379-6771%04d", g.between(1000, 9999)), "0379-12345", scope, date(it.listed), cancelled)
	}
	return t, nil
}
