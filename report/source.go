// Package report turns staff-written narrative and computed indicators into
// the annual 法治政府建设 report. The narrative is plain text in which each
// figure is a placeholder bound to an indicator ID ({{reconsideration.received}});
// rendering replaces placeholders with the year's values, so changing a record
// changes the report with no other edit.
package report

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"fazhi/ledger"
)

// Seed2022 is the source of 偃师区's 2022 report (the product's origin), with
// every figure bound to its indicator.
//
//go:embed seed2022.txt
var Seed2022 string

// Source is a report as staff write it: the 版头 and 署名 fields, then the body.
type Source struct {
	Issuer     string    // 发文机关标志
	DocNumber  string    // 发文字号
	Signer     string    // 签发人
	Title      string    // 标题
	Addressee  string    // 主送机关
	Signatures []string  // 署名
	Date       time.Time // 成文日期
	DateText   string    // 成文日期 as written, for lint
	Paras      []Para
}

// Para is one paragraph of the body: a standalone heading (Level 1-4), or
// a body paragraph (Level 0) that may open with a run-in heading (Lead).
type Para struct {
	Line  int // line in the source, for findings
	Level int
	Lead  string // run-in heading, e.g. （一）强化……新局面。
	Text  string // text with {{indicator.id}} placeholders
}

var (
	placeholderRe = regexp.MustCompile(`\{\{\s*([a-z0-9_]+(?:\.[a-z0-9_]+)+)\s*\}\}`)
	level1Re      = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	level2Re      = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
	level3Re      = regexp.MustCompile(`^\d+[.．]`)
	level4Re      = regexp.MustCompile(`^（\d+）`)
)

var metaKeys = []string{"发文机关标志", "发文字号", "签发人", "标题", "主送机关", "署名", "成文日期"}

// Parse reads a report source: "键：值" lines, a line "---", then paragraphs
// separated by blank lines. Headings are recognised by their numbers (一、
// （一） 1. （1）); a short numbered paragraph is a standalone heading, a
// long one opens with a run-in heading ending at the first 。.
//
// Text that is not UTF-8, or that carries control characters other than TAB
// (ESC, BEL, NUL … would corrupt a terminal, a DOCX or an HTML page), is
// refused with the line and character.
func Parse(text string) (*Source, error) {
	s := &Source{}
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("第%d行: 不是 UTF-8 文本（请另存为 UTF-8 编码）", i+1)
		}
		if j := strings.IndexFunc(l, func(r rune) bool { return r != '\t' && (r < 0x20 || r >= 0x7f && r < 0xa0) }); j >= 0 {
			return nil, fmt.Errorf("第%d行第%d个字符是控制字符 %U，请删除", i+1, utf8.RuneCountInString(l[:j])+1, []rune(l[j:])[0])
		}
	}
	i := 0
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "---" {
			i++
			break
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, ok := strings.Cut(l, "：")
		if !ok {
			k, v, ok = strings.Cut(l, ":")
		}
		if !ok {
			return nil, fmt.Errorf("第%d行: 版头应写作“键：值”，可用的键：%s；正文之前用一行 --- 分隔", i+1, strings.Join(metaKeys, "、"))
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "发文机关标志":
			s.Issuer = v
		case "发文字号":
			s.DocNumber = v
		case "签发人":
			s.Signer = v
		case "标题":
			s.Title = v
		case "主送机关":
			s.Addressee = v
		case "署名":
			s.Signatures = append(s.Signatures, v)
		case "成文日期":
			d, err := ledger.ParseDate(v)
			if err != nil {
				return nil, fmt.Errorf("第%d行: 成文日期: %v", i+1, err)
			}
			s.Date, s.DateText = d, v
		default:
			return nil, fmt.Errorf("第%d行: 未知的版头项“%s”，可用的键：%s", i+1, k, strings.Join(metaKeys, "、"))
		}
	}
	if s.Title == "" {
		return nil, fmt.Errorf("报告缺少“标题：”")
	}
	var cur []string
	start := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		s.Paras = append(s.Paras, classify(strings.Join(cur, ""), start))
		cur = nil
	}
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			flush()
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		cur = append(cur, l)
	}
	flush()
	return s, nil
}

// classify decides a paragraph's heading level from its number.
func classify(text string, line int) Para {
	p := Para{Line: line, Text: text}
	lvl := 0
	switch {
	case level1Re.MatchString(text):
		lvl = 1
	case level2Re.MatchString(text):
		lvl = 2
	case level3Re.MatchString(text):
		lvl = 3
	case level4Re.MatchString(text):
		lvl = 4
	}
	if lvl == 0 {
		return p
	}
	lead, rest, found := strings.Cut(text, "。")
	if !found || rest == "" {
		if len([]rune(text)) <= 40 {
			p.Level = lvl // a standalone heading line
		}
		return p
	}
	p.Lead, p.Text = lead+"。", rest
	p.Level = 0
	if lvl == 1 {
		// 一、 run-in headings are rare; keep the level on the lead.
		p.Level = 0
	}
	return p
}

// LeadLevel is the heading level of a paragraph's run-in heading.
func (p Para) LeadLevel() int {
	switch {
	case p.Lead == "":
		return 0
	case level1Re.MatchString(p.Lead):
		return 1
	case level2Re.MatchString(p.Lead):
		return 2
	case level3Re.MatchString(p.Lead):
		return 3
	}
	return 4
}

// Placeholders lists the indicator IDs the source refers to, in order of
// first use.
func (s *Source) Placeholders() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range s.Paras {
		for _, m := range placeholderRe.FindAllStringSubmatch(p.Lead+p.Text, -1) {
			if m[0] == PlansStatusDirective {
				continue
			}
			if !seen[m[1]] {
				seen[m[1]] = true
				out = append(out, m[1])
			}
		}
	}
	return out
}
