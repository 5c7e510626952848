package report

import (
	"regexp"
	"strings"
	"unicode"
)

// anchor is where a figure stood in a reference source: the words just
// before its placeholder and the unit just after it. A number typed at the
// same spot of a later version is that figure typed by hand.
type anchor struct {
	before, after, id string
}

const (
	anchorBefore = 8 // runes kept before a figure
	anchorAfter  = 4 // runes kept after it (the unit and what follows)
)

var typedNumberRe = regexp.MustCompile(`\d+(?:\.\d+)?`)

// stop reports whether r ends the context of a figure.
func stop(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsDigit(r) || r == '〓' || r == '“' || r == '”'
}

func contextBefore(s string) string {
	rs := []rune(s)
	i := len(rs)
	for i > 0 && !stop(rs[i-1]) && len(rs)-i < anchorBefore {
		i--
	}
	return string(rs[i:])
}

func contextAfter(s string) string {
	rs := []rune(s)
	i := 0
	for i < len(rs) && !(stop(rs[i]) && rs[i] != '%') && i < anchorAfter {
		i++
	}
	return string(rs[:i])
}

// anchors collects the context of every placeholder in refs.
func anchors(refs []*Source) []anchor {
	var out []anchor
	seen := map[anchor]bool{}
	for _, src := range refs {
		for _, p := range src.Paras {
			text := p.Lead + p.Text
			for _, loc := range placeholderRe.FindAllStringSubmatchIndex(text, -1) {
				id := text[loc[2]:loc[3]]
				if "{{"+id+"}}" == PlansStatusDirective {
					continue
				}
				before := placeholderRe.ReplaceAllString(text[:loc[0]], "〓")
				after := placeholderRe.ReplaceAllString(text[loc[1]:], "〓")
				a := anchor{before: contextBefore(before), after: contextAfter(after), id: id}
				if (a.before != "" || len([]rune(a.after)) >= 3) && a.after != "" && !seen[a] {
					seen[a] = true
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// typedFigure is a number typed into the narrative with its context.
type typedFigure struct {
	text          string // the number with its context, as typed
	number        string
	before, after string
}

// typedFigures lists the numbers typed into text (placeholders removed).
func typedFigures(text string) []typedFigure {
	var out []typedFigure
	for _, loc := range typedNumberRe.FindAllStringIndex(text, -1) {
		before, after := contextBefore(text[:loc[0]]), contextAfter(text[loc[1]:])
		out = append(out, typedFigure{text: before + text[loc[0]:loc[1]] + after, number: text[loc[0]:loc[1]], before: before, after: after})
	}
	return out
}

// score says how well a typed figure stands where anchor a's figure stood,
// from the runes their before-texts share at the end; 0 when the units
// differ or too little agrees (two runes, or the whole of a short
// before-text when the text after agrees exactly).
func (a anchor) score(t typedFigure) int {
	if t.after == "" || !strings.HasPrefix(t.after, a.after) && !strings.HasPrefix(a.after, t.after) {
		return 0
	}
	ra, rt := []rune(a.before), []rune(t.before)
	n := 0
	for n < len(ra) && n < len(rt) && ra[len(ra)-1-n] == rt[len(rt)-1-n] {
		n++
	}
	switch {
	case n >= 2 || (n == len(ra) && n > 0 && a.after == t.after):
		// Shared runes count most; an anchor matched whole beats a longer
		// one matched in part (投资 over 总投资 for "投资18亿元").
		return 10*n - (len(ra) - n)
	case len(ra) == 0 && len(rt) == 0 && a.after == t.after:
		return 1 // a figure opening a sentence: its unit and next words agree
	}
	return 0
}

// best returns the indicator whose anchor fits t best, or "".
func best(known []anchor, t typedFigure) string {
	id, top := "", 0
	for _, a := range known {
		if sc := a.score(t); sc > top {
			id, top = a.id, sc
		}
	}
	return id
}
