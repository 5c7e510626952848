package indicator

import "fazhi/ledger"

// Enterprise investment projects handled in the year, by 办结日期
// (企业投资项目核准和备案管理条例, 国务院令第673号; 政府投资条例).
func init() {
	register(
		&Indicator{ID: "investment.filed_projects", Name: "企业投资项目备案", Unit: "个", Ledger: "investment_project", Period: "done_on",
			Where:      []ledger.Cond{ledger.In("kind", "备案")},
			Definition: "办结日期在本年度、办理类型为备案的项目"},
		&Indicator{ID: "investment.filed_amount", Name: "备案项目总投资（亿元）", Unit: "亿元", Ledger: "investment_project", Period: "done_on",
			Where: []ledger.Cond{ledger.In("kind", "备案")}, Agg: Sum, Field: "investment", Divisor: 10000, Decimals: 2,
			Definition: "办结日期在本年度的备案项目总投资之和（万元 ÷ 10000）"},
		&Indicator{ID: "investment.approved_projects", Name: "政府性审批", Unit: "个", Ledger: "investment_project", Period: "done_on",
			Where:      []ledger.Cond{ledger.In("kind", "审批")},
			Definition: "办结日期在本年度、办理类型为审批的项目"},
		&Indicator{ID: "investment.approved_amount", Name: "政府性审批投资（亿元）", Unit: "亿元", Ledger: "investment_project", Period: "done_on",
			Where: []ledger.Cond{ledger.In("kind", "审批")}, Agg: Sum, Field: "investment", Divisor: 10000, Decimals: 2,
			Definition: "办结日期在本年度的审批项目总投资之和（万元 ÷ 10000）"},
		&Indicator{ID: "investment.done_total", Name: "办结投资项目", Unit: "个", Ledger: "investment_project", Period: "done_on",
			Definition: "办结日期在本年度的项目（备案、核准、审批）"},
		&Indicator{ID: "investment.done_in_5_days", Name: "5个工作日内办结", Unit: "个", Ledger: "investment_project", Period: "done_on",
			Where:      []ledger.Cond{ledger.LE("workdays", int64(5))},
			Definition: "办结日期在本年度、办理时长不超过5个工作日的项目"},
		&Indicator{ID: "investment.done_in_5_days_rate", Name: "5个工作日内办结率", Unit: "%", Agg: Rate,
			Num: "investment.done_in_5_days", Den: "investment.done_total", Decimals: 2,
			Definition: "5个工作日内办结的项目 ÷ 本年度办结的项目"},
	)
}
