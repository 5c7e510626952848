package deadline

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fazhi/calendar"
)

// String prints the result for `fazhi deadline`: the due date alone on the
// first line, then the rule, the article and how the date was reached.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", calendar.Format(r.Due))
	period := r.Unit.Suffix(r.Period)
	if r.Unit == Fixed {
		period = "载明的整改时限"
	}
	fmt.Fprintf(&b, "规则：%s %s，%s\n", r.Rule.ID, r.Rule.Name, period)
	fmt.Fprintf(&b, "依据：%s%s\n", r.Law, r.Article)
	if r.Note != "" {
		fmt.Fprintf(&b, "说明：%s\n", r.Note)
	}
	fmt.Fprintf(&b, "计算：%s\n", r.Explanation)
	return b.String()
}

// WriteRules lists every rule for `fazhi deadline --list`, with the periods
// cfg sets for configurable rules.
func WriteRules(w io.Writer, cfg Config) error {
	var b strings.Builder
	for _, r := range Rules() {
		fmt.Fprintf(&b, "%s\t%s\n", r.ID, r.Name)
		fmt.Fprintf(&b, "    起算：%s\n", r.Start)
		if r.Old == nil {
			fmt.Fprintf(&b, "    期限：%s\n", versionText(r.ID, r.Version, cfg))
			continue
		}
		fmt.Fprintf(&b, "    %s起：%s\n", calendar.Format(cfg.ReconsiderationSwitch), versionText(r.ID, r.Version, cfg))
		fmt.Fprintf(&b, "    %s前：%s\n", calendar.Format(cfg.ReconsiderationSwitch), versionText(r.ID, *r.Old, cfg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// versionText is one line of --list: period, options, law and article.
func versionText(id string, v Version, cfg Config) string {
	var parts []string
	switch {
	case v.Unit == Fixed:
		parts = append(parts, "载明的整改时限（或 --days N 自然日）")
	case v.Period == 0:
		parts = append(parts, "法律未规定，用 --days 指定")
	default:
		n := v.Period
		if p, ok := cfg.Periods[id]; ok && v.Configurable {
			n = p
		}
		parts = append(parts, v.Unit.Suffix(n))
	}
	if v.Extension > 0 {
		parts = append(parts, "可延长"+v.Unit.Suffix(v.Extension))
	}
	if v.Simplified > 0 {
		parts = append(parts, "简易程序"+v.Unit.Suffix(v.Simplified))
	}
	if v.Configurable {
		parts = append(parts, "可配置")
	}
	return strings.Join(parts, "，") + " — " + v.Law + v.Article
}

// ParseSpan reads a --suspend value "2024-03-01:2024-03-11" (中止日:恢复日).
// "2024-03-01:" means suspended and not yet resumed.
func ParseSpan(s string) (Span, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		a, b, ok = strings.Cut(strings.TrimSpace(s), "：")
	}
	if !ok {
		return Span{}, fmt.Errorf("中止期间“%s”应写作 中止日期:恢复日期，如 2024-03-01:2024-03-11", s)
	}
	from, err := calendar.ParseDate(a)
	if err != nil {
		return Span{}, fmt.Errorf("中止日期：%w", err)
	}
	var to time.Time
	if strings.TrimSpace(b) != "" {
		if to, err = calendar.ParseDate(b); err != nil {
			return Span{}, fmt.Errorf("恢复日期：%w", err)
		}
	}
	return Span{From: from, To: to}, nil
}
