package report

import (
	"fmt"
	"io"
	"strings"

	"fazhi/gongwen"
)

// WriteMarkdown writes the report as plain Markdown for review and diffs;
// changes (may be nil) are appended as a table.
func (r *Report) WriteMarkdown(w io.Writer, changes []Change, prevYear int) error {
	s := r.Source
	var b strings.Builder
	if s.Issuer != "" {
		fmt.Fprintf(&b, "**%s**\n\n", s.Issuer)
	}
	if s.DocNumber != "" {
		b.WriteString(s.DocNumber)
		if s.Signer != "" {
			b.WriteString("　　签发人：" + s.Signer)
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "# %s\n\n", r.Title)
	if s.Addressee != "" {
		b.WriteString(s.Addressee + "：\n\n")
	}
	for _, bl := range r.Blocks {
		switch {
		case bl.Level > 0:
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", bl.Level+1), bl.Text())
		case bl.Lead != "":
			fmt.Fprintf(&b, "**%s**%s\n\n", bl.Lead, bl.Text())
		default:
			b.WriteString(bl.Text() + "\n\n")
		}
	}
	for _, sig := range s.Signatures {
		b.WriteString(sig + "\n\n")
	}
	if !s.Date.IsZero() {
		b.WriteString(gongwen.FormatDate(s.Date) + "\n")
	}
	if changes != nil {
		fmt.Fprintf(&b, "\n## 主要指标与%d年对比\n\n| 指标 | 名称 | %d年 | %d年 | 增减 |\n|---|---|---:|---:|---:|\n", prevYear, r.Year, prevYear)
		for _, c := range changes {
			prev, delta := "—", "—"
			if c.HasPrev {
				prev = FormatNumber(c.Prev) + c.Unit
			}
			if c.HasPrev && !c.Null {
				delta = c.DeltaText()
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.ID, c.Name, c.ValueText(), prev, delta)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
