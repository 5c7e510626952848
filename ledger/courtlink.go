package ledger

// CourtlinkKinds are the kinds of 府院联动 work the district records.
var CourtlinkKinds = []string{"联席会议", "信息共享", "重大疑难案件研讨", "未履行生效判决清理", "司法建议"}

// Courtlink is the 府院联动事项 ledger: joint meetings with the court,
// information sharing, case conferences on difficult lawsuits, the clean-up
// of judgments agencies have not performed and the court's judicial
// suggestions (《关于建立常态化府院联动机制的意见》; 行政诉讼法 art 96 on
// performing effective judgments).
var Courtlink = func() *Definition {
	d := &Definition{
		ID:      "courtlink",
		Name:    "府院联动事项",
		Key:     []string{"no"},
		Owner:   "unit",
		Central: true,
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 FY2022-001"},
			{Name: "kind", Label: "事项类型", Type: Enum, Required: true, Enum: CourtlinkKinds},
			{Name: "case_no", Label: "关联案号", Type: Text, Normalize: normalizeCaseNo, Note: "如 （2022）豫0381行初15号；一项研讨涉及一个案件"},
			{Name: "unit", Label: "单位", Type: UnitRef, Note: "牵头或涉及的单位"},
			{Name: "date", Label: "日期", Type: Date},
			{Name: "content", Label: "内容", Type: Text},
			{Name: "result", Label: "办理结果", Type: Text},
			{Name: "status", Label: "状态", Type: Enum, Enum: []string{"办理中", "已办结"}},
			{Name: "closed_on", Label: "办结日期", Type: Date},
		},
	}
	d.Checks = []RecordCheck{
		dateOrder(d, "date", "closed_on"),
		requiredWhen(d, "case_no", "kind", "重大疑难案件研讨", "未履行生效判决清理"),
	}
	return register(d)
}()
