package indicator

import "fazhi/ledger"

// Enforcement capacity: theory training and on-site mentoring of township
// and street enforcement staff, and the yearly case-file review
// (河南省行政执法条例 art 40).
func init() {
	register(
		&Indicator{ID: "enforcement.trainings", Name: "行政执法理论培训", Unit: "场", Ledger: "training", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "行政执法理论培训")},
			Definition: "日期在本年度、类别为行政执法理论培训的培训"},
		&Indicator{ID: "enforcement.training_attendance", Name: "参训人次", Unit: "人次", Ledger: "training", Period: "date",
			Where: []ledger.Cond{ledger.In("kind", "行政执法理论培训")}, Agg: Sum, Field: "attendance",
			Definition: "日期在本年度的行政执法理论培训参训人次之和"},
		&Indicator{ID: "enforcement.mentoring_sessions", Name: "传帮带活动", Unit: "场", Ledger: "training", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "行政执法传帮带")},
			Definition: "日期在本年度、类别为行政执法传帮带的活动"},
		&Indicator{ID: "enforcement.mentoring_guided", Name: "现场指导人次", Unit: "人次", Ledger: "training", Period: "date",
			Where: []ledger.Cond{ledger.In("kind", "行政执法传帮带")}, Agg: Sum, Field: "attendance",
			Definition: "日期在本年度的行政执法传帮带现场指导人次之和"},
		&Indicator{ID: "enforcement.case_files_reviewed", Name: "评查行政执法案卷", Unit: "卷", Ledger: "case_review", Period: "reviewed_on",
			Definition: "评查日期在本年度的行政执法案卷"},
		&Indicator{ID: "enforcement.case_files_passed", Name: "评查合格案卷", Unit: "卷", Ledger: "case_review", Period: "reviewed_on",
			Where:      []ledger.Cond{ledger.In("grade", "优秀", "合格")},
			Definition: "评查日期在本年度、等次为优秀或合格的案卷"},
		&Indicator{ID: "enforcement.case_file_pass_rate", Name: "案卷评查合格率", Unit: "%", Agg: Rate,
			Num: "enforcement.case_files_passed", Den: "enforcement.case_files_reviewed", Decimals: 2,
			Definition: "评查合格（含优秀）案卷 ÷ 评查案卷"},
	)
}
