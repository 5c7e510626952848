package ledger

// ServiceCatalogChange is the 事项信息录入变更 ledger: each entry or change
// of an item's information in the 互联网+监管 system or the city's 政务服务
// system.
var ServiceCatalogChange = func() *Definition {
	d := &Definition{
		ID:    "service_catalog_change",
		Name:  "事项信息录入变更",
		Key:   []string{"no"},
		Owner: "unit",
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 BG2022-0001"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "system", Label: "系统", Type: Enum, Required: true, Enum: []string{"互联网+监管系统", "洛阳市政务服务系统", "其他"}},
			{Name: "operation", Label: "操作", Type: Enum, Required: true, Enum: []string{"录入", "变更"}},
			{Name: "item_code", Label: "事项编码", Type: Text, Normalize: normalizeCode},
			{Name: "item_name", Label: "事项名称", Type: Text},
			{Name: "content", Label: "变更内容", Type: Text},
			{Name: "unit", Label: "单位", Type: UnitRef, Note: "事项所属单位"},
			{Name: "clerk", Label: "经办人", Type: Text},
		},
	}
	return register(d)
}()
