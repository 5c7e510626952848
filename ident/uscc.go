// Package ident checks the identifiers that ledgers carry: 统一社会信用代码,
// 居民身份证号码 and 发文字号.
package ident

import (
	"fmt"
	"strings"
)

// usccChars is the GB 32100-2015 character set; a character's value is its index.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i-1) mod 31 for positions 1..17 (GB 32100-2015 §5).
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgWeights are the GB 11714-1997 weights of the organisation code in positions 9..17.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// CheckUSCC reports why s is not a valid 统一社会信用代码, or nil.
// Positions 3-8 are the region code at registration time, so they are not
// checked against today's region codes.
func CheckUSCC(s string) error {
	if len([]rune(s)) != 18 {
		return fmt.Errorf("统一社会信用代码应为18位，实为%d位", len([]rune(s)))
	}
	var sum int
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(usccChars, s[i])
		if v < 0 {
			return fmt.Errorf("统一社会信用代码第%d位“%c”不是允许的字符（不含I、O、S、V、Z）", i+1, s[i])
		}
		if i < 17 {
			sum += v * usccWeights[i]
		}
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	if want := usccChars[c]; s[17] != want {
		return fmt.Errorf("统一社会信用代码校验位错误：应为%c，实为%c", want, s[17])
	}
	// GB 11714 check digit of the embedded organisation code (positions 9-17).
	org := s[8:17]
	sum = 0
	for i := 0; i < 8; i++ {
		v := strings.IndexByte(usccChars, org[i])
		sum += v * orgWeights[i]
	}
	oc := 11 - sum%11
	want := byte('0' + oc)
	switch oc {
	case 10:
		want = 'X'
	case 11:
		want = '0'
	}
	if org[8] != want {
		return fmt.Errorf("统一社会信用代码中组织机构代码（第9-17位）校验位错误：应为%c，实为%c", want, org[8])
	}
	return nil
}
