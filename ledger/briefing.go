package ledger

// Briefing is the 工作简报 ledger: the issues of the district's work
// bulletins.
var Briefing = func() *Definition {
	d := &Definition{
		ID:    "briefing",
		Name:  "工作简报",
		Key:   []string{"issue_no"},
		Owner: "unit",
		Fields: []Field{
			{Name: "issue_no", Label: "期号", Type: Text, Required: true, Note: "如 营商简报2022年第5期；不同简报的期号不能相同"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "title", Label: "标题", Type: Text, Required: true},
			{Name: "kind", Label: "类别", Type: Enum, Required: true, Enum: []string{"营商环境工作简报", "法治建设工作简报", "其他"}},
			{Name: "unit", Label: "编发单位", Type: UnitRef},
		},
	}
	return register(d)
}()
