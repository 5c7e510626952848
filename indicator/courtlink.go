package indicator

import "fazhi/ledger"

// 府院联动: case conferences on difficult lawsuits (one case may be
// discussed several times) and the clean-up of unperformed judgments.
func init() {
	register(
		&Indicator{ID: "courtlink.major_cases", Name: "重大疑难诉讼案件研讨", Unit: "起", Ledger: "courtlink", Period: "date",
			Where: []ledger.Cond{ledger.In("kind", "重大疑难案件研讨")}, Agg: CountDistinct, Field: "case_no",
			Definition: "日期在本年度、事项类型为重大疑难案件研讨的不同关联案号数（同一案件多次研讨只计一起）"},
		&Indicator{ID: "courtlink.unfulfilled_judgments", Name: "未履行生效判决专项清理", Unit: "起", Ledger: "courtlink", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "未履行生效判决清理")},
			Definition: "日期在本年度、事项类型为未履行生效判决清理的事项"},
	)
}
