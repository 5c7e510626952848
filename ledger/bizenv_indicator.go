package ledger

// BizenvIndicator is the 营商环境评价指标分解 ledger: each year's
// 营商环境评价 indicators broken down to a responsible unit with targets,
// measures and safeguards (优化营商环境条例 art 8; the district's yearly
// 营商环境评价整改提升方案).
var BizenvIndicator = func() *Definition {
	d := &Definition{
		ID:      "bizenv_indicator",
		Name:    "营商环境评价指标分解",
		Key:     []string{"year", "name"},
		Owner:   "unit",
		Central: true,
		Fields: []Field{
			{Name: "year", Label: "年度", Type: Year, Required: true, Note: "分解方案所属年度"},
			{Name: "name", Label: "指标名称", Type: Text, Required: true},
			{Name: "unit", Label: "责任单位", Type: UnitRef, Required: true},
			{Name: "partners", Label: "配合单位", Type: Text},
			{Name: "target", Label: "工作目标", Type: Text},
			{Name: "measures", Label: "主要举措", Type: Text},
			{Name: "safeguards", Label: "保障措施", Type: Text},
			{Name: "plan", Label: "所属方案", Type: Text},
		},
	}
	return register(d)
}()
