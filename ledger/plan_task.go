package ledger

import "errors"

// PlanTaskStatuses are the states of a task.
var PlanTaskStatuses = []string{"未开始", "推进中", "已完成", "逾期"}

// PlanTask is the 规划方案任务分解 ledger: the tasks of the 一规划两方案
// (法治偃师建设规划, 法治政府建设实施方案, 法治社会建设实施方案) and the
// yearly 工作要点, each with a lead unit and a time limit.
var PlanTask = func() *Definition {
	d := &Definition{
		ID:      "plan_task",
		Name:    "规划方案任务分解",
		Key:     []string{"no"},
		Owner:   "lead_unit",
		Central: true,
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 FZZF-2022-03"},
			{Name: "document", Label: "所属文件", Type: Text, Required: true, Note: "如《偃师区法治政府建设实施方案（2022—2025年）》"},
			{Name: "task", Label: "任务", Type: Text, Required: true},
			{Name: "lead_unit", Label: "牵头单位", Type: UnitRef, Required: true, Synonyms: []string{"责任单位", "牵头部门"}},
			{Name: "partners", Label: "配合单位", Type: Text, Note: "多个单位用顿号分隔"},
			{Name: "due_on", Label: "完成时限", Type: Date, Required: true, Term: "due_term", Synonyms: []string{"时限要求", "完成时间"},
				Note: "日期，或“2024年12月底前”；“长期坚持”“立行立改”等不写日期的时限填在此处亦可，原文记入时限说明"},
			{Name: "due_term", Label: "时限说明", Type: Text, MaxLen: 200, Note: "不写日期的完成时限原文，如 长期坚持"},
			{Name: "progress", Label: "进展情况", Type: Text},
			{Name: "status", Label: "状态", Type: Enum, Required: true, Enum: PlanTaskStatuses, Values: planStatusValues, Synonyms: []string{"完成情况", "推进状态"}},
			{Name: "done_on", Label: "完成日期", Type: Date},
		},
		Deadlines: []Deadline{
			// The document itself sets the time limit (rule rectification: a fixed date).
			{Rule: "rectification", Due: "due_on", Done: "done_on"},
		},
	}
	d.Checks = []RecordCheck{
		requiredWhen(d, "done_on", "status", "已完成"),
		{Field: "done_on", Check: func(r Record) error {
			if _, ok := r["done_on"]; ok && r.String("status") != "已完成" {
				return errors.New("填写了完成日期的任务，状态应为“已完成”")
			}
			return nil
		}},
	}
	return register(d)
}()
