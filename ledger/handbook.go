package ledger

// Handbook is the 执法手册 ledger: the entries of the enforcement handbooks
// compiled for township and street enforcement staff, searchable by any
// Chinese substring.
var Handbook = register(&Definition{
	ID:     "handbook",
	Public: true,
	Name:   "执法手册",
	Key:    []string{"handbook", "chapter", "entry_title"},
	Fields: []Field{
		{Name: "handbook", Label: "手册名称", Type: Text, Required: true},
		{Name: "chapter", Label: "章节", Type: Text, Required: true},
		{Name: "entry_title", Label: "条目标题", Type: Text, Required: true},
		{Name: "body", Label: "正文", Type: Text},
		{Name: "basis", Label: "依据", Type: Text},
		{Name: "compiler", Label: "编制单位", Type: UnitRef},
	},
})
