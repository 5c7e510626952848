package indicator

import "fazhi/ledger"

// Business environment (优化营商环境条例): the year's indicator breakdown,
// the rectification list and the bulletins.
func init() {
	register(
		&Indicator{ID: "bizenv.indicators", Name: "营商环境评价指标", Unit: "项", Ledger: "bizenv_indicator", Period: "year",
			Definition: "年度为本年度的营商环境评价指标分解"},
		&Indicator{ID: "bizenv.issues", Name: "整改台账问题", Unit: "个", Ledger: "bizenv_issue", Period: "year",
			Definition: "年度为本年度的营商环境问题整改台账问题"},
		&Indicator{ID: "bizenv.briefings", Name: "营商环境工作简报", Unit: "期", Ledger: "briefing", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "营商环境工作简报")},
			Definition: "日期在本年度、类别为营商环境工作简报的简报"},
	)
}
