package ledger

import (
	"errors"
	"slices"
	"strings"

	"fazhi/ident"
)

// Reconsideration is the 行政复议案件 ledger: one record per application,
// from receipt through review (复议法 2023 arts 30-33) to the decision (arts 62-74).
var Reconsideration = func() *Definition {
	d := &Definition{
		ID:      "reconsideration",
		Name:    "行政复议案件",
		Key:     []string{"case_no"},
		Owner:   "respondent",
		Central: true,
		Fields: []Field{
			{Name: "case_no", Label: "案号", Type: Text, Required: true, Normalize: normalizeCaseNo, Check: checkCaseNo, Note: "如 偃政复〔2022〕1号",
				Synonyms: []string{"案件编号", "本机关案号", "复议案号", "案件号", "立案编号", "收案编号"}},
			{Name: "applicant", Label: "申请人", Type: Text, Required: true, Personal: true, Synonyms: []string{"申请人姓名", "申请人名称", "申请人姓名或名称"}},
			{Name: "applicant_type", Label: "申请人类型", Type: Enum, Enum: []string{"自然人", "法人", "非法人组织"}, Values: applicantTypeValues, Synonyms: []string{"申请人类别"}},
			{Name: "applicant_id", Label: "申请人证件号", Type: Text, Normalize: normalizeCode, Check: ident.CheckPartyID, Sensitive: true, Note: "身份证号码或统一社会信用代码，校验位必须正确",
				Synonyms: []string{"证件号码", "申请人证件号码", "申请人身份证号", "身份证号码", "证件号"}},
			{Name: "respondent", Label: "被申请人", Type: UnitRef, Required: true, Note: "单位名录中的单位名称", Synonyms: []string{"被申请人名称", "被申请机关", "被申请单位"}},
			{Name: "act_category", Label: "行为类别", Type: Enum, Enum: []string{"行政处罚", "行政强制", "行政许可", "行政征收征用", "行政确认", "政府信息公开", "举报投诉处理", "行政不作为", "行政协议", "工伤认定", "行政补偿", "行政裁决", "其他"},
				Values: reconActValues, Synonyms: []string{"申请复议事项", "行政行为类别", "被申请行为类别", "复议事项类别", "案件类别", "行为种类"}},
			{Name: "application_method", Label: "申请方式", Type: Enum, Enum: []string{"书面", "口头", "网上", "邮寄"}, Values: applicationMethodValues, Synonyms: []string{"收文方式", "收案方式", "申请途径"}},
			{Name: "received_on", Label: "收到申请日期", Type: Date, Required: true,
				Synonyms: []string{"收文日期", "收案时间", "收到申请时间", "收案日期", "收件日期", "收到日期", "申请收到日期"}},
			{Name: "review_result", Label: "审查结果", Type: Enum, Required: true, Enum: []string{"受理", "视为受理", "告知补正", "不予受理", "转送", "审查中"},
				Values: reviewResultValues, Synonyms: []string{"受理情况", "审查结论", "受理审查结果", "受理审查情况"}},
			{Name: "correction_notice_on", Label: "补正通知日期", Type: Date},
			{Name: "correction_received_on", Label: "补正材料收到日期", Type: Date},
			{Name: "accepted_on", Label: "受理日期", Type: Date, Note: "审查结果为受理或视为受理时必填", Synonyms: []string{"立案日期", "受理时间"}},
			{Name: "procedure", Label: "审理程序", Type: Enum, Enum: []string{"普通", "简易"}, Values: procedureValues, Synonyms: []string{"适用程序"}},
			{Name: "suspended_on", Label: "中止日期", Type: Date},
			{Name: "resumed_on", Label: "恢复日期", Type: Date},
			{Name: "extended", Label: "是否延期", Type: Bool, Note: "是/否"},
			{Name: "concluded_on", Label: "结案日期", Type: Date, Synonyms: []string{"结案时间", "审结日期", "决定日期", "作出决定日期"}},
			{Name: "conclusion", Label: "结案方式", Type: Enum, Enum: ReconsiderationConclusions,
				Values: reconConclusionValues, Ambiguous: reconConclusionAmbiguous, Synonyms: []string{"结案情况", "审理结果", "复议决定", "决定类型", "处理结果"}},
			{Name: "decision_no", Label: "决定书文号", Type: Text, Normalize: ident.NormalizeDocNumber, Check: ident.CheckDocNumber, Synonyms: []string{"复议决定书文号", "决定书编号", "决定文号"}},
			{Name: "handler", Label: "承办人", Type: Text, MaxLen: 100, Synonyms: []string{"承办人员", "经办人", "承办人员姓名"}},
			{Name: "admin_domain", Label: "行政管理领域", Type: Enum, Enum: AdminDomains, Note: "如 公安、市场监管、自然资源、城市管理；乡镇街道综合执法填 综合行政执法",
				Synonyms: []string{"行政管理类型", "管理领域", "行政管理类别"}},
			{Name: "acceptance_due_on", Label: "受理审查期限", Type: Date, Derived: true, Note: "自动计算：收到申请（补正的，收到补正材料）后5个工作日"},
			{Name: "correction_due_on", Label: "补正期限", Type: Date, Derived: true, Note: "自动计算：补正通知后10个工作日（2023年修订的行政复议法）"},
			{Name: "decision_due_on", Label: "决定期限", Type: Date, Derived: true, Note: "自动计算：受理后60日（简易程序30日，延期加30日，扣除中止期间）"},
		},
		Deadlines: []Deadline{
			// 复议法 2023 art 30 (2017 law art 17): review within 5 working days of
			// receipt. After a 补正 notice the review waits for the materials
			// (2023 law art 31; 2017 条例 art 29) and runs again from their arrival.
			{Rule: "reconsideration.acceptance", From: "received_on", Due: "acceptance_due_on", Done: "accepted_on",
				Restart: "correction_received_on", Paused: awaitingCorrection,
				Closed: func(r Record) bool {
					return slices.Contains([]string{"不予受理", "转送"}, r.String("review_result"))
				}},
			// 复议法 2023 art 31: the applicant completes the materials within 10 working days.
			{Rule: "reconsideration.correction", From: "correction_notice_on", Due: "correction_due_on", Done: "correction_received_on",
				Closed: func(r Record) bool { _, accepted := r["accepted_on"]; return accepted }},
			// 复议法 2023 art 62 (2017 law art 31): decide within 60 days of acceptance.
			{Rule: "reconsideration.decision", From: "accepted_on", Due: "decision_due_on", Done: "concluded_on",
				Extended: "extended", Simplified: func(r Record) bool { return r.String("procedure") == "简易" },
				SuspendFrom: "suspended_on", SuspendTo: "resumed_on", LawDate: "accepted_on"},
		},
	}
	d.Checks = append([]RecordCheck{
		dateOrder(d, "received_on", "accepted_on"),
		dateOrder(d, "received_on", "correction_notice_on"),
		dateOrder(d, "correction_notice_on", "correction_received_on"),
		dateOrder(d, "accepted_on", "suspended_on"),
		dateOrder(d, "suspended_on", "resumed_on"),
		dateOrder(d, "received_on", "concluded_on"),
		dateOrder(d, "accepted_on", "concluded_on"),
		requiredWhen(d, "accepted_on", "review_result", "受理", "视为受理"),
		{Field: "accepted_on", Check: func(r Record) error {
			if _, ok := r["accepted_on"]; ok && slices.Contains([]string{"不予受理", "转送"}, r.String("review_result")) {
				return errors.New("审查结果为不予受理或转送的案件不应有受理日期")
			}
			return nil
		}},
	}, together(d, "concluded_on", "conclusion")...)
	return register(d)
}()

// AdminDomains are the 行政管理领域 of a reconsideration case, as the
// 复议 statistics of 司法部 and county reports break cases down.
var AdminDomains = []string{"公安", "市场监管", "自然资源", "城市管理", "住房城乡建设", "交通运输", "人力资源社会保障",
	"农业农村", "卫生健康", "生态环境", "民政", "教育", "综合行政执法", "其他"}

// ReconsiderationConclusions are the ways a reconsideration case ends
// (复议法 2023 arts 63-74, with 终止 under art 41). 撤销并责令重作 is its own
// way (art 64: 撤销 … 并可以责令被申请人在一定期限内重新作出行政行为).
var ReconsiderationConclusions = []string{"维持", "驳回复议请求", "驳回申请", "撤销", "撤销并责令重作", "部分撤销", "变更", "确认违法", "确认无效", "责令履行", "调解", "和解后终止", "撤回申请终止", "其他终止"}

// awaitingCorrection reports a case whose 补正 notice is out and whose
// materials have not arrived.
func awaitingCorrection(r Record) bool {
	_, noticed := r["correction_notice_on"]
	_, received := r["correction_received_on"]
	return noticed && !received
}

// normalizeCaseNo folds the brackets of a case number to the forms courts and
// 复议机构 print: 〔〕 around a 复议 year, （） around a court year.
func normalizeCaseNo(s string) string {
	s = Fold(s)
	if strings.HasPrefix(s, "(") || strings.HasPrefix(s, "（") {
		return canonicalSeq(strings.NewReplacer("(", "（", ")", "）").Replace(s))
	}
	return normalizeDocNo(s)
}

// normalizeCode folds full-width characters and upper-cases a code.
func normalizeCode(s string) string { return strings.ToUpper(Fold(s)) }
