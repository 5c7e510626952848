package ledger

import "errors"

// BizenvIssue is the 营商环境问题整改台账: problems found by the
// 营商环境评价, the special supervisors or enterprises, each with a
// responsible unit, a time limit and its rectification.
var BizenvIssue = func() *Definition {
	d := &Definition{
		ID:      "bizenv_issue",
		Name:    "营商环境问题整改台账",
		Key:     []string{"no"},
		Owner:   "unit",
		Central: true,
		Fields: []Field{
			{Name: "no", Label: "问题编号", Type: Text, Required: true, Note: "如 YSYH-2022-001"},
			{Name: "year", Label: "年度", Type: Year, Note: "问题所属的评价或整改年度"},
			{Name: "description", Label: "问题描述", Type: Text, Required: true},
			{Name: "source", Label: "来源", Type: Enum, Enum: []string{"营商环境评价反馈", "特邀监督员反映", "企业反映", "督查发现", "其他"}},
			{Name: "indicator", Label: "关联指标", Type: Text},
			{Name: "unit", Label: "责任单位", Type: UnitRef, Required: true, Synonyms: []string{"责任部门", "牵头单位"}},
			{Name: "recorded_on", Label: "登记日期", Type: Date},
			{Name: "due_on", Label: "整改时限", Type: Date, Required: true, Term: "due_term", Synonyms: []string{"整改期限", "完成时限"},
				Note: "日期，或“2024年12月底前”；“长期坚持”“立行立改”原文记入时限说明"},
			{Name: "due_term", Label: "时限说明", Type: Text, MaxLen: 200, Note: "不写日期的整改时限原文，如 立行立改"},
			{Name: "measures", Label: "整改措施", Type: Text},
			{Name: "status", Label: "整改状态", Type: Enum, Required: true, Enum: []string{"未整改", "整改中", "已整改"}, Values: issueStatusValues, Synonyms: []string{"整改情况", "整改进度"}},
			{Name: "done_on", Label: "完成日期", Type: Date},
		},
		Deadlines: []Deadline{
			// The rectification list sets each time limit (deadline rule rectification: a fixed date).
			{Rule: "rectification", Due: "due_on", Done: "done_on"},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "recorded_on", "due_on"),
		dateOrder(d, "recorded_on", "done_on"),
		requiredWhen(d, "done_on", "status", "已整改"),
		{Field: "done_on", Check: func(r Record) error {
			if _, ok := r["done_on"]; ok && r["status"] != nil && r.String("status") != "已整改" {
				return errors.New("填写了完成日期的问题，整改状态应为“已整改”")
			}
			return nil
		}},
	}
	return register(d)
}()
