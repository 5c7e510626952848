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
	// 版记 (GB/T 9704 7.4), when the narrative has one.
	CC          string    // 抄送
	PrintedBy   string    // 印发机关
	PrintedDate time.Time // 印发日期
	// Pending lists the 版头/版记 fields written as 【待填】 (or left
	// empty): a draft's 发文字号 and 成文日期 until staff fill them in.
	Pending []string
	// Year is the report year this source belongs to, when the caller
	// knows it (lint compares 文号 and 成文日期 across years with it).
	Year  int
	Paras []Para
}

// ToFill marks a field a draft leaves for staff to fill in.
const ToFill = "【待填】"

// Signers returns the 签发人 names: several are separated by spaces or 、.
func (s *Source) Signers() []string { return splitNames(s.Signer) }

func splitNames(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '　' || r == '、' || r == '，' || r == ',' })
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

var metaKeys = []string{"发文机关标志", "发文字号", "签发人", "标题", "主送机关", "署名", "成文日期", "抄送", "印发机关", "印发日期"}

// chineseDateRe is a date written in Chinese numerals (二〇二三年三月二十二日).
var chineseDateRe = regexp.MustCompile(`^[〇零一二三四五六七八九十○Ｏ]{2,4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$`)

// parseDocDate reads the 成文日期 or 印发日期: Arabic numerals only
// (GB/T 9704-2012 7.3.5.4 and 7.4.3).
func parseDocDate(key, v string, line int) (time.Time, error) {
	if chineseDateRe.MatchString(v) {
		return time.Time{}, fmt.Errorf("第%d行: %s“%s”用了汉字数字；GB/T 9704-2012 第7.3.5.4条规定成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（如 2023年3月22日）", line, key, v)
	}
	d, err := ledger.ParseDate(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("第%d行: %s: %v", line, key, err)
	}
	return d, nil
}

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
		key := strings.TrimSpace(k)
		if v == "" || v == ToFill {
			switch key {
			case "发文字号", "成文日期", "签发人", "印发日期":
				s.Pending = append(s.Pending, key)
				continue
			}
		}
		switch key {
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
			d, err := parseDocDate("成文日期", v, i+1)
			if err != nil {
				return nil, err
			}
			s.Date, s.DateText = d, v
		case "抄送":
			s.CC = v
		case "印发机关":
			s.PrintedBy = v
		case "印发日期":
			d, err := parseDocDate("印发日期", v, i+1)
			if err != nil {
				return nil, err
			}
			s.PrintedDate = d
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
		// A numbered line without a full stop inside is a heading line,
		// whatever its length (county reports have 40-odd-character 一、
		// headings); lower levels longer than 40 characters are body text
		// that happens to open with a number.
		if lvl == 1 || len([]rune(text)) <= 40 {
			p.Level = lvl
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
