// Package ident checks the identifiers that ledgers carry: 统一社会信用代码,
// 居民身份证号码 and 发文字号.
package ident

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// usccChars is the GB 32100-2015 character set; a character's value is its index.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i-1) mod 31 for positions 1..17 (GB 32100-2015 §5).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714-1997 weights of the organisation code in positions 9..17.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// USCCCheckChar returns the 18th character of a 统一社会信用代码 whose first
// 17 characters are body (GB 32100-2015: 31 − Σ value·weight mod 31, 31 → 0).
// It returns 0 when body is shorter than 17 bytes or one of its first 17
// characters is outside the GB 32100 set (I, O, S, V, Z, lower case, other
// scripts), for which no check character exists.
func USCCCheckChar(body string) byte {
	if len(body) < 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, body[i])
		if v < 0 {
			return 0
		}
		sum += v * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c]
}

// OrgCheckChar returns the check character of an 8-character organisation
// code (GB 11714-1997: 11 − Σ value·weight mod 11, 10 → X, 11 → 0). It
// returns 0 when org is shorter than 8 bytes or one of its first 8
// characters is not a digit or an upper-case letter.
func OrgCheckChar(org string) byte {
	if len(org) < 8 {
		return 0
	}
	sum := 0
	for i := 0; i < 8; i++ {
		v := orgValue(org[i])
		if v < 0 {
			return 0
		}
		sum += v * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// orgValue is a character's value in GB 11714-1997: digits 0-9, then the
// letters A-Z as 10-35 with none skipped (unlike the GB 32100 set).
func orgValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// CheckUSCC reports why s is not a valid 统一社会信用代码, or nil.
// Positions 3-8 are the region code at registration time, so they are not
// checked against today's region codes.
func CheckUSCC(s string) error {
	if looksLikeExcelNumber(s) {
		return fmt.Errorf("“%s”是被 Excel 存成数字（科学计数法）的代码，已丢失末几位：请把该列设为“文本”格式后重新填写", s)
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return fmt.Errorf("统一社会信用代码应为18位，实为%d位", n)
	}
	for i, r := range []rune(s) {
		if r >= utf8.RuneSelf || strings.IndexByte(usccChars, byte(r)) < 0 {
			return fmt.Errorf("统一社会信用代码第%d位“%s”不是允许的字符（数字或除I、O、S、V、Z外的大写字母）", i+1, printable(r))
		}
	}
	if want := USCCCheckChar(s[:17]); s[17] != want {
		return fmt.Errorf("统一社会信用代码校验位错误：应为%c，实为%c", want, s[17])
	}
	if want := OrgCheckChar(s[8:16]); s[16] != want {
		return fmt.Errorf("统一社会信用代码中组织机构代码（第9-17位）校验位错误：应为%c，实为%c", want, s[16])
	}
	return nil
}

// looksLikeExcelNumber spots a long code that Excel turned into a number:
// 4.10381198002021E+17.
func looksLikeExcelNumber(s string) bool {
	return excelNumberRe.MatchString(strings.TrimSpace(s))
}

// excelNumberRe is how Excel shows a number too long for its cell: one
// digit, a decimal part and a positive exponent.
var excelNumberRe = regexp.MustCompile(`^\d\.\d+[Ee]\+\d{1,3}$`)

// printable shows r as itself, or as a Go escape (\x1b, \u200b) when it
// would not be seen in a message: control, format and invalid characters.
func printable(r rune) string {
	if r == utf8.RuneError || !unicode.IsPrint(r) {
		return strings.Trim(strconv.QuoteRune(r), "'")
	}
	return string(r)
}
