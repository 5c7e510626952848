package indicator

import "fazhi/ledger"

// Leadership figures: study of 习近平法治思想, special training of leading
// cadres and the Party committee and government hearing rule-of-law reports
// (《党政主要负责人履行推进法治建设第一责任人职责规定》 arts 5-6).
func init() {
	register(
		&Indicator{ID: "leadership.study_sessions", Name: "习近平法治思想集中学习、专题研讨", Unit: "次", Ledger: "meeting", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "集中学习", "专题研讨")},
			Definition: "日期在本年度、类型为集中学习或专题研讨的会议与学习"},
		&Indicator{ID: "leadership.special_trainings", Name: "领导干部专题培训", Unit: "次", Ledger: "training", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "领导干部专题培训")},
			Definition: "日期在本年度、类别为领导干部专题培训的培训"},
		&Indicator{ID: "leadership.rule_of_law_reviews", Name: "研究听取法治建设相关工作", Unit: "次", Ledger: "meeting", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "研究听取汇报")},
			Definition: "日期在本年度、类型为研究听取汇报的会议"},
		&Indicator{ID: "shufa.units_reported", Name: "书面述法单位", Unit: "家", Ledger: "shufa", Period: "year",
			Where: []ledger.Cond{ledger.In("form", "书面")}, Agg: CountDistinct, Field: "unit",
			Definition: "年度为本年度、述法形式为书面的单位数（同一单位只计一次）"},
	)
}
