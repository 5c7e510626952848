package indicator

import "fazhi/ledger"

func meetingsOf(id, name, kind string) *Indicator {
	return &Indicator{ID: id, Name: name, Unit: "次", Ledger: "meeting", Period: "date",
		Where:      []ledger.Cond{ledger.In("kind", kind)},
		Definition: "日期在本年度、类型为" + kind + "的会议"}
}

// Meetings county reports count: the 全面依法治区委员会 (《法治政府建设实施
// 纲要》), the yearly 法治政府建设工作会议 and the 府院联席会议 of the
// court-government link; and 述法 by its form, with the on-site sessions.
func init() {
	register(
		meetingsOf("leadership.committee_meetings", "全面依法治区委员会会议", "全面依法治区委员会会议"),
		meetingsOf("leadership.work_conferences", "法治政府建设工作会议", "法治政府建设工作会议"),
		meetingsOf("courtlink.joint_meetings", "府院联席会议", "府院联席会议"),
		&Indicator{ID: "shufa.onsite_sessions", Name: "现场述法", Unit: "次", Ledger: "shufa", Period: "year",
			Where: []ledger.Cond{ledger.In("form", "现场")}, Agg: CountDistinct, Field: "submitted_on",
			Definition: "年度为本年度、述法形式为现场的述法，按述法日期计场次（同一天的现场述法会议计一次）"},
		&Indicator{ID: "shufa.by_form", Name: "述法单位按形式", Unit: "家", Ledger: "shufa", Period: "year",
			Agg: GroupBy, GroupField: "form",
			Definition: "年度为本年度的述法，按述法形式（书面、口头、现场）分列单位数"},
	)
}
