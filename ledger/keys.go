package ledger

import (
	"fmt"
	"regexp"
	"strings"

	"fazhi/ident"
)

// seqTail is the sequence number at the end of a 案号 or 文号: after the
// year bracket or the court's code, an optional 第, leading zeros, digits, 号.
var seqTail = regexp.MustCompile(`^(.*?)第?0*(\d+)号$`)

// canonicalSeq writes the sequence number the one way: 第163号, 0163号 and
// 163号 are all 163号 (GB/T 9704-2012 §7.2.4: no 第, no leading zeros).
func canonicalSeq(s string) string {
	if g := seqTail.FindStringSubmatch(s); g != nil {
		return g[1] + g[2] + "号"
	}
	return s
}

// yearBracket finds the year of a 案号/文号: 〔2022〕 or （2022）.
var yearBracket = regexp.MustCompile(`[〔（(]\d{4}[〕）)]`)

// checkSeq refuses a number whose sequence is not digits (〔2022〕l号: a
// letter typed for a digit), so a typo never becomes a second case.
func checkSeq(s string) error {
	loc := yearBracket.FindStringIndex(s)
	if loc == nil || !strings.HasSuffix(s, "号") {
		return nil
	}
	tail := strings.TrimSuffix(s[loc[1]:], "号")
	tail = strings.TrimPrefix(tail, "第")
	if tail == "" {
		return fmt.Errorf("“%s”缺少序号", s)
	}
	// A court number carries its code before the digits: 豫0381行初15.
	i := len(tail)
	for i > 0 && tail[i-1] >= '0' && tail[i-1] <= '9' {
		i--
	}
	if i == len(tail) {
		return fmt.Errorf("“%s”的序号“%s”不是数字（是否把数字 1 或 0 错打成了字母？）", s, lastWord(tail))
	}
	return nil
}

func lastWord(s string) string {
	r := []rune(s)
	if len(r) > 3 {
		r = r[len(r)-3:]
	}
	return string(r)
}

// normalizeDocNo is a 文号 in its canonical form: 〔〕 brackets, no spaces,
// no 第, no leading zeros in the sequence.
func normalizeDocNo(s string) string { return canonicalSeq(ident.NormalizeDocNumber(s)) }

// checkCaseNo refuses a 案号 that cannot be one.
func checkCaseNo(s string) error { return checkSeq(s) }
