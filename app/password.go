package app

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// hashPassword returns the PHC string of an argon2id hash of pw.
func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// checkPassword reports whether pw matches the PHC string h.
func checkPassword(h, pw string) bool {
	parts := strings.Split(h, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// checkStrength enforces the password rules of GB/T 22239-2019 level 3
// (身份鉴别: complexity): at least 8 characters from at least three of
// upper case, lower case, digits and other characters, and not the account name.
func checkStrength(name, pw string) error {
	if len([]rune(pw)) < 8 {
		return errorf(Invalid, "密码至少8位")
	}
	var up, low, dig, other int
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			up = 1
		case unicode.IsLower(r):
			low = 1
		case unicode.IsDigit(r):
			dig = 1
		default:
			other = 1
		}
	}
	if up+low+dig+other < 3 {
		return errorf(Invalid, "密码须包含大写字母、小写字母、数字、其他字符中的至少三类")
	}
	if strings.Contains(strings.ToLower(pw), strings.ToLower(name)) {
		return errorf(Invalid, "密码不能包含账号名")
	}
	return nil
}
