// Package termtext makes text safe to print on a terminal. Stored fields
// come from spreadsheets and web forms; an ESC, BEL, VT or a bidirectional
// override inside one could clear the screen, set the window title, forge a
// hyperlink or reorder what an administrator reads. Every CLI output goes
// through one Writer that shows such characters as visible escapes (\x1b,
// \u202e) instead of sending them to the terminal.
package termtext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character a terminal would act on written as
// a Go-style escape: C0 controls except TAB and LF (so CR, which can
// overwrite a line, is escaped too), DEL, C1 controls, the bidirectional
// embedding, override and isolate characters, and each byte that is not
// UTF-8 (\xff). Everything else, Chinese text included, is unchanged.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; len(s) > 0; {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case unsafeRune(r) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// Cell is Escape for one cell of a table (text/tabwriter): TAB, LF and VT,
// which would end the cell or the row, are escaped as well.
func Cell(s string) string {
	s = Escape(s)
	if strings.ContainsAny(s, "\t\n") {
		s = strings.NewReplacer("\t", `\t`, "\n", `\n`).Replace(s)
	}
	return s
}

// Safe reports whether s needs no escaping.
func Safe(s string) bool { return firstUnsafe(s) < 0 }

func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidi embeddings, overrides, isolates and marks
	}
	return false
}

// Writer escapes everything written through it (see Escape). The program's
// own terminal codes (progress lines, search highlighting) go to Raw(w).
type Writer struct{ w io.Writer }

// NewWriter wraps w; wrapping a *Writer again returns it unchanged.
func NewWriter(w io.Writer) *Writer {
	if tw, ok := w.(*Writer); ok {
		return tw
	}
	return &Writer{w: w}
}

// Write writes p with unsafe characters escaped. It reports len(p) on
// success, as io.Writer requires, though more bytes may reach the
// underlying writer.
func (w *Writer) Write(p []byte) (int, error) {
	s := string(p)
	if Safe(s) {
		return w.w.Write(p)
	}
	if _, err := io.WriteString(w.w, Escape(s)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Raw returns the writer under w when w is a *Writer, else w itself: for
// text the program composed from escaped parts and its own codes.
func Raw(w io.Writer) io.Writer {
	if tw, ok := w.(*Writer); ok {
		return tw.w
	}
	return w
}
