package ledger

// MeetingKinds are the kinds of meeting and study session the ledger keeps.
var MeetingKinds = []string{"区委常委会议", "区政府常务会议", "全面依法治区委员会会议", "法治政府建设工作会议", "第一议题学习",
	"集中学习", "专题研讨", "研究听取汇报", "重大合同研判会议", "府院联席会议", "其他"}

// Meeting is the 会议与学习 ledger: the Party committee's and the
// government's meetings on the rule of law, 第一议题 and 习近平法治思想 study
// sessions, and the review meetings on major contracts
// (《党政主要负责人履行推进法治建设第一责任人职责规定》 arts 5-6).
var Meeting = func() *Definition {
	d := &Definition{
		ID:    "meeting",
		Name:  "会议与学习",
		Key:   []string{"no"},
		Owner: "unit",
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 HY2022-012"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "kind", Label: "类型", Type: Enum, Required: true, Enum: MeetingKinds},
			{Name: "topic", Label: "主题", Type: Text, Required: true},
			{Name: "chair", Label: "主持人", Type: Text},
			{Name: "attendees", Label: "参加人数", Type: Int, Min: int64p(0)},
			{Name: "unit", Label: "单位", Type: UnitRef, Note: "召集会议的单位"},
			{Name: "place", Label: "地点", Type: Text},
			{Name: "minutes_reviewed", Label: "纪要经合法性审查", Type: Bool, Note: "会议纪要印发前经合法性审查的填“是”"},
		},
	}
	return register(d)
}()
