package indicator

import "fazhi/ledger"

// satisfiedGrades are the grades that are not 差评 (国办发〔2019〕51号: 不满意
// and 非常不满意 are 差评).
var satisfiedGrades = []any{"非常满意", "满意", "基本满意"}

// catalogAtEnd selects the items in the catalogue at the end of the year:
// listed by then and not cancelled by then.
var catalogAtEnd = []ledger.Cond{ledger.OnOrBeforeEnd("listed_on"), ledger.OpenAtEnd("cancelled_on")}

func catalog(extra ...ledger.Cond) []ledger.Cond {
	return append(append([]ledger.Cond{}, catalogAtEnd...), extra...)
}

// Government services: 好差评, calls and visits, the item catalogue and its
// upkeep in the 互联网+监管 and 政务服务 systems.
func init() {
	register(
		&Indicator{ID: "service.phone_evaluations", Name: "电话评价", Unit: "次", Ledger: "service_evaluation", Period: "date",
			Where:      []ledger.Cond{ledger.In("channel", "电话回访")},
			Definition: "日期在本年度、渠道为电话回访的评价"},
		&Indicator{ID: "service.evaluations", Name: "政务服务评价", Unit: "次", Ledger: "service_evaluation", Period: "date",
			Definition: "日期在本年度的全部评价（各渠道）"},
		&Indicator{ID: "service.satisfied_evaluations", Name: "满意评价", Unit: "次", Ledger: "service_evaluation", Period: "date",
			Where:      []ledger.Cond{ledger.In("grade", satisfiedGrades...)},
			Definition: "日期在本年度、评价等级为非常满意、满意或基本满意的评价"},
		&Indicator{ID: "service.satisfaction_rate", Name: "满意度", Unit: "%", Agg: Rate,
			Num: "service.satisfied_evaluations", Den: "service.evaluations", Decimals: 2,
			Definition: "（非常满意＋满意＋基本满意）÷ 全部评价"},
		&Indicator{ID: "service.contacts", Name: "来电来访接待人次", Unit: "人次", Ledger: "service_contact", Period: "date",
			Agg: Sum, Field: "people",
			Definition: "日期在本年度的来电来访人数之和"},
		&Indicator{ID: "service.catalog_items", Name: "政务服务事项", Unit: "个", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where:      catalog(),
			Definition: "年末在目录中的事项（纳入目录日期不晚于年末，且年末未取消）"},
		&Indicator{ID: "service.one_visit_items", Name: "最多跑一次事项", Unit: "个", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where:      catalog(ledger.LE("visits", int64(1))),
			Definition: "年末在目录中、跑动次数不超过1次的事项"},
		&Indicator{ID: "service.online_items", Name: "网上可办事项", Unit: "个", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where:      catalog(ledger.In("online", true)),
			Definition: "年末在目录中、网上可办的事项"},
		&Indicator{ID: "service.online_rate", Name: "网上可办率", Unit: "%", Agg: Rate,
			Num: "service.online_items", Den: "service.catalog_items", Decimals: 2,
			Definition: "网上可办事项 ÷ 年末目录中的全部事项"},
		&Indicator{ID: "service.one_network_items", Name: "一网通办事项", Unit: "个", Ledger: "service_item", Period: "listed_on", AsOf: true,
			Where:      catalog(ledger.In("one_network", true)),
			Definition: "年末在目录中、实现一网通办的事项"},
		&Indicator{ID: "service.one_network_rate", Name: "一网通办率", Unit: "%", Agg: Rate,
			Num: "service.one_network_items", Den: "service.catalog_items", Decimals: 2,
			Definition: "一网通办事项 ÷ 年末目录中的全部事项"},
		&Indicator{ID: "service.catalog_changes", Name: "事项信息录入和变更", Unit: "次", Ledger: "service_catalog_change", Period: "date",
			Definition: "日期在本年度的事项信息录入和变更（互联网+监管系统、洛阳市政务服务系统等）"},
	)
}
