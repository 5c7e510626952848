package search

import (
	"strings"
	"unicode"
)

// Segment is a piece of displayed text; Match marks an occurrence of a term.
type Segment struct {
	Text  string
	Match bool
}

// fold lower-cases rune by rune, so positions in the folded text are
// positions in the original.
func fold(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

// marks returns, per rune of text, whether it lies in an occurrence of a term.
func marks(text []rune, terms []string) []bool {
	m := make([]bool, len(text))
	low := fold(text)
	for _, t := range terms {
		tr := fold([]rune(t))
		if len(tr) == 0 || len(tr) > len(low) {
			continue
		}
		for i := 0; i+len(tr) <= len(low); i++ {
			if low[i] == tr[0] && equalRunes(low[i:i+len(tr)], tr) {
				for j := i; j < i+len(tr); j++ {
					m[j] = true
				}
			}
		}
	}
	return m
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// segments cuts text[from:to] into runs of matched and unmatched runes.
func segments(text []rune, m []bool, from, to int) []Segment {
	var out []Segment
	for i := from; i < to; {
		j := i
		for j < to && m[j] == m[i] {
			j++
		}
		out = append(out, Segment{Text: string(text[i:j]), Match: m[i]})
		i = j
	}
	return out
}

// Highlight splits text into segments, marking every occurrence of every
// term (case-insensitively for Latin letters).
func Highlight(text string, terms []string) []Segment {
	rs := []rune(text)
	return segments(rs, marks(rs, terms), 0, len(rs))
}

// Count counts the occurrences of term in text without overlap, the way
// store counts them in SQL: (length of text - length of text with the term
// replaced by nothing) / length of term.
func Count(text, term string) int {
	if term == "" {
		return 0
	}
	return strings.Count(string(fold([]rune(text))), string(fold([]rune(term))))
}

// Ellipsis marks text cut off at either end of a snippet.
const Ellipsis = "…"

// Snippet returns about width characters of text around the first
// occurrence of a term, with whitespace collapsed and the occurrences
// marked; cut ends carry an ellipsis. Without an occurrence it returns the
// start of the text.
func Snippet(text string, terms []string, width int) []Segment {
	rs := []rune(strings.Join(strings.Fields(text), " "))
	if len(rs) == 0 {
		return nil
	}
	if width <= 0 {
		width = 60
	}
	m := marks(rs, terms)
	first := -1
	for i, hit := range m {
		if hit {
			first = i
			break
		}
	}
	start := 0
	if first > 0 {
		start = max(0, first-width/4) // a quarter of the window before the hit
	}
	end := min(len(rs), start+width)
	if end-start < width {
		start = max(0, end-width)
	}
	for end < len(rs) && end > 0 && m[end-1] && m[end] {
		end++ // never cut a match in two
	}
	var out []Segment
	if start > 0 {
		out = append(out, Segment{Text: Ellipsis})
	}
	out = append(out, segments(rs, m, start, end)...)
	if end < len(rs) {
		out = append(out, Segment{Text: Ellipsis})
	}
	return out
}

// Style is how matches are shown.
type Style int

const (
	// Brackets puts 【】 around each match: for files, pipes and logs.
	Brackets Style = iota
	// ANSI shows matches bold red on a terminal.
	ANSI
)

const (
	ansiOn  = "\x1b[1;31m"
	ansiOff = "\x1b[0m"
)

// Render joins segments, marking matches in style s.
func Render(segs []Segment, s Style) string {
	var b strings.Builder
	for _, g := range segs {
		switch {
		case !g.Match:
			b.WriteString(g.Text)
		case s == ANSI:
			b.WriteString(ansiOn + g.Text + ansiOff)
		default:
			b.WriteString("【" + g.Text + "】")
		}
	}
	return b.String()
}
