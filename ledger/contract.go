package ledger

import "fazhi/ident"

// Contract is the 重大合同合法性审查 ledger: contracts the district
// government signs, reviewed for legality before signing, with the
// lawyer's opinion and the review meeting (重大行政决策程序暂行条例 art 25-27
// applied by analogy; 国办发〔2018〕115号 on 合法性审核).
var Contract = func() *Definition {
	d := &Definition{
		ID:    "contract",
		Name:  "重大合同合法性审查",
		Key:   []string{"contract_no"},
		Owner: "department",
		Fields: []Field{
			{Name: "contract_no", Label: "合同编号", Type: Text, Required: true, Note: "如 YSHT-2022-015"},
			{Name: "title", Label: "合同名称", Type: Text, Required: true},
			{Name: "department", Label: "承办单位", Type: UnitRef},
			{Name: "counterparty", Label: "相对方", Type: Text},
			{Name: "counterparty_uscc", Label: "相对方统一社会信用代码", Type: Text, Normalize: normalizeCode, Check: ident.CheckUSCC,
				Note: "18位，校验位必须正确"},
			{Name: "amount", Label: "合同金额（万元）", Type: Decimal, Scale: 4, Min: int64p(0), AmountUnit: "万元",
				PlausibleMax: 100000 * 10000, Synonyms: []string{"合同价款", "合同总金额", "合同标的额"}},
			{Name: "submitted_on", Label: "送审日期", Type: Date, Required: true},
			{Name: "meeting_on", Label: "研判会议日期", Type: Date},
			{Name: "opinion", Label: "审查意见", Type: Enum, Enum: []string{"同意", "修改后同意", "不同意"}, Note: "出具审查意见时填写", Values: contractOpinionValues, Synonyms: []string{"审查结论", "合法性审查意见"}},
			{Name: "suggestions", Label: "修改建议条数", Type: Int, Min: int64p(0)},
			{Name: "lawyer_opinion", Label: "律师意见", Type: Text},
			{Name: "opinion_on", Label: "出具意见日期", Type: Date, Note: "审查中的合同留空"},
			{Name: "signed_on", Label: "签订日期", Type: Date},
			{Name: "review_due_on", Label: "审查期限", Type: Date, Derived: true, Note: "自动计算：送审后7个工作日（可配置）"},
		},
		Deadlines: []Deadline{
			// No statute fixes it: 重大行政决策程序暂行条例 art 26 (by analogy),
			// 7 working days by default, configurable (deadline rule contract.review).
			{Rule: "contract.review", From: "submitted_on", Due: "review_due_on", Done: "opinion_on"},
		},
	}
	d.Checks = append([]RecordCheck{
		dateOrder(d, "submitted_on", "meeting_on"),
		dateOrder(d, "meeting_on", "opinion_on"),
		dateOrder(d, "submitted_on", "opinion_on"),
		dateOrder(d, "opinion_on", "signed_on"),
	}, together(d, "opinion", "opinion_on")...)
	return register(d)
}()
