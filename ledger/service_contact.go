package ledger

// ServiceContact is the 来电来访接待 ledger: calls and visits of
// enterprises and citizens to the government service centre.
var ServiceContact = func() *Definition {
	d := &Definition{
		ID:    "service_contact",
		Name:  "来电来访接待",
		Key:   []string{"no"},
		Owner: "unit",
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 JD2022-0001"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "method", Label: "方式", Type: Enum, Required: true, Enum: []string{"来电", "来访"}},
			{Name: "party_kind", Label: "诉求人类型", Type: Enum, Enum: []string{"企业", "群众"}},
			{Name: "party", Label: "诉求人", Type: Text},
			{Name: "people", Label: "人数", Type: Int, Min: int64p(1), Note: "本次来电来访的人次"},
			{Name: "matter", Label: "事由", Type: Text},
			{Name: "result", Label: "办理结果", Type: Text},
			{Name: "unit", Label: "接待单位", Type: UnitRef},
		},
	}
	return register(d)
}()
