package ledger

import "fmt"

// CaseReview is the 行政执法案卷评查 ledger: the scores of enforcement case
// files reviewed by the government each year (河南省行政执法条例 art 40).
var CaseReview = func() *Definition {
	d := &Definition{
		ID:      "case_review",
		Name:    "行政执法案卷评查",
		Key:     []string{"file_no"},
		Owner:   "agency",
		Central: true,
		Fields: []Field{
			{Name: "file_no", Label: "案卷编号", Type: Text, Required: true, Note: "执法决定书文号或案卷号"},
			{Name: "agency", Label: "执法单位", Type: UnitRef, Required: true},
			{Name: "kind", Label: "案件类型", Type: Enum, Enum: []string{"行政处罚", "行政许可", "行政强制", "行政检查", "行政征收", "行政确认", "其他"}},
			{Name: "batch", Label: "评查批次", Type: Text},
			{Name: "reviewed_on", Label: "评查日期", Type: Date, Required: true},
			{Name: "score", Label: "得分", Type: Decimal, Scale: 1, Required: true, Min: int64p(0), Note: "百分制"},
			{Name: "grade", Label: "等次", Type: Enum, Required: true, Enum: []string{"优秀", "合格", "不合格"}},
			{Name: "problems", Label: "主要问题", Type: Text},
			{Name: "reviewer", Label: "评查人", Type: Text},
		},
	}
	d.Checks = []RecordCheck{{Field: "score", Check: func(r Record) error {
		if s, ok := r.Int("score"); ok && s > 1000 { // Scale 1: 100.0
			return fmt.Errorf("得分 %s 超过满分100分", FormatScaled(s, 1))
		}
		return nil
	}}}
	return register(d)
}()
