package deadline

import "sort"

// Law titles as cited in results.
const (
	lawRecon2023 = "《中华人民共和国行政复议法》（2023年修订）"
	lawRecon2017 = "《中华人民共和国行政复议法》（2017年修正）"
	lawReconReg  = "《中华人民共和国行政复议法实施条例》"
	lawLitig     = "《中华人民共和国行政诉讼法》（2017年修正）"
)

// Notes on how the periods are counted, shown with the rule.
const (
	noteRecon2023Work = "第八十八条第二款：“三日”“五日”“七日”“十日”指工作日，不含法定休假日"
	noteRecon2017Work = "第四十条：“五日”“七日”指工作日，不含节假日"
	noteRecon2023Days = "自然日；期间计算依第八十八条第一款适用《民事诉讼法》第八十五条，最后一日为法定休假日的顺延"
	noteRecon2017Days = "自然日（第四十条只把“五日”“七日”定为工作日）；期间计算依第四十条适用《民事诉讼法》，最后一日为法定休假日的顺延"
	noteLitigDays     = "自然日；第一百零一条适用《民事诉讼法》第八十五条，最后一日为法定休假日的顺延"
)

// rules is the registry. Each entry cites the article it follows; where the
// text was not read (see /work/shared/docs/law.md, 最不确定的事实) the period
// is Configurable and the note says so.
var rules = []Rule{
	{
		ID: "reconsideration.acceptance", Name: "行政复议申请审查（决定是否受理）", Start: "收到行政复议申请之日",
		// 2023 art 30: 收到申请后五日内审查; art 88 para 2: 五日 = working days.
		Version: Version{Law: lawRecon2023, Article: "第三十条、第八十八条第二款", Unit: Workdays, Period: 5,
			Note: noteRecon2023Work + "；期满未决定不予受理的，视为受理（第三十条）"},
		// 2017 art 17: 五日内进行审查; art 40: 五日 = working days.
		Old: &Version{Law: lawRecon2017, Article: "第十七条、第四十条", Unit: Workdays, Period: 5, Note: noteRecon2017Work},
	},
	{
		ID: "reconsideration.correction", Name: "申请人补正材料", Start: "申请人收到补正通知之日",
		// 2023 art 31: 自收到补正通知之日起十日内提交补正材料; art 88 para 2.
		Version: Version{Law: lawRecon2023, Article: "第三十一条、第八十八条第二款", Unit: Workdays, Period: 10,
			Note: noteRecon2023Work + "；无正当理由逾期不补正的，视为放弃申请"},
		// The 2017 law sets no period; 实施条例 art 29 leaves it to the notice.
		Old: &Version{Law: lawReconReg, Article: "第二十九条", Unit: Days, Period: 0, Configurable: true,
			Note: "旧法未规定补正期限，由补正通知载明合理期限；请用 --days 指定补正通知载明的天数（自然日）"},
	},
	{
		ID: "reconsideration.answer", Name: "被申请人提出书面答复", Start: "被申请人收到申请书副本或者申请笔录复印件之日",
		// 2023 art 48: 十日内提出书面答复; art 54: simplified 五日; art 88 para 2.
		Version: Version{Law: lawRecon2023, Article: "第四十八条、第五十四条、第八十八条第二款", Unit: Workdays, Period: 10,
			Simplified: 5, Note: noteRecon2023Work},
		// 2017 art 23: 十日内; not a working-day period under art 40.
		Old: &Version{Law: lawRecon2017, Article: "第二十三条、第四十条", Unit: Days, Period: 10, Note: noteRecon2017Days},
	},
	{
		ID: "reconsideration.decision", Name: "作出行政复议决定", Start: "受理行政复议申请之日", Suspendable: true,
		// 2023 art 62: 普通程序六十日, 延长最多三十日; 简易程序三十日. Natural days (art 88).
		Version: Version{Law: lawRecon2023, Article: "第六十二条、第八十八条第一款", Unit: Days, Period: 60,
			Extension: 30, Simplified: 30, Note: noteRecon2023Days + "；中止期间（第三十九条）不计入"},
		// 2017 art 31: 六十日, 延长最多不超过三十日; no simplified procedure.
		Old: &Version{Law: lawRecon2017, Article: "第三十一条、第四十条", Unit: Days, Period: 60, Extension: 30,
			Note: noteRecon2017Days + "；中止期间不计入"},
	},
	{
		ID: "reconsideration.application", Name: "申请行政复议期限", Start: "知道或者应当知道行政行为之日",
		// 2023 art 20 para 1 / 2017 art 9 para 1: 六十日内提出申请.
		Version: Version{Law: lawRecon2023, Article: "第二十条第一款", Unit: Days, Period: 60, Note: noteRecon2023Days},
		Old:     &Version{Law: lawRecon2017, Article: "第九条第一款", Unit: Days, Period: 60, Note: noteRecon2017Days},
	},
	{
		ID: "litigation.defence", Name: "行政诉讼提交答辩状和证据", Start: "收到起诉状副本之日",
		// 行政诉讼法 art 67 para 1: 收到起诉状副本之日起十五日内提交证据、依据并提出答辩状.
		Version: Version{Law: lawLitig, Article: "第六十七条第一款", Unit: Days, Period: 15, Note: noteLitigDays},
	},
	{
		ID: "litigation.appeal_judgment", Name: "不服一审判决上诉", Start: "判决书送达之日",
		// 行政诉讼法 art 85: 判决书送达之日起十五日内.
		Version: Version{Law: lawLitig, Article: "第八十五条", Unit: Days, Period: 15, Note: noteLitigDays},
	},
	{
		ID: "litigation.appeal_ruling", Name: "不服一审裁定上诉", Start: "裁定书送达之日",
		// 行政诉讼法 art 85: 裁定书送达之日起十日内.
		Version: Version{Law: lawLitig, Article: "第八十五条", Unit: Days, Period: 10, Note: noteLitigDays},
	},
	{
		ID: "litigation.sue", Name: "提起行政诉讼期限", Start: "知道或者应当知道作出行政行为之日",
		// 行政诉讼法 art 46 para 1: 六个月内提出; months counted under 民法典 arts 201–203.
		Version: Version{Law: lawLitig, Article: "第四十六条第一款", Unit: Months, Period: 6,
			Note: "按月计算，到期月的对应日为最后一日（《民法典》第二百零二条），最后一日为法定休假日的顺延"},
	},
	{
		ID: "normdoc.filing", Name: "规范性文件报送备案", Start: "规范性文件公布之日",
		// 国发〔2008〕17号: 市县政府及其部门发布规范性文件后15日内报送备案 (law.md: from
		// memory; Henan 省政府令226号 not read). Configurable.
		Version: Version{Law: "《国务院关于加强市县政府依法行政的决定》（国发〔2008〕17号）", Article: "“发布之日起15日内报送备案”（条目未核对）",
			Unit: Days, Period: 15, Configurable: true,
			Note: "默认15日（自然日，最后一日为法定休假日的顺延）；《河南省行政规范性文件管理办法》（省政府令第226号）的报备期限未核对，可在配置中修改"},
	},
	{
		ID: "normdoc.expiry", Name: "规范性文件有效期届满", Start: "规范性文件施行之日",
		// Validity: ≤ 5 years common practice (≤ 2 for 暂行/试行); law.md, from memory.
		Version: Version{Law: "《河南省行政规范性文件管理办法》（河南省人民政府令第226号）",
			Article: "有效期条款（未核对；通行做法一般不超过5年，暂行、试行不超过2年）",
			Unit:    Validity, Period: 5, Configurable: true,
			Note: "有效期含施行当日，届满日为最后有效的一日（如2019-01-01施行、有效期5年，至2023-12-31），不因节假日顺延；年数可配置或用 --days 指定"},
	},
	{
		ID: "rectification", Name: "整改事项", Start: "整改时限（用 --days 时为下发整改要求之日）",
		// The issuing document sets the date; --days N counts N natural days instead.
		Version: Version{Law: "整改通知、督察意见或问题清单", Article: "载明的整改时限", Unit: Fixed, Configurable: true,
			Note: "届满日即载明的整改时限；如要求写作“N日内整改”，用 --days N 从下发之日起按自然日计算"},
	},
	{
		ID: "contract.review", Name: "合同合法性审查", Start: "合同送审之日",
		// No statute fixes a contract review period. 国办发〔2018〕115号 sets the
		// 合法性审核 of normative documents at 一般不少于5个工作日、最长不超过15个工作日;
		// by analogy the review is late after 15 working days. (重大行政决策程序
		// 暂行条例 art 26's 7 working days is a minimum owed to the reviewer, not
		// a limit.)
		Version: Version{Law: "《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）（参照）",
			Article: "合法性审核时间一般不少于5个工作日、最长不超过15个工作日",
			Unit:    Workdays, Period: 15, Configurable: true,
			Note: "法律未规定合同审查期限；默认参照规范性文件合法性审核的最长期限15个工作日，可用 fazhi config 修改"},
	},
	{
		ID: "service.bad_review", Name: "政务服务差评整改反馈", Start: "收到差评之日",
		// 国办发〔2019〕51号 sets no national limit; local rules: 5 working days
		// (德州), 7 days, 15 working days (a Sichuan city). Default: the
		// strictest, so no record shows 正常 when a stricter local rule applies.
		Version: Version{Law: "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）",
			Article: "“差评整改反馈”（全国未定时限；默认参照德州市方案“5个工作日内整改反馈”）",
			Unit:    Workdays, Period: 5, Configurable: true,
			Note: "全国未统一规定时限，各地有5个工作日、7日、15个工作日等；默认取最严的5个工作日，可在配置中修改"},
	},
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(rules))
	for i := range rules {
		m[rules[i].ID] = &rules[i]
	}
	return m
}()

// Rules returns a copy of every rule, sorted by ID, for `fazhi deadline --list`.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i := range rules {
		out[i] = rules[i].clone()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns a copy of the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	r, ok := byID[id]
	if !ok {
		return Rule{}, false
	}
	return r.clone(), true
}

func (r *Rule) clone() Rule {
	c := *r
	if r.Old != nil {
		old := *r.Old
		c.Old = &old
	}
	return c
}
