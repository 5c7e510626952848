package indicator

import "fazhi/ledger"

// Reconsideration broken down as county reports and the 司法部 statistics
// do: by 行为类别 (申请事项), 结案方式, 被申请人类型 (the district government
// hears cases against its departments and townships, 复议法 2023 art 24)
// and 行政管理领域; and the cases ended by 调解 or 和解 (arts 73-74).
func init() {
	register(
		&Indicator{ID: "reconsideration.by_act_category", Name: "复议申请按行为类别", Unit: "起", Ledger: "reconsideration", Period: "received_on",
			Agg: GroupBy, GroupField: "act_category",
			Definition: "收到申请日期在本年度的复议申请，按行为类别（申请事项）分列"},
		&Indicator{ID: "reconsideration.by_conclusion", Name: "复议审结按结案方式", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Agg: GroupBy, GroupField: "conclusion",
			Definition: "结案日期在本年度的案件，按结案方式分列"},
		&Indicator{ID: "reconsideration.by_respondent_type", Name: "复议申请按被申请人类型", Unit: "起", Ledger: "reconsideration", Period: "received_on",
			Agg: GroupBy, GroupField: "respondent",
			Definition: "收到申请日期在本年度的复议申请，按被申请人的单位类型分列：部门（政府部门、垂直管理部门）、乡镇街道（镇、街道）、区政府"},
		&Indicator{ID: "reconsideration.by_admin_domain", Name: "复议申请按行政管理领域", Unit: "起", Ledger: "reconsideration", Period: "received_on",
			Agg: GroupBy, GroupField: "admin_domain",
			Definition: "收到申请日期在本年度的复议申请，按行政管理领域分列（未填领域的不计入）"},
		&Indicator{ID: "reconsideration.mediated", Name: "调解结案", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "调解")},
			Definition: "结案日期在本年度、结案方式为调解的案件（复议法2023年修订第73条）"},
		&Indicator{ID: "reconsideration.settled", Name: "和解结案", Unit: "起", Ledger: "reconsideration", Period: "concluded_on",
			Where:      []ledger.Cond{ledger.In("conclusion", "和解后终止")},
			Definition: "结案日期在本年度、结案方式为和解后终止的案件（复议法2023年修订第74条）"},
		&Indicator{ID: "reconsideration.mediated_or_settled", Name: "调解和解结案", Unit: "起", Agg: Total,
			Parts:      []string{"reconsideration.mediated", "reconsideration.settled"},
			Definition: "调解结案 ＋ 和解结案"},
		&Indicator{ID: "reconsideration.mediation_rate", Name: "调解率", Unit: "%", Agg: Rate,
			Num: "reconsideration.mediated_or_settled", Den: "reconsideration.concluded", Decimals: 2,
			Definition: "（调解结案＋和解结案）÷ 审结案件"},
	)
}
