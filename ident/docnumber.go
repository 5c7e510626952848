package ident

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// docNumberRe is the 发文字号 form of GB/T 9704-2012 §7.2.4: 机关代字 + 〔年份〕 + 序号 + 号,
// with the full year, no 第 and no leading zeros.
var docNumberRe = regexp.MustCompile(`^(.+?)〔(\d{4})〕([1-9]\d*)号$`)

// bracketFixer turns the commonly mistyped brackets into 六角括号 〔〕 (U+3014/U+3015).
var bracketFixer = strings.NewReplacer(
	"[", "〔", "]", "〕", "【", "〔", "】", "〕", "［", "〔", "］", "〕",
	"(", "〔", ")", "〕", "（", "〔", "）", "〕", "﹝", "〔", "﹞", "〕",
)

// NormalizeDocNumber rewrites mistyped year brackets to 〔〕 and drops spaces.
// Bytes that are not UTF-8 become U+FFFD first, so the result is stable:
// normalising it again changes nothing.
func NormalizeDocNumber(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Join(strings.Fields(width.Fold.String(s)), "")
	if strings.ContainsAny(s, "〔〕") {
		return s
	}
	return bracketFixer.Replace(s)
}

// CheckDocNumber reports why s is not a well-formed 发文字号, or nil.
func CheckDocNumber(s string) error {
	m := docNumberRe.FindStringSubmatch(s)
	if m == nil {
		switch {
		case strings.Contains(s, "第"):
			return fmt.Errorf("文号“%s”不应含“第”字（GB/T 9704：代字〔年份〕序号号）", s)
		case regexp.MustCompile(`〔\d{4}〕0\d*号$`).MatchString(s):
			return fmt.Errorf("文号“%s”的序号不应有前导零", s)
		default:
			return fmt.Errorf("文号“%s”格式不符，应为 机关代字〔年份〕序号号，如 偃政〔2023〕5号", s)
		}
	}
	return nil
}
