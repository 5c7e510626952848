package indicator

import "fazhi/ledger"

var headAppearances = []any{"正职负责人出庭", "副职负责人出庭", "其他负责人出庭"}

func init() {
	register(
		&Indicator{ID: "litigation.cases", Name: "办理应诉案件", Unit: "件", Ledger: "litigation", Period: "complaint_received_on",
			Definition: "收到起诉状副本日期在本年度的应诉案件"},
		&Indicator{ID: "litigation.hearings", Name: "开庭审理案件", Unit: "件", Ledger: "litigation", Period: "hearing_on",
			Definition: "开庭日期在本年度的应诉案件"},
		// 出庭规定 2020 art 2: 正职、副职和其他参与分管的负责人 all count as 负责人.
		&Indicator{ID: "litigation.head_appearances", Name: "负责人出庭应诉", Unit: "次", Ledger: "litigation", Period: "hearing_on",
			Where:      []ledger.Cond{ledger.In("appearance", headAppearances...)},
			Definition: "开庭日期在本年度、出庭情况为正职/副职/其他负责人出庭的案件"},
		&Indicator{ID: "litigation.appearance_rate", Name: "负责人出庭应诉率", Unit: "%", Agg: Rate,
			Num: "litigation.head_appearances", Den: "litigation.hearings", Decimals: 2,
			Definition: "负责人出庭应诉案件 ÷ 开庭审理案件"},
		&Indicator{ID: "litigation.lost", Name: "败诉案件", Unit: "件", Ledger: "litigation", Period: "judged_on",
			Where:      []ledger.Cond{ledger.In("lost", true)},
			Definition: "裁判日期在本年度且败诉的案件"},
		&Indicator{ID: "litigation.judged", Name: "审结应诉案件", Unit: "件", Ledger: "litigation", Period: "judged_on",
			Definition: "裁判日期在本年度的应诉案件"},
		&Indicator{ID: "litigation.loss_rate", Name: "败诉率", Unit: "%", Agg: Rate,
			Num: "litigation.lost", Den: "litigation.judged", Decimals: 2,
			Definition: "败诉案件 ÷ 审结应诉案件"},
	)
}
