package report

import (
	"regexp"
	"sort"
	"strings"

	"fazhi/ledger"
)

// idNumberRe is an 18-character 居民身份证号码 (GB 11643) or 统一社会信用代码
// (GB 32100) typed into the text.
var idNumberRe = regexp.MustCompile(`\b[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXYx]\b|\b\d{17}[\dXx]\b`)

// Scrub removes what a public document must not show from text: each name
// in names (parties to records) becomes 某某, and ID numbers are masked.
// Longer names are replaced first so one name inside another is not left
// half-replaced.
func Scrub(text string, names []string) string {
	text = idNumberRe.ReplaceAllStringFunc(text, ledger.Mask)
	for _, n := range names {
		if len([]rune(n)) >= 2 {
			text = strings.ReplaceAll(text, n, "某某")
		}
	}
	return text
}

// sortNames orders names longest first and drops duplicates.
func sortNames(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// ScrubbedText is the text publicCopy scrubs (the title, then each
// block's lead and segments, one line each): the text party names are
// looked for in before publication.
func (r *Report) ScrubbedText() string {
	var b strings.Builder
	b.WriteString(r.Title)
	for _, bl := range r.Blocks {
		b.WriteString("\n")
		b.WriteString(bl.Lead)
		for _, sg := range bl.Segs {
			b.WriteString(sg.Text)
		}
	}
	return b.String()
}

// publicCopy returns the report with its text scrubbed for publication.
func (r *Report) publicCopy(names []string) *Report {
	names = sortNames(names)
	c := *r
	c.Title = Scrub(r.Title, names)
	c.Blocks = make([]Block, len(r.Blocks))
	for i, b := range r.Blocks {
		nb := Block{Line: b.Line, Level: b.Level, Lead: Scrub(b.Lead, names)}
		for _, sg := range b.Segs {
			nb.Segs = append(nb.Segs, Segment{Text: Scrub(sg.Text, names), Ref: sg.Ref})
		}
		c.Blocks[i] = nb
	}
	return &c
}
