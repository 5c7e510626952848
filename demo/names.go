package demo

import (
	"fmt"
	"strings"

	"fazhi/ident"
)

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")

var givenNames = []string{"建国", "秀兰", "志强", "桂英", "国庆", "丽娟", "红霞", "海军", "晓东", "玉梅", "振华", "春生", "金凤", "永刚",
	"淑珍", "德明", "小燕", "卫东", "新民", "俊杰", "雪梅", "保全", "文静", "铁柱", "浩然", "子涵", "欣怡", "宇航", "思远", "佳琪",
	"明辉", "丽萍", "建军", "海燕", "晓丽", "国强", "艳红", "军", "伟", "敏", "静", "磊", "洋", "勇", "霞", "鹏飞", "亚楠", "瑞"}

// person returns a plausible Chinese name.
func (g *gen) person() string {
	return string(pick(g, surnames)) + pick(g, givenNames)
}

var (
	firmPrefixes = []string{"洛阳", "偃师市", "洛阳市偃师区", "河南", "洛阳"}
	firmCores    = []string{"恒达", "宏鑫", "顺发", "嘉和", "鑫源", "万通", "中原", "伊洛", "首阳", "缑山", "华夏", "金鼎", "瑞丰", "天宇", "鸿运",
		"龙腾", "新科", "盛世", "永安", "汇丰", "东方", "正泰", "博远", "佳美", "广源", "晨光", "洛神", "二里头", "商都", "邙山", "银河",
		"巨龙", "宇通", "华耀", "兴隆", "昌盛", "德盛", "和顺", "明德", "同创"}
	firmTrades = []string{"建材", "机械制造", "商贸", "置业", "物流", "新能源科技", "农业发展", "食品", "耐火材料", "钢制家具", "三轮摩托车",
		"电子科技", "光伏科技", "生物科技", "纺织", "包装材料", "汽车服务", "建筑工程", "环保科技", "医疗器械", "铸造", "石材"}
	firmForms = []string{"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"}
)

// firm returns an enterprise name and its 统一社会信用代码, registered in
// 偃师 (410381 before the 2021 change to a district, 410307 after).
func (g *gen) firm() (string, string) {
	name := pick(g, firmPrefixes) + pick(g, firmCores) + pick(g, firmTrades) + pick(g, firmForms)
	region := "410381"
	if g.chance(0.25) {
		region = "410307"
	}
	return name, g.uscc("91", region)
}

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// uscc builds a 统一社会信用代码 with both check characters right
// (GB 32100-2015; GB 11714-1997 for the organisation code).
func (g *gen) uscc(kind, region string) string {
	var b strings.Builder
	if g.chance(0.6) { // organisation codes assigned since 2015 start with MA
		b.WriteString("MA")
		for b.Len() < 8 {
			b.WriteByte(usccChars[g.r.IntN(len(usccChars))])
		}
	} else {
		fmt.Fprintf(&b, "%08d", g.r.IntN(1e8))
	}
	s := b.String()
	s += string(ident.OrgCheckChar(s))
	body := kind + region + s
	return body + string(ident.USCCCheckChar(body))
}
