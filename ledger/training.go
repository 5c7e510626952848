package ledger

// TrainingKinds are the categories of training.
var TrainingKinds = []string{"领导干部专题培训", "合法性审查业务培训", "行政执法理论培训", "行政执法传帮带", "其他"}

// Training is the 培训与传帮带 ledger: training sessions and on-site
// mentoring of enforcement staff, with attendance (《法治政府建设实施纲要
// （2021—2025年）》 on training 领导干部 and 行政执法人员).
var Training = func() *Definition {
	d := &Definition{
		ID:    "training",
		Name:  "培训与传帮带",
		Key:   []string{"no"},
		Owner: "host",
		Fields: []Field{
			{Name: "no", Label: "编号", Type: Text, Note: "如 PX2022-007"},
			{Name: "date", Label: "日期", Type: Date, Required: true},
			{Name: "kind", Label: "类别", Type: Enum, Required: true, Enum: TrainingKinds},
			{Name: "title", Label: "名称", Type: Text, Required: true},
			{Name: "host", Label: "主办单位", Type: UnitRef},
			{Name: "audience", Label: "对象", Type: Text},
			{Name: "attendance", Label: "参训人次", Type: Int, Required: true, Min: int64p(0), Note: "传帮带活动填现场指导人次"},
			{Name: "hours", Label: "学时", Type: Decimal, Scale: 1, Min: int64p(0)},
			{Name: "place", Label: "地点", Type: Text},
			{Name: "lecturer", Label: "授课人", Type: Text},
		},
	}
	return register(d)
}()
