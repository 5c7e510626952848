// Package deadline computes statutory deadlines from declared rules.
//
// Each Rule is declared once, in rules.go, with the law and article it
// follows. Compute turns a rule and a start date into a due date on a
// calendar.Calendar, and Status says whether a record is 正常, 临期, 逾期,
// 按期办结 or 超期办结. The package is pure: no storage, no HTTP.
package deadline

import "strconv"

// Unit is how a rule's period is counted.
type Unit int

const (
	// Workdays: the n-th working day after the start day (法定休假日 and
	// weekends excluded, 调休 working days included).
	Workdays Unit = iota + 1
	// Days: natural days, start day not counted; a last day that is not a
	// working day moves to the next working day (民事诉讼法 art 85).
	Days
	// Months: the same-numbered day n months later, or the month's last day
	// (民法典 arts 201–203), moved forward like Days.
	Months
	// Validity: a validity period of n years that includes its first day; the
	// due date is the last day in force and never moves for holidays.
	Validity
	// Fixed: the record carries its own due date (整改时限); From is that date.
	Fixed
)

// Suffix writes n in the unit, in Chinese: "5个工作日", "60日", "6个月", "5年".
func (u Unit) Suffix(n int) string {
	s := strconv.Itoa(n)
	switch u {
	case Workdays:
		return s + "个工作日"
	case Days:
		return s + "日"
	case Months:
		return s + "个月"
	case Validity:
		return s + "年"
	}
	return "指定日期"
}

// String names the unit in Chinese.
func (u Unit) String() string {
	switch u {
	case Workdays:
		return "工作日"
	case Days:
		return "自然日"
	case Months:
		return "月"
	case Validity:
		return "年（有效期）"
	case Fixed:
		return "指定日期"
	}
	return "未知"
}

// Version is what one version of a law says about a period.
type Version struct {
	Law     string // e.g. 《中华人民共和国行政复议法》（2023年修订）
	Article string // e.g. 第三十条、第八十八条第二款
	Unit    Unit
	Period  int // the period in Unit; 0 when the law sets none (then --days is required)
	// Extension is how much longer the period may be made (Input.Extended);
	// 0 when it cannot be extended.
	Extension int
	// Simplified is the period under the simplified procedure
	// (Input.Simplified); 0 when there is none.
	Simplified int
	// Configurable periods may be set in Config.Periods or per call with
	// Input.DaysOverride; statutory ones may not.
	Configurable bool
	// Note says, for users, why the period is counted this way.
	Note string
}

// Rule is one deadline: what is due, from which event, and under which law.
// The embedded Version is the law in force. For reconsideration rules, Old
// is the 2017 law, which applies to cases dated before
// Config.ReconsiderationSwitch.
type Rule struct {
	ID    string // e.g. reconsideration.acceptance
	Name  string // Chinese, e.g. 行政复议申请审查
	Start string // the event From stands for, e.g. 收到行政复议申请之日
	Version
	Old *Version
	// Suspendable rules accept Input.Suspensions (中止 … 恢复).
	Suspendable bool
}
