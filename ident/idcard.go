package ident

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// idWeights are the GB 11643-1999 weights of the first 17 digits.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// CheckIDCard reports why s is not a valid 18-digit 居民身份证号码, or nil.
func CheckIDCard(s string) error {
	if looksLikeExcelNumber(s) {
		return fmt.Errorf("“%s”是被 Excel 存成数字（科学计数法）的号码，已丢失末几位：请把该列设为“文本”格式后重新填写", s)
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return fmt.Errorf("身份证号码应为18位，实为%d位", n)
	}
	for i, r := range []rune(s) {
		if r >= utf8.RuneSelf {
			return fmt.Errorf("身份证号码第%d位“%s”不是数字", i+1, printable(r))
		}
	}
	var sum int
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return fmt.Errorf("身份证号码第%d位不是数字", i+1)
		}
		sum += int(s[i]-'0') * idWeights[i]
	}
	if _, err := time.Parse("20060102", s[6:14]); err != nil {
		return fmt.Errorf("身份证号码中的出生日期%s不存在", s[6:14])
	}
	if want := idCheck[sum%11]; s[17] != want {
		return fmt.Errorf("身份证号码校验位错误：应为%c，实为%c", want, s[17])
	}
	return nil
}

// CheckPartyID accepts either a 身份证 number or a 统一社会信用代码, deciding by
// shape: 18 digits (last may be X) is read as an ID card.
func CheckPartyID(s string) error {
	if looksLikeExcelNumber(s) {
		return CheckIDCard(s)
	}
	if len(s) == 18 && isIDShape(s) {
		if err := CheckIDCard(s); err == nil {
			return nil
		} else if CheckUSCC(s) == nil {
			return nil
		} else {
			return err
		}
	}
	return CheckUSCC(s)
}

func isIDShape(s string) bool {
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return (s[17] >= '0' && s[17] <= '9') || s[17] == 'X'
}
