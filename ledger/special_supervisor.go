package ledger

// SpecialSupervisor is the 营商环境特邀监督员 ledger: people appointed for a
// term to watch the business environment and report problems
// (《偃师区营商环境特邀监督员工作制度》). A person appointed again has one
// record per term.
var SpecialSupervisor = func() *Definition {
	d := &Definition{
		ID:    "special_supervisor",
		Name:  "营商环境特邀监督员",
		Key:   []string{"name", "term_from"},
		Owner: "unit",
		Fields: []Field{
			{Name: "name", Label: "姓名", Type: Text, Personal: true},
			{Name: "identity", Label: "身份", Type: Text, Note: "如 企业负责人、人大代表、政协委员、律师"},
			{Name: "employer", Label: "工作单位", Type: Text},
			{Name: "term_from", Label: "聘期起", Type: Date},
			{Name: "term_to", Label: "聘期止", Type: Date},
			{Name: "reports", Label: "反映问题数", Type: Int, Min: int64p(0)},
			{Name: "unit", Label: "聘任单位", Type: UnitRef},
		},
	}
	d.Checks = []RecordCheck{dateOrder(d, "term_from", "term_to")}
	return register(d)
}()
