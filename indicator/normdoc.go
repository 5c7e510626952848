package indicator

import "fazhi/ledger"

// Normative documents: 合法性审核 training, publication and 备案
// (国办发〔2018〕37号 有件必备), and the cleanup (国发〔2010〕33号).
func init() {
	register(
		&Indicator{ID: "normdoc.review_trainings", Name: "合法性审查业务培训", Unit: "次", Ledger: "training", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "合法性审查业务培训")},
			Definition: "日期在本年度、类别为合法性审查业务培训的培训"},
		&Indicator{ID: "normdoc.filed", Name: "审查备案规范性文件", Unit: "件", Ledger: "normdoc", Period: "filed_on",
			Definition: "报送备案日期在本年度的规范性文件"},
		&Indicator{ID: "normdoc.published", Name: "公布规范性文件", Unit: "件", Ledger: "normdoc", Period: "published_on",
			Definition: "公布日期在本年度的规范性文件"},
		&Indicator{ID: "normdoc.published_filed", Name: "已报送备案的本年度规范性文件", Unit: "件", Ledger: "normdoc", Period: "published_on",
			Where:      []ledger.Cond{ledger.Set("filed_on")},
			Definition: "公布日期在本年度、已报送备案的规范性文件"},
		&Indicator{ID: "normdoc.filing_rate", Name: "备案率", Unit: "%", Agg: Rate,
			Num: "normdoc.published_filed", Den: "normdoc.published", Decimals: 2,
			Definition: "本年度公布并已报送备案的规范性文件 ÷ 本年度公布的规范性文件"},
		&Indicator{ID: "normdoc.cleanup_total", Name: "清理规范性文件", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Definition: "清理结果决定公布日期在本年度的清理记录"},
		&Indicator{ID: "normdoc.cleanup_repealed", Name: "废止、失效", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "废止", "宣布失效")},
			Definition: "清理结果决定公布日期在本年度、清理结论为废止或宣布失效的文件"},
		&Indicator{ID: "normdoc.cleanup_unlisted", Name: "不再按规范性文件管理", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "不再作为规范性文件管理")},
			Definition: "清理结果决定公布日期在本年度、清理结论为不再作为规范性文件管理的文件"},
		&Indicator{ID: "normdoc.cleanup_to_revise", Name: "需要修改", Unit: "件", Ledger: "normdoc_cleanup", Period: "decision_published_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "修改")},
			Definition: "清理结果决定公布日期在本年度、清理结论为修改的文件"},
	)
}
