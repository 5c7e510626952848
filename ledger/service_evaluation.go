package ledger

import "errors"

// EvaluationGrades are the five grades of 好差评; the last two are 差评
// (国办发〔2019〕51号; GB/T 39734-2020).
var EvaluationGrades = []string{"非常满意", "满意", "基本满意", "不满意", "非常不满意"}

// isBadReview reports a 差评 (不满意 or 非常不满意).
func isBadReview(r Record) bool {
	g := r.String("grade")
	return g == "不满意" || g == "非常不满意"
}

// ServiceEvaluation is the 政务服务评价（好差评） ledger: one record per
// evaluation, with the rectification of each 差评.
var ServiceEvaluation = func() *Definition {
	d := &Definition{
		ID:    "service_evaluation",
		Name:  "政务服务评价（好差评）",
		Key:   []string{"no"},
		Owner: "unit",
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 PJ2022-00001"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "channel", Label: "渠道", Type: Enum, Required: true, Enum: []string{"电话回访", "网上", "现场", "短信"}, Values: evaluationChannelValues, Synonyms: []string{"评价渠道", "评价方式", "评价来源"}},
			{Name: "subject", Label: "事项或部门", Type: Text},
			{Name: "unit", Label: "被评价单位", Type: UnitRef},
			{Name: "grade", Label: "评价等级", Type: Enum, Required: true, Enum: EvaluationGrades, Values: evaluationGradeValues, Synonyms: []string{"评价结果", "满意度", "评价"}},
			{Name: "rectification", Label: "差评整改情况", Type: Text},
			{Name: "rectified_on", Label: "整改完成日期", Type: Date},
			{Name: "rectification_due_on", Label: "差评整改期限", Type: Date, Derived: true, Note: "自动计算：差评整改反馈期限（可配置）"},
		},
		Deadlines: []Deadline{
			// 国办发〔2019〕51号: every 差评 is verified, rectified and answered;
			// the period is local (deadline rule service.bad_review).
			{Rule: "service.bad_review", From: "date", Due: "rectification_due_on", Done: "rectified_on", Applies: isBadReview},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "date", "rectified_on"),
		{Field: "rectified_on", Check: func(r Record) error {
			if _, ok := r["rectified_on"]; ok && r["grade"] != nil && !isBadReview(r) {
				return errors.New("只有差评（不满意、非常不满意）才有整改完成日期")
			}
			return nil
		}},
	}
	return register(d)
}()
