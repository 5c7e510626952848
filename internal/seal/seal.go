// Package seal encrypts personal data at rest (GB/T 22239-2019 8.1.4.8
// 数据保密性; 个人信息保护法 art 51: encryption of personal information) and
// makes it searchable by exact value without storing it in clear.
//
// A Keyring holds one or more 32-byte data keys; the first is the current
// key, the others are older keys still accepted for reading (during a key
// rotation). From each data key two keys are derived with HKDF-SHA256: one
// for AES-256-GCM and one for the blind index (HMAC-SHA256), so that the
// blind index reveals nothing about the encryption key.
//
// A sealed value is text:
//
//	fzs1:<key id, 16 hex>:<base64 of 12-byte random nonce ‖ ciphertext ‖ tag>
//
// The key id names the key that sealed it, so that a rotation can be
// resumed and old values read. A clear value (an ID number, a name) never
// has this shape: IsSealed tells the two apart.
//
// The keys live outside the database: in the environment variable
// FAZHI_DATA_KEY (base64) or a key file (see keyfile.go).
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of a data key in bytes (AES-256).
const KeySize = 32

// prefix starts every sealed value.
const prefix = "fzs1:"

// Key is one data key with its derived keys.
type Key struct {
	id    string
	raw   []byte
	aead  cipher.AEAD
	index []byte // blind-index HMAC key
}

// NewKey returns a fresh random data key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return k
}

func derive(raw []byte, purpose string) []byte {
	k, err := hkdf.Key(sha256.New, raw, nil, "fazhi/"+purpose, 32)
	if err != nil {
		panic(err)
	}
	return k
}

func newKey(raw []byte) (*Key, error) {
	if len(raw) != KeySize {
		return nil, fmt.Errorf("数据密钥应为 %d 字节（base64 编码后 44 个字符），实为 %d 字节", KeySize, len(raw))
	}
	block, err := aes.NewCipher(derive(raw, "seal/aes-256-gcm"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	id := derive(raw, "seal/key-id")
	return &Key{id: hex.EncodeToString(id[:8]), raw: append([]byte(nil), raw...), aead: aead, index: derive(raw, "seal/blind-index")}, nil
}

// Keyring is the current data key and older keys accepted for reading.
// It is safe for concurrent use.
type Keyring struct {
	keys []*Key
	// Source says where the keys came from, for messages ("环境变量
	// FAZHI_DATA_KEY", a file path).
	Source string
	// File is the key file the keys were read from ("" for the environment).
	File string
}

// NewKeyring returns a keyring of raw keys, the first current.
func NewKeyring(raw ...[]byte) (*Keyring, error) {
	if len(raw) == 0 {
		return nil, errors.New("没有数据密钥")
	}
	r := &Keyring{}
	for _, b := range raw {
		k, err := newKey(b)
		if err != nil {
			return nil, err
		}
		r.keys = append(r.keys, k)
	}
	return r, nil
}

// ParseKeys reads base64 keys separated by white space, commas or lines
// (a line starting with # is a comment), the first current.
func ParseKeys(text string) (*Keyring, error) {
	var raw [][]byte
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' }) {
			b, err := base64.StdEncoding.DecodeString(f)
			if err != nil {
				b, err = base64.RawStdEncoding.DecodeString(f)
			}
			if err != nil {
				return nil, fmt.Errorf("数据密钥不是 base64 编码: %v", err)
			}
			raw = append(raw, b)
		}
	}
	return NewKeyring(raw...)
}

// Encode returns the keys as ParseKeys reads them, one per line.
func (r *Keyring) Encode() string {
	var b strings.Builder
	for _, k := range r.keys {
		b.WriteString(base64.StdEncoding.EncodeToString(k.raw))
		b.WriteByte('\n')
	}
	return b.String()
}

// ID is the id of the current key (16 hex digits).
func (r *Keyring) ID() string { return r.keys[0].id }

// IDs lists the ids of every key, the current first.
func (r *Keyring) IDs() []string {
	out := make([]string, len(r.keys))
	for i, k := range r.keys {
		out[i] = k.id
	}
	return out
}

// Has reports whether the keyring holds the key with id.
func (r *Keyring) Has(id string) bool { return r.key(id) != nil }

func (r *Keyring) key(id string) *Key {
	for _, k := range r.keys {
		if k.id == id {
			return k
		}
	}
	return nil
}

// WithCurrent returns a keyring whose current key is the one with id (the
// key the database is sealed with), the others kept for reading; nil when
// the keyring does not hold it.
func (r *Keyring) WithCurrent(id string) *Keyring {
	k := r.key(id)
	if k == nil {
		return nil
	}
	out := &Keyring{keys: []*Key{k}, Source: r.Source, File: r.File}
	for _, o := range r.keys {
		if o != k {
			out.keys = append(out.keys, o)
		}
	}
	return out
}

// Plus returns a keyring whose current key is the first of n, accepting
// the keys of r for reading too.
func (r *Keyring) Plus(n *Keyring) *Keyring {
	out := &Keyring{Source: n.Source, File: n.File}
	out.keys = append(out.keys, n.keys...)
	for _, k := range r.keys {
		if !n.Has(k.id) {
			out.keys = append(out.keys, k)
		}
	}
	return out
}

// Seal encrypts plain with the current key (AES-256-GCM, random nonce).
// The empty string stays empty.
func (r *Keyring) Seal(plain string) string {
	if plain == "" {
		return ""
	}
	k := r.keys[0]
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	out := k.aead.Seal(nonce, nonce, []byte(plain), []byte(k.id))
	return prefix + k.id + ":" + base64.RawStdEncoding.EncodeToString(out)
}

// ErrUnknownKey is returned by Open for a value sealed with a key the
// keyring does not hold.
var ErrUnknownKey = errors.New("数据由另一把数据密钥加密")

// Open decrypts a sealed value. A value that is not sealed (IsSealed false)
// comes back unchanged: clear text from before encryption, read during
// the migration that seals it.
func (r *Keyring) Open(s string) (string, error) {
	if !IsSealed(s) {
		return s, nil
	}
	id, body, _ := strings.Cut(s[len(prefix):], ":")
	k := r.key(id)
	if k == nil {
		return "", fmt.Errorf("%w（密钥编号 %s，当前密钥编号 %s）", ErrUnknownKey, id, r.ID())
	}
	b, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(b) < k.aead.NonceSize()+k.aead.Overhead() {
		return "", fmt.Errorf("加密数据已损坏（密钥编号 %s）", id)
	}
	n := k.aead.NonceSize()
	p, err := k.aead.Open(nil, b[:n], b[n:], []byte(k.id))
	if err != nil {
		return "", fmt.Errorf("加密数据已损坏或被篡改（密钥编号 %s）", id)
	}
	return string(p), nil
}

// IsSealed reports whether s is a sealed value.
func IsSealed(s string) bool {
	if !strings.HasPrefix(s, prefix) {
		return false
	}
	id, _, ok := strings.Cut(s[len(prefix):], ":")
	return ok && len(id) == 16
}

// KeyOf returns the id of the key that sealed s ("" when s is not sealed).
func KeyOf(s string) string {
	if !IsSealed(s) {
		return ""
	}
	id, _, _ := strings.Cut(s[len(prefix):], ":")
	return id
}

// BlindIndex is the keyed hash of plain under the current key: equal
// values give equal indexes, so an indexed column of them finds a record
// by exact value, while the hash reveals nothing without the key (and,
// unlike a plain hash, cannot be tested against every possible ID number).
// 32 hex digits (128 bits of HMAC-SHA256); "" for "".
func (r *Keyring) BlindIndex(plain string) string {
	if plain == "" {
		return ""
	}
	m := hmac.New(sha256.New, r.keys[0].index)
	m.Write([]byte(plain))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// Derive returns a 32-byte key for purpose (e.g. "audit/chain-mac"),
// derived from the current data key with HKDF-SHA256: another key that
// lives outside the database without a second file to keep. It changes
// when the data key is rotated.
func (r *Keyring) Derive(purpose string) []byte { return derive(r.keys[0].raw, "derived/"+purpose) }

// DeriveFor is Derive under the key with id (an older key), or nil.
func (r *Keyring) DeriveFor(id, purpose string) []byte {
	k := r.key(id)
	if k == nil {
		return nil
	}
	return derive(k.raw, "derived/"+purpose)
}
