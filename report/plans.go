package report

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"fazhi/gongwen"
)

// PlansHeading is the section of a report that holds next year's plans.
const PlansHeading = "下步工作打算"

// PlansStatusDirective, alone in a paragraph, expands to the status of the
// tasks carried over from last year's report.
const PlansStatusDirective = "{{plans.status}}"

var (
	itemRe = regexp.MustCompile(`[一二三四五六七八九十]+是`)
	// closingRe is the closing formula of a report, not a plan.
	closingRe = regexp.MustCompile(`^(特此|以上)(报告|说明)。?$`)
)

// Plans returns the items of the report's 下步工作打算 section: the text
// after each 一是、二是 … up to the next item.
func Plans(src *Source) []string {
	var text strings.Builder
	in := false
	for _, p := range src.Paras {
		if p.Level == 1 {
			in = strings.Contains(p.Text, PlansHeading)
			continue
		}
		if in && !closingRe.MatchString(p.Text) {
			text.WriteString(p.Lead + p.Text)
		}
	}
	s := text.String()
	locs := itemRe.FindAllStringIndex(s, -1)
	var items []string
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		item := strings.TrimSpace(s[l[1]:end])
		if item != "" {
			items = append(items, item)
		}
	}
	return items
}

// PlanStatus is a carried-over task as the next report shows it.
type PlanStatus struct {
	No, Task, Unit, Status, Progress string
	Due                              time.Time
	Done                             *time.Time
}

// Text renders the task with its owner, time limit and status.
func (p PlanStatus) Text() string {
	task := strings.TrimRight(p.Task, "。；;")
	s := fmt.Sprintf("%s（牵头单位：%s；完成时限：%s；状态：%s", task, p.Unit, gongwen.FormatDate(p.Due), p.Status)
	if p.Done != nil {
		s += "，" + gongwen.FormatDate(*p.Done) + "完成"
	}
	if p.Progress != "" {
		s += "；进展：" + strings.TrimRight(p.Progress, "。")
	}
	return s + "）。"
}
