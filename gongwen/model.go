package gongwen

import (
	"fmt"
	"strings"
	"time"
)

// Document is one 公文: 版头 (issuer, number, signer), 主体 (title,
// addressee, body, signatures, date, notes) and optional 版记.
type Document struct {
	Issuer    string // 发文机关标志, e.g. 中共洛阳市偃师区委员会; red, 小标宋, centred
	DocNumber string // 发文字号, e.g. 偃文〔2023〕12号
	// Signer is the 签发人 name. When set, the 上行文 layout is used: the
	// number 1 char in from the left and 签发人：NAME 1 char in from the
	// right, on one line.
	Signer string
	// DraftMark, when set, is printed in red above everything else: a
	// document rendered in spite of failed checks must not pass as final.
	DraftMark string
	// Title is the 标题 (2号小标宋, centred). A "\n" forces a line break;
	// a title longer than one line without "\n" is wrapped automatically
	// into a trapezoid (upper lines not longer than lower ones).
	Title     string
	Addressee string // 主送机关 (optional); a trailing ：is added when missing
	Blocks    []Block
	// Attachments are the names for the 附件说明 (附件：1.XXX), optional.
	Attachments []string
	Signatures  []string  // 发文机关署名, one line each (joint documents list several)
	Date        time.Time // 成文日期, rendered 2023年3月22日
	// NoSeal selects the layout for an unsealed document (署名 2 chars in
	// from the right, date below shifted 2 chars right). The default is the
	// sealed layout (date 4 chars in from the right, 署名 centred over it).
	NoSeal bool
	Notes  string // 附注, rendered in parentheses below the date (optional)

	// 版记 (optional, rendered only when set).
	CC          string    // 抄送 organs, e.g. 市委办公室，市政府办公室
	PrintedBy   string    // 印发机关
	PrintedDate time.Time // 印发日期
}

// Block is one paragraph of the body. Level 0 is an ordinary paragraph;
// levels 1-4 are standalone headings (一、 黑体, （一） 楷体, 1. 仿宋,
// （1） 仿宋). The caller includes the number in the text.
type Block struct {
	Level int
	Runs  []Run
}

// Run is a piece of text inside a paragraph. Ref marks a figure (e.g. an
// indicator key) for renderers that link figures to their sources; the
// DOCX ignores it. Heading > 0 renders the run in the font of that heading
// level, which gives run-in headings such as
// "（一）强化党的领导。" followed by body text in the same paragraph.
type Run struct {
	Text    string
	Ref     string
	Heading int
}

// Para returns a body paragraph made of runs.
func Para(runs ...Run) Block { return Block{Runs: runs} }

// Head returns a standalone heading of the given level (1-4).
func Head(level int, text string) Block {
	return Block{Level: level, Runs: []Run{{Text: text}}}
}

// Plain returns a run of body text.
func Plain(text string) Run { return Run{Text: text} }

// Fig returns a run holding a figure linked to ref.
func Fig(text, ref string) Run { return Run{Text: text, Ref: ref} }

// Lead returns a run-in heading run of the given level, to be placed first
// in a body paragraph.
func Lead(level int, text string) Run { return Run{Text: text, Heading: level} }

// Text returns the text of the block.
func (b Block) Text() string {
	var sb strings.Builder
	for _, r := range b.Runs {
		sb.WriteString(r.Text)
	}
	return sb.String()
}

// FormatDate renders a date as GB/T 9704 7.3.5.4 requires: Arabic
// numerals, year in full, no leading zeros (2023年3月22日).
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

var cnDigits = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumber writes n (1-99) the way section numbers do: 一, 十, 十一, 二十一.
func ChineseNumber(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return cnDigits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + cnDigits[n-10]
	case n%10 == 0:
		return cnDigits[n/10] + "十"
	default:
		return cnDigits[n/10] + "十" + cnDigits[n%10]
	}
}

// HeadingNumber returns the section number of the n-th heading of a level
// as GB/T 9704 7.3.3 orders them: 一、 （一） 1. （1）.
func HeadingNumber(level, n int) string {
	switch level {
	case 1:
		return ChineseNumber(n) + "、"
	case 2:
		return "（" + ChineseNumber(n) + "）"
	case 3:
		return fmt.Sprintf("%d.", n)
	case 4:
		return fmt.Sprintf("（%d）", n)
	}
	return ""
}

// Text returns the document text in reading order, one paragraph a line.
func (d *Document) Text() string {
	var lines []string
	add := func(s string) {
		if s != "" {
			lines = append(lines, s)
		}
	}
	add(d.DraftMark)
	add(d.Issuer)
	switch {
	case d.Signer != "":
		add(d.DocNumber + "　签发人：" + strings.Join(SignerNames(d.Signer), "　"))
	default:
		add(d.DocNumber)
	}
	add(strings.ReplaceAll(d.Title, "\n", ""))
	add(d.addressee())
	for _, b := range d.Blocks {
		add(b.Text())
	}
	for i, a := range d.Attachments {
		add(attachmentLine(i, len(d.Attachments), a))
	}
	for _, s := range d.Signatures {
		add(s)
	}
	if !d.Date.IsZero() {
		add(FormatDate(d.Date))
	}
	add(d.notes())
	add(d.ccLine())
	if d.PrintedBy != "" || !d.PrintedDate.IsZero() {
		add(strings.TrimSpace(d.PrintedBy + "　" + d.printedDate()))
	}
	return strings.Join(lines, "\n")
}

// SignerNames splits Signer into names (separated by spaces or 、).
func SignerNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '　' || r == '、' || r == '，' || r == ',' })
}

func (d *Document) addressee() string {
	a := strings.TrimSpace(d.Addressee)
	if a == "" {
		return ""
	}
	a = strings.TrimRight(a, ":：")
	return a + "："
}

func (d *Document) notes() string {
	n := strings.TrimSpace(d.Notes)
	if n == "" {
		return ""
	}
	if !strings.HasPrefix(n, "（") {
		n = "（" + n + "）"
	}
	return n
}

func (d *Document) ccLine() string {
	c := strings.TrimSpace(d.CC)
	if c == "" {
		return ""
	}
	c = strings.TrimPrefix(strings.TrimPrefix(c, "抄送："), "抄送:")
	if !strings.HasSuffix(c, "。") {
		c += "。"
	}
	return "抄送：" + c
}

func (d *Document) printedDate() string {
	if d.PrintedDate.IsZero() {
		return ""
	}
	return FormatDate(d.PrintedDate) + "印发"
}

// attachmentLine renders the i-th of n attachment names for the 附件说明.
func attachmentLine(i, n int, name string) string {
	prefix := ""
	if i == 0 {
		prefix = "附件："
	}
	if n == 1 {
		return prefix + name
	}
	return fmt.Sprintf("%s%d.%s", prefix, i+1, name)
}
