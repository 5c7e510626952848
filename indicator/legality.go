package indicator

import "fazhi/ledger"

// The 清理 result split as decisions publish it, and the 合法性审查 of the
// Justice Bureau in total: normative documents (国办发〔2018〕115号),
// contracts and meeting minutes, with its suggestions and amounts.
func init() {
	register(
		&Indicator{ID: "normdoc.cleanup_kept", Name: "继续有效", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "继续有效")},
			Definition: "清理结果决定公布日期在本年度、清理结论为继续有效的文件"},
		&Indicator{ID: "normdoc.cleanup_abolished", Name: "废止", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "废止")},
			Definition: "清理结果决定公布日期在本年度、清理结论为废止的文件"},
		&Indicator{ID: "normdoc.cleanup_expired", Name: "宣布失效", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "宣布失效")},
			Definition: "清理结果决定公布日期在本年度、清理结论为宣布失效的文件"},
		&Indicator{ID: "normdoc.legality_reviewed", Name: "合法性审核规范性文件", Unit: "件", Ledger: "normdoc", Period: "legality_reviewed_on",
			Definition: "合法性审核日期在本年度的规范性文件"},
		&Indicator{ID: "legality.minutes_reviewed", Name: "合法性审查会议纪要", Unit: "件", Ledger: "meeting", Period: "date",
			Where:      []ledger.Cond{ledger.In("minutes_reviewed", true)},
			Definition: "日期在本年度、纪要经合法性审查的会议"},
		&Indicator{ID: "legality.reviews_total", Name: "合法性审查", Unit: "件", Agg: Total,
			Parts:      []string{"normdoc.legality_reviewed", "contract.reviewed", "legality.minutes_reviewed"},
			Definition: "合法性审核规范性文件 ＋ 审查重大合同 ＋ 合法性审查会议纪要"},
		&Indicator{ID: "legality.suggestions", Name: "提出意见建议", Unit: "条", Ledger: "contract", Period: "opinion_on",
			Agg: Sum, Field: "suggestions",
			Definition: "出具意见日期在本年度的重大合同审查提出的修改建议条数之和"},
		&Indicator{ID: "legality.amount", Name: "审查涉及金额", Unit: "亿元", Ledger: "contract", Period: "opinion_on",
			Agg: Sum, Field: "amount", Divisor: 10000, Decimals: 2,
			Definition: "出具意见日期在本年度的重大合同金额之和（万元折合亿元）"},
	)
}

func init() {
	both := []ledger.Cond{ledger.Set("legal_days"), ledger.Set("promised_days")}
	register(
		&Indicator{ID: "service.legal_days", Name: "法定办结时限合计", Unit: "个工作日", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where: catalog(both...), Agg: Sum, Field: "legal_days",
			Definition: "年末在目录中、法定和承诺办结时限均已填写的事项，法定办结时限之和"},
		&Indicator{ID: "service.promised_days", Name: "承诺办结时限合计", Unit: "个工作日", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where: catalog(both...), Agg: Sum, Field: "promised_days",
			Definition: "年末在目录中、法定和承诺办结时限均已填写的事项，承诺办结时限之和"},
		&Indicator{ID: "service.compressed_days", Name: "压缩办结时限", Unit: "个工作日", Agg: Total,
			Parts: []string{"service.legal_days"}, Minus: []string{"service.promised_days"},
			Definition: "法定办结时限合计 − 承诺办结时限合计"},
		&Indicator{ID: "service.time_compression_rate", Name: "许可时限压缩比", Unit: "%", Agg: Rate,
			Num: "service.compressed_days", Den: "service.legal_days", Decimals: 2,
			Definition: "（法定办结时限 − 承诺办结时限）÷ 法定办结时限，按年末目录中两项时限均已填写的事项合计"},
	)
}
