package report

import (
	"fmt"
	"strings"
)

// Diff lists, paragraph by paragraph, what changed between two versions of
// a report source: "- " for a paragraph removed, "+ " for one added.
// Paragraphs are compared whole, as staff edit them (LCS over paragraphs).
func Diff(old, new string) []string {
	a, b := paragraphs(old), paragraphs(new)
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] > lcs[i+1][j]):
			out = append(out, "+ "+b[j])
			j++
		default:
			out = append(out, "- "+a[i])
			i++
		}
	}
	return out
}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// DiffSummary counts a diff's removed and added paragraphs.
func DiffSummary(d []string) string {
	var rm, add int
	for _, l := range d {
		if strings.HasPrefix(l, "- ") {
			rm++
		} else {
			add++
		}
	}
	return fmt.Sprintf("删除%d段，新增%d段", rm, add)
}
