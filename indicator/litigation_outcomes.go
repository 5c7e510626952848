package indicator

import "fazhi/ledger"

// WithdrawalJudgments are the 裁判结果 of a lawsuit the plaintiff withdrew
// (行政诉讼法 art 62: 准予撤诉; 解释 2018: 按撤诉处理). A withdrawal is a
// real outcome and counts as not lost.
var WithdrawalJudgments = []any{"准予撤诉", "按撤诉处理", "撤诉"}

// Outcomes of concluded lawsuits beside the 败诉率, and the leaders who
// appeared counted in persons (出庭规定 2020 art 2: each 负责人 counts).
func init() {
	register(
		&Indicator{ID: "litigation.withdrawn", Name: "撤诉案件", Unit: "件", Ledger: "litigation", Period: "judged_on",
			Where:      []ledger.Cond{ledger.In("judgment", WithdrawalJudgments...)},
			Definition: "裁判日期在本年度、裁判结果为准予撤诉或按撤诉处理的案件"},
		&Indicator{ID: "litigation.withdrawal_rate", Name: "撤诉率", Unit: "%", Agg: Rate,
			Num: "litigation.withdrawn", Den: "litigation.judged", Decimals: 2,
			Definition: "撤诉案件 ÷ 审结应诉案件"},
		&Indicator{ID: "litigation.not_lost", Name: "胜诉案件", Unit: "件", Agg: Total,
			Parts: []string{"litigation.judged"}, Minus: []string{"litigation.lost"},
			Definition: "审结应诉案件 − 败诉案件（撤诉计为未败诉）"},
		&Indicator{ID: "litigation.win_rate", Name: "胜诉率", Unit: "%", Agg: Rate,
			Num: "litigation.not_lost", Den: "litigation.judged", Decimals: 2,
			Definition: "（审结应诉案件 − 败诉案件）÷ 审结应诉案件；撤诉计为未败诉"},
		&Indicator{ID: "litigation.head_appearance_persons", Name: "负责人出庭应诉人次", Unit: "人次", Ledger: "litigation", Period: "hearing_on",
			Where: []ledger.Cond{ledger.In("appearance", headAppearances...)}, Agg: CountItems, Field: "appearer",
			Definition: "开庭日期在本年度、负责人出庭的案件中，出庭人员所列人数之和（未列姓名的按1人次）"},
	)
}
