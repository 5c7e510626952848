package ledger

// UnitKinds are the values of 单位类型.
var UnitKinds = []string{"党委", "政府", "政府部门", "垂直管理部门", "镇", "街道", "其他"}

// UnitsDef describes the unit tree's import columns. It is not a ledger (units
// have their own table, the target of every UnitRef) but is read and
// validated with the same machinery.
var UnitsDef = &Definition{
	ID:   "units",
	Name: "单位名录",
	Key:  []string{"code"},
	Fields: []Field{
		{Name: "code", Label: "单位编码", Type: Text, Required: true, Normalize: normalizeCode},
		{Name: "name", Label: "单位名称", Type: Text, Required: true},
		{Name: "short_name", Label: "简称", Type: Text},
		{Name: "parent", Label: "上级单位", Type: Text, Note: "上级单位的名称或编码；根单位留空"},
		{Name: "kind", Label: "单位类型", Type: Enum, Required: true, Enum: UnitKinds},
		{Name: "district", Label: "行政区划代码", Type: Text, Check: checkDistrict,
			Note: "6 位行政区划代码（GB/T 2260），如 410307；不填时为本库的行政区划"},
	},
}

func checkDistrict(s string) error {
	_, err := ParseDistrict(s)
	return err
}
