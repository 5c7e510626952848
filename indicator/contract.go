package indicator

import "fazhi/ledger"

// Major contracts signed in the government's name: review meetings and
// legality reviews with a written opinion.
func init() {
	register(
		&Indicator{ID: "contract.review_meetings", Name: "重大合同研判会议", Unit: "次", Ledger: "meeting", Period: "date",
			Where:      []ledger.Cond{ledger.In("kind", "重大合同研判会议")},
			Definition: "日期在本年度、类型为重大合同研判会议的会议"},
		&Indicator{ID: "contract.reviewed", Name: "审查重大合同", Unit: "份", Ledger: "contract", Period: "opinion_on",
			Definition: "出具意见日期在本年度的重大合同"},
	)
}
