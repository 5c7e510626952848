package ledger

import (
	"fmt"
	"regexp"
	"strconv"

	"fazhi/ident"
)

// projectCodeRe is the code the national 投资项目在线审批监管平台 assigns a
// project (国务院令第673号 art 8, 《全国投资项目在线审批监管平台运行管理暂行办法》):
// 赋码年月 YYMM, the 6-digit 行政区划, two 2-digit category segments and a
// 6-digit serial, e.g. 2203-410307-04-01-123456.
var projectCodeRe = regexp.MustCompile(`^(\d{2})(\d{2})-\d{6}-\d{2}-\d{2}-\d{6}$`)

// CheckProjectCode reports why s is not a well-formed 项目代码, or nil.
func CheckProjectCode(s string) error {
	m := projectCodeRe.FindStringSubmatch(s)
	if m == nil {
		return fmt.Errorf("项目代码“%s”格式不符，应为 年月(4位)-区划(6位)-2位-2位-流水号(6位)，如 2203-410307-04-01-123456", s)
	}
	if mm, _ := strconv.Atoi(m[2]); mm < 1 || mm > 12 {
		return fmt.Errorf("项目代码“%s”的赋码月份%s不存在", s, m[2])
	}
	return nil
}

// InvestmentKinds are how a project is handled: 备案, 核准 (国务院令第673号)
// or 审批 (government-funded projects, 政府投资条例).
var InvestmentKinds = []string{"备案", "核准", "审批"}

// InvestmentProject is the 企业投资项目 ledger: filings, approvals and
// government-investment approvals handled on the online platform, with
// the working days each took.
var InvestmentProject = func() *Definition {
	d := &Definition{
		ID:    "investment_project",
		Name:  "企业投资项目",
		Key:   []string{"code"},
		Owner: "handler",
		Fields: []Field{
			{Name: "code", Label: "项目代码", Type: Text, Required: true, Normalize: Fold, Check: CheckProjectCode, Note: "如 2203-410307-04-01-123456"},
			{Name: "name", Label: "项目名称", Type: Text, Required: true},
			{Name: "company", Label: "项目单位", Type: Text},
			{Name: "company_uscc", Label: "统一社会信用代码", Type: Text, Normalize: normalizeCode, Check: ident.CheckUSCC, Note: "项目单位的统一社会信用代码"},
			{Name: "kind", Label: "办理类型", Type: Enum, Required: true, Enum: InvestmentKinds},
			{Name: "investment", Label: "总投资（万元）", Type: Decimal, Scale: 4, Required: true, Min: int64p(0), AmountUnit: "万元",
				PlausibleMax: 5000000 * 10000, Synonyms: []string{"项目总投资", "总投资额", "投资总额"}},
			{Name: "site", Label: "建设地点", Type: Text},
			{Name: "handler", Label: "办理单位", Type: UnitRef, Note: "受理备案、核准或审批的单位"},
			{Name: "applied_on", Label: "申报日期", Type: Date, Required: true},
			{Name: "done_on", Label: "办结日期", Type: Date, Note: "办理中的项目留空"},
			{Name: "workdays", Label: "办理时长（工作日）", Type: Int, Derived: true, Note: "自动计算：申报日期之后至办结日期的工作日数，当日办结为0"},
		},
		Derive: func(r Record, env Env) error {
			a, okA := r.Date("applied_on")
			b, okB := r.Date("done_on")
			if !okA || !okB {
				delete(r, "workdays")
				return nil
			}
			n, err := env.WorkdaysBetween(a, b)
			if err != nil {
				return fmt.Errorf("无法计算办理时长: %w", err)
			}
			r["workdays"] = int64(n)
			return nil
		},
	}
	d.Checks = []RecordCheck{dateOrder(d, "applied_on", "done_on")}
	return register(d)
}()
