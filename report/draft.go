package report

import (
	"fmt"
	"strings"

	"fazhi/gongwen"
)

// PlansDocument names the tasks carried over from a report: the 所属文件 of
// their plan_task records.
func PlansDocument(src *Source, year int) string {
	return "《" + ExpandYears(src.Title, year) + "》下步工作打算"
}

// Draft writes the source of year's report from last year's: the period
// years of the title and body turned into placeholders ({{year}} …, so they
// read year, year+1 …), the figures kept as placeholders (they show the new
// year's values), 发文字号, 成文日期 and 印发日期 left as 【待填】 fields
// (never last year's: lint flags them until filled), and before the
// problems section a subsection listing each promise of last year's
// 下步工作打算 with its live status.
func Draft(prev *Source, prevText string, year int) (string, error) {
	_, body, ok := strings.Cut(prevText, "\n---\n")
	if !ok {
		return "", fmt.Errorf("上年度报告正文缺少分隔行 ---")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %d年度报告草稿，由%d年度报告生成：请逐段修改叙述文字；{{…}} 中的数字自动取%d年度指标，{{year}} 即%d；标有%s的项目须填写后才能发布。\n", year, year-1, year, year, ToFill)
	if prev.Issuer != "" {
		fmt.Fprintf(&b, "发文机关标志：%s\n", prev.Issuer)
	}
	fmt.Fprintf(&b, "发文字号：%s\n", ToFill)
	if prev.Signer != "" {
		fmt.Fprintf(&b, "签发人：%s\n", prev.Signer)
	}
	fmt.Fprintf(&b, "标题：%s\n", YearsToPlaceholders(prev.Title, year-1))
	if prev.Addressee != "" {
		fmt.Fprintf(&b, "主送机关：%s\n", prev.Addressee)
	}
	for _, s := range prev.Signatures {
		fmt.Fprintf(&b, "署名：%s\n", s)
	}
	fmt.Fprintf(&b, "成文日期：%s\n", ToFill)
	if prev.CC != "" {
		fmt.Fprintf(&b, "抄送：%s\n", prev.CC)
	}
	if prev.PrintedBy != "" {
		fmt.Fprintf(&b, "印发机关：%s\n", prev.PrintedBy)
	}
	if prev.PrintedBy != "" || !prev.PrintedDate.IsZero() {
		fmt.Fprintf(&b, "印发日期：%s\n", ToFill)
	}
	body = YearsToPlaceholders(body, year-1)
	b.WriteString("---\n")

	// Insert the carried-over plans as the last subsection of part 一.
	paras := strings.Split(strings.TrimSpace(body), "\n\n")
	subs, inserted := 0, false
	for i, p := range paras {
		c := classify(strings.TrimSpace(p), 0)
		if c.Level == 1 && i > 0 && !inserted && subs > 0 {
			fmt.Fprintf(&b, "%s落实上年度报告工作打算情况\n\n%s\n\n", gongwen.HeadingNumber(2, subs+1), PlansStatusDirective)
			inserted = true
		}
		if c.Level == 2 || c.LeadLevel() == 2 {
			subs++
		}
		b.WriteString(strings.TrimSpace(p) + "\n\n")
	}
	if !inserted {
		fmt.Fprintf(&b, "落实上年度报告工作打算情况：\n\n%s\n", PlansStatusDirective)
	}
	return b.String(), nil
}
