package indicator

import "fazhi/ledger"

// correctiveConclusions are the decisions that correct the agency's act
// (复议法 2023 arts 63-67: 变更, 撤销, 确认违法, 责令履行, 确认无效).
var correctiveConclusions = []any{"撤销", "撤销并责令重作", "部分撤销", "变更", "确认违法", "确认无效", "责令履行"}

func init() {
	register(
		&Indicator{ID: "reconsideration.received", Name: "收到行政复议申请", Unit: "起", Ledger: "reconsideration", Period: "received_on",
			Definition: "收到申请日期在本年度的复议申请"},
		&Indicator{ID: "reconsideration.accepted", Name: "受理", Unit: "起", Ledger: "reconsideration", Period: "accepted_on",
			Where:      []ledger.Cond{ledger.In("review_result", "受理", "视为受理")},
			Definition: "受理日期在本年度、审查结果为受理或视为受理的案件"},
		&Indicator{ID: "reconsideration.concluded", Name: "审结", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Definition: "结案日期在本年度的案件"},
		&Indicator{ID: "reconsideration.corrected", Name: "纠错案件", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Where:      []ledger.Cond{ledger.In("conclusion", correctiveConclusions...)},
			Definition: "结案日期在本年度、结案方式为撤销/部分撤销/变更/确认违法/确认无效/责令履行的案件"},
		&Indicator{ID: "reconsideration.correction_rate", Name: "纠错率", Unit: "%", Agg: Rate,
			Num: "reconsideration.corrected", Den: "reconsideration.concluded", Decimals: 2,
			Definition: "纠错案件 ÷ 审结案件"},
	)
}

func init() {
	register(
		// Stocks at the year's end: what the next year inherits.
		&Indicator{ID: "reconsideration.pending_at_year_end", Name: "年末未审查完毕", Unit: "起", Ledger: "reconsideration", Period: "received_on", AsOf: true,
			Where: []ledger.Cond{ledger.OnOrBeforeEnd("received_on"), ledger.OpenAtEnd("accepted_on"),
				ledger.In("review_result", "受理", "视为受理", "告知补正", "审查中")},
			Definition: "年末前收到、年末仍未受理（含受理日期在次年）的申请"},
		&Indicator{ID: "reconsideration.open_at_year_end", Name: "年末未审结", Unit: "起", Ledger: "reconsideration", Period: "accepted_on", AsOf: true,
			Where:      []ledger.Cond{ledger.OnOrBeforeEnd("accepted_on"), ledger.OpenAtEnd("concluded_on")},
			Definition: "年末前已受理、年末仍未结案的案件"},
	)
}

func init() {
	register(
		// 复议法 2023 art 62 / 2017 law art 31: the decision period, as
		// computed into 决定期限 at import (extension, simplified procedure
		// and suspension included).
		&Indicator{ID: "reconsideration.concluded_on_time", Name: "按期审结", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Where:      []ledger.Cond{ledger.LEField("concluded_on", "decision_due_on")},
			Definition: "结案日期在本年度、且不晚于决定期限的案件"},
		&Indicator{ID: "reconsideration.on_time_rate", Name: "按期审结率", Unit: "%", Agg: Rate,
			Num: "reconsideration.concluded_on_time", Den: "reconsideration.concluded", Decimals: 2,
			Definition: "按期审结案件 ÷ 审结案件"},
	)
}
