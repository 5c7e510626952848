package indicator

import "fazhi/ledger"

// On-time figures compare a done date with the due date computed at import
// from the ledger's declared deadline (package deadline).
func init() {
	register(
		// 国发〔2008〕17号 (configurable): filed within the filing period after publication.
		&Indicator{ID: "normdoc.filed_on_time", Name: "按期报送备案规范性文件", Unit: "件", Ledger: "normdoc", Period: "filed_on",
			Where:      []ledger.Cond{ledger.LEField("filed_on", "filing_due_on")},
			Definition: "报送备案日期在本年度、且不晚于备案期限的规范性文件"},
		&Indicator{ID: "normdoc.filed_on_time_rate", Name: "备案及时率", Unit: "%", Agg: Rate,
			Num: "normdoc.filed_on_time", Den: "normdoc.filed", Decimals: 2,
			Definition: "按期报送备案的规范性文件 ÷ 本年度报送备案的规范性文件"},
	)
}
