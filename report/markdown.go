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
	if r.DraftMark != "" {
		fmt.Fprintf(&b, "> **%s**\n\n", r.DraftMark)
	}
	if s.Issuer != "" {
		fmt.Fprintf(&b, "**%s**\n\n", mdText(s.Issuer))
	}
	if s.DocNumber != "" {
		b.WriteString(mdText(s.DocNumber))
		if s.Signer != "" {
			b.WriteString("　　签发人：" + mdText(strings.Join(s.Signers(), "　")))
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "# %s\n\n", mdText(r.Title))
	if s.Addressee != "" {
		b.WriteString(mdText(strings.TrimRight(s.Addressee, "：:")) + "：\n\n")
	}
	for _, bl := range r.Blocks {
		switch {
		case bl.Level > 0:
			fmt.Fprintf(&b, "%s %s\n\n", strings.Repeat("#", bl.Level+1), mdText(bl.Text()))
		case bl.Lead != "":
			fmt.Fprintf(&b, "**%s**%s\n\n", mdText(bl.Lead), mdText(bl.Text()))
		default:
			b.WriteString(mdText(bl.Text()) + "\n\n")
		}
	}
	for _, sig := range s.Signatures {
		b.WriteString(mdText(sig) + "\n\n")
	}
	if !s.Date.IsZero() {
		b.WriteString(gongwen.FormatDate(s.Date) + "\n")
	}
	if s.CC != "" || s.PrintedBy != "" {
		b.WriteString("\n---\n\n")
		if s.CC != "" {
			b.WriteString("抄送：" + mdText(strings.TrimSuffix(s.CC, "。")) + "。\n\n")
		}
		if s.PrintedBy != "" || !s.PrintedDate.IsZero() {
			line := mdText(s.PrintedBy)
			if !s.PrintedDate.IsZero() {
				line += "　　" + gongwen.FormatDate(s.PrintedDate) + "印发"
			}
			b.WriteString(line + "\n")
		}
	}
	if changes != nil {
		fmt.Fprintf(&b, "\n## 主要指标与%d年对比\n\n| 指标 | 名称 | %d年 | %d年 | 增减 |\n|---|---|---:|---:|---:|\n", prevYear, r.Year, prevYear)
		for _, c := range changes {
			prev, delta := "—", "—"
			if c.HasPrev {
				prev = FormatNumber(c.Prev) + c.Unit
			}
			delta = c.DeltaText()
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdText(c.ID), mdText(c.Name), c.ValueText(), prev, delta)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdText makes narrative text inert in Markdown: HTML is escaped (so
// <script>, <img onerror> and raw tags show as text), the characters that
// open links, images, emphasis, code and tables are backslash-escaped (so
// [x](javascript:…) is no link), a leading # or > opens no heading or
// quote, and control characters are dropped.
func mdText(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			if i == 0 {
				b.WriteString("\\")
			}
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\`*_[]()|!", r):
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '#' && i == 0, r == '-' && i == 0, r == '+' && i == 0:
			b.WriteRune('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// control characters (terminal escapes) are dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
