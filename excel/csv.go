package excel

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxLine bounds one line of a text file (a cell is at most 32,767
// characters; a row of many such cells fits).
const maxLine = 64 << 20

// textEncoding is what a text file is written in.
type textEncoding struct {
	name string            // for messages: UTF-8, GB18030, UTF-16LE …
	enc  encoding.Encoding // nil: UTF-8
	bom  int               // bytes of byte-order mark to skip
}

// detectEncoding reads a text file once: a BOM or the NUL pattern says
// UTF-16; otherwise the file is UTF-8 if every line is, GB18030 if every
// line is that and the file is not mostly UTF-8. A file that is neither is
// refused, naming the line of the first bad byte.
func detectEncoding(p string) (textEncoding, error) {
	f, err := os.Open(p)
	if err != nil {
		return textEncoding{}, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(4096)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		return textEncoding{name: "UTF-8（带 BOM）", bom: 3}, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return textEncoding{name: "UTF-16LE（Unicode 文本）", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), bom: 2}, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return textEncoding{name: "UTF-16BE（Unicode 文本）", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), bom: 2}, nil
	}
	switch utf16Order(head) {
	case "LE":
		return textEncoding{name: "UTF-16LE（Unicode 文本）", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)}, nil
	case "BE":
		return textEncoding{name: "UTF-16BE（Unicode 文本）", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}, nil
	}
	gb := simplifiedchinese.GB18030.NewDecoder()
	line, badUTF8, badGB := 0, 0, 0
	var badUTF8Byte, badGBByte byte
	utf8Lines, invalidLines := 0, 0
	for {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A long line: read the rest of it to check it whole.
			long := append([]byte{}, b...)
			for err == bufio.ErrBufferFull && len(long) < maxLine {
				b, err = br.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
		if len(b) > 0 {
			line++
			if !utf8.Valid(b) {
				invalidLines++
				if badUTF8 == 0 {
					badUTF8, badUTF8Byte = line, firstBadUTF8(b)
				}
			} else if !isASCII(b) {
				utf8Lines++
			}
			if badGB == 0 && !isASCII(b) {
				out, _, derr := transform.Bytes(gb, b)
				if derr != nil || (bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(b, []byte("\xEF\xBF\xBD"))) {
					badGB, badGBByte = line, firstBadGB(b)
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			return textEncoding{}, err
		}
	}
	switch {
	case badUTF8 == 0:
		return textEncoding{name: "UTF-8"}, nil
	case badGB == 0 && utf8Lines < invalidLines:
		return textEncoding{name: "GB18030（GBK）", enc: simplifiedchinese.GB18030}, nil
	case utf8Lines >= invalidLines:
		return textEncoding{}, fmt.Errorf("%s: 第%d行有无法识别的字节 0x%02X：文件其余部分是 UTF-8，这一行不是（可能是从别处粘贴的乱码），请在记事本或 WPS 中改正该行后以 UTF-8 保存", p, badUTF8, badUTF8Byte)
	default:
		return textEncoding{}, fmt.Errorf("%s: 第%d行有无法识别的字节 0x%02X：文件既不是有效的 UTF-8 也不是 GB18030（GBK）编码，请在 Excel 或 WPS 中打开后“另存为” .xlsx 或 CSV UTF-8", p, badGB, badGBByte)
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func firstBadUTF8(b []byte) byte {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return b[i]
		}
		i += n
	}
	return 0
}

// firstBadGB finds the first byte that starts no valid GB18030 sequence.
func firstBadGB(b []byte) byte {
	dec := simplifiedchinese.GB18030.NewDecoder()
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			continue
		}
		for n := 2; n <= 4 && i+n <= len(b); n += 2 {
			if out, _, err := transform.Bytes(dec, b[i:i+n]); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
				i += n - 1
				goto next
			}
		}
		return b[i]
	next:
	}
	return 0
}

// utf16Order tells UTF-16 text without a BOM by its NUL bytes: "LE", "BE" or "".
func utf16Order(b []byte) string {
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return ""
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd > n/2/3 && even == 0:
		return "LE"
	case even > n/2/3 && odd == 0:
		return "BE"
	}
	return ""
}

// sniffSeparator picks the separator of a text table from its first lines:
// comma, tab or semicolon, whichever splits them most consistently.
func sniffSeparator(head []byte) rune {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut
	}
	if len(lines) > 30 {
		lines = lines[:30]
	}
	best, bestScore := ',', 0
	for _, sep := range []rune{',', '\t', ';'} {
		score := 0
		for _, l := range lines {
			score += bytes.Count(l, []byte(string(sep)))
		}
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// openText opens a text table decoded to UTF-8, with its separator.
func openText(p string) (io.ReadCloser, *csv.Reader, textEncoding, error) {
	te, err := detectEncoding(p)
	if err != nil {
		return nil, nil, te, err
	}
	f, cr, err := openTextAs(p, te)
	return f, cr, te, err
}

// openTextAs opens a text table known to be in encoding te.
func openTextAs(p string, te textEncoding) (io.ReadCloser, *csv.Reader, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	if te.bom > 0 {
		if _, err := f.Seek(int64(te.bom), io.SeekStart); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	var r io.Reader = f
	if te.enc != nil {
		r = transform.NewReader(f, te.enc.NewDecoder())
	}
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(1 << 15)
	cr := csv.NewReader(br)
	cr.Comma = sniffSeparator(head)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	return f, cr, nil
}

// readCSV reads a text table whole.
func readCSV(p string, _ int64) (*Table, error) {
	f, cr, te, err := openText(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t := &Table{File: p, CSV: true, Rebuilt: true, Format: "文本表格（" + te.name + "）"}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(p, err)
		}
		t.Rows = append(t.Rows, rec)
	}
	return t, nil
}

// csvError names the line of a malformed text table.
func csvError(p string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: 第%d行 CSV 格式错误: %v", p, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("%s: CSV 格式错误: %v", p, err)
}
