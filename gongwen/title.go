package gongwen

import (
	"math"
	"strings"
	"unicode"
)

// titleCapacity is how many 二号 characters fit on one line of the text
// area: 442.25 pt / (22 pt × 98%) = 20.5.
const titleCapacity = 20

// flatTitle returns the title on one line.
func flatTitle(t string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(t, "\n", " ")), " ")
}

// runeWidth is the advance of r in character cells: CJK and full-width
// forms take one cell, Latin letters, digits and ASCII punctuation half.
func runeWidth(r rune) float64 {
	if r < 0x2000 || (r >= 0xFF61 && r <= 0xFFDC) {
		return 0.5
	}
	return 1
}

func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// Punctuation that must not start (closing) or end (opening) a line.
const (
	noLineStart = "，。、；：？！）》」』”’〕】…—·,.;:?!)]}%"
	noLineEnd   = "（《「『“‘〔【([{"
)

// wrapTitle splits a title into lines for GB/T 9704 7.3.1: centred lines
// arranged as a trapezoid or diamond, never as an hourglass. Explicit "\n"
// in the title wins. Breaks never split a run of Latin letters or digits,
// never put closing punctuation first on a line, and prefer spaces and the
// position before 关于 (the usual break after the issuer names).
func wrapTitle(title string) []string {
	if strings.Contains(title, "\n") {
		var lines []string
		for _, l := range strings.Split(title, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		return lines
	}
	title = strings.TrimSpace(title)
	if textWidth(title) <= titleCapacity {
		return []string{title}
	}
	rs := []rune(title)
	var cands []int // allowed break positions (a line starts at rs[i])
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		if isAlnum(a) && isAlnum(b) || strings.ContainsRune(noLineStart, b) || strings.ContainsRune(noLineEnd, a) {
			continue
		}
		cands = append(cands, i)
	}
	total := textWidth(title)
	kmin := int(math.Ceil(total / titleCapacity))
	var best []int
	bestCost := math.Inf(1)
	// One line more than the minimum is tried too: a clean break at
	// 关于 often beats splitting a word.
	for k := kmin; k <= kmin+1 && k <= 8; k++ {
		var rec func(start, from int, breaks []int)
		rec = func(start, from int, breaks []int) {
			if len(breaks) == k-1 {
				if c, ok := titleCost(rs, breaks); ok && c+float64(k-kmin)*25 < bestCost {
					best, bestCost = append([]int(nil), breaks...), c+float64(k-kmin)*25
				}
				return
			}
			for j := from; j < len(cands); j++ {
				if textWidth(string(rs[start:cands[j]])) > titleCapacity {
					break
				}
				rec(cands[j], j+1, append(breaks, cands[j]))
			}
		}
		rec(0, 0, nil)
	}
	if best != nil {
		return splitAt(rs, best)
	}
	return []string{title} // unbreakable: let the word processor wrap it
}

func isAlnum(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func splitAt(rs []rune, breaks []int) []string {
	var lines []string
	prev := 0
	for _, b := range append(breaks, len(rs)) {
		lines = append(lines, strings.TrimSpace(string(rs[prev:b])))
		prev = b
	}
	return lines
}

// titleCost scores a set of breaks; lower is better. ok is false when a
// line is too long or empty.
func titleCost(rs []rune, breaks []int) (float64, bool) {
	lines := splitAt(rs, breaks)
	ws := make([]float64, len(lines))
	mean := 0.0
	for i, l := range lines {
		ws[i] = textWidth(l)
		if ws[i] == 0 || ws[i] > titleCapacity {
			return 0, false
		}
		mean += ws[i]
	}
	mean /= float64(len(ws))
	cost := 0.0
	for _, w := range ws {
		cost += 2 * math.Abs(w-mean)
		if w < 3 {
			cost += 50 // a stub line
		}
	}
	for i := 1; i < len(ws); i++ {
		if ws[i] < ws[i-1] {
			cost += 10 // upper line longer: an inverted trapezoid
		}
		if i+1 < len(ws) && ws[i] < ws[i-1] && ws[i] < ws[i+1] {
			cost += 100 // hourglass
		}
	}
	for _, b := range breaks {
		cost += breakCost(rs, b)
	}
	return cost, true
}

// Word boundaries a title may break at without a dictionary: after the
// name of an organ, before 关于, after 的, 年 or a common title word.
var (
	organEnds  = []string{"人民政府", "委员会", "办公室", "区委", "市委", "县委", "省委", "政府", "常委会", "局", "厅", "院"}
	goodBefore = []string{"关于"}
	softAfter  = []string{"的", "印发", "转发", "批转", "和", "及", "与",
		"文件", "工作", "情况", "建设", "管理", "制度", "改革", "要点", "规划", "机制", "体系",
		"活动", "行动", "问题", "事项", "清理", "结果", "监督", "执法", "审查", "法治", "发展", "治理", "实施"}
	docTypeEnds = []string{"通知", "报告", "意见", "决定", "办法", "方案", "规定", "请示", "批复", "通报", "公告", "纪要", "函"}
)

// breakCost scores a line break before rs[b]: negative for good breaks,
// positive for breaks that probably split a word.
func breakCost(rs []rune, b int) float64 {
	before, after := string(rs[:b]), string(rs[b:])
	switch {
	case unicode.IsSpace(rs[b-1]) || unicode.IsSpace(rs[b]):
		return -30
	case hasPrefixAny(after, goodBefore):
		return -30
	case hasSuffixAny(before, docTypeEnds) && !hasPrefixAny(after, docTypeEnds):
		return -5
	case hasSuffixAny(before, organEnds):
		return -15
	case hasSuffixAny(before, softAfter),
		strings.HasSuffix(before, "年") && !strings.ContainsRune("度份初底末中内", rs[b]):
		return -5
	case hasPrefixAny(after, docTypeEnds) && len([]rune(after)) <= 3:
		return 10 // "…的" / "通知" orphaned
	case rs[b-1] >= 0x2E80 && rs[b] >= 0x2E80:
		return 25 // between two CJK characters: likely inside a word
	}
	return 0
}

func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasSuffixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}
