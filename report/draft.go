package report

import (
	"fmt"
	"strings"

	"fazhi/gongwen"
)

// PlansDocument names the tasks carried over from a report: the 所属文件 of
// their plan_task records.
func PlansDocument(src *Source) string { return "《" + src.Title + "》下步工作打算" }

// Draft writes the source of year's report from last year's: the 版头 and
// title moved to the new year, the body kept (its figures are placeholders,
// so they show the new year's values), and before the problems section a
// subsection listing the status of last year's promises.
func Draft(prev *Source, prevText string, year int) (string, error) {
	_, body, ok := strings.Cut(prevText, "\n---\n")
	if !ok {
		return "", fmt.Errorf("上年度报告正文缺少分隔行 ---")
	}
	py, ny := fmt.Sprint(year-1), fmt.Sprint(year)
	var b strings.Builder
	fmt.Fprintf(&b, "# %d年度报告草稿，由%d年度报告生成：请逐段修改叙述文字；{{…}} 中的数字自动取%d年度指标。\n", year, year-1, year)
	if prev.Issuer != "" {
		fmt.Fprintf(&b, "发文机关标志：%s\n", prev.Issuer)
	}
	if prev.DocNumber != "" {
		if code, rest, ok := strings.Cut(prev.DocNumber, "〔"); ok {
			_, no, _ := strings.Cut(rest, "〕")
			fmt.Fprintf(&b, "发文字号：%s〔%d〕%s\n", code, year+1, no)
		}
	}
	if prev.Signer != "" {
		fmt.Fprintf(&b, "签发人：%s\n", prev.Signer)
	}
	fmt.Fprintf(&b, "标题：%s\n", strings.ReplaceAll(prev.Title, py+"年度", ny+"年度"))
	if prev.Addressee != "" {
		fmt.Fprintf(&b, "主送机关：%s\n", prev.Addressee)
	}
	for _, s := range prev.Signatures {
		fmt.Fprintf(&b, "署名：%s\n", s)
	}
	if !prev.Date.IsZero() {
		fmt.Fprintf(&b, "成文日期：%s\n", gongwen.FormatDate(prev.Date.AddDate(1, 0, 0)))
	}
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
