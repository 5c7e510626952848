package app

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fazhi/store"
)

// AuditKeyEnv names the environment variable that gives the path of the
// audit key file (the command line's --audit-key).
const AuditKeyEnv = "FAZHI_AUDIT_KEY"

// AuditKeyPath returns the file that holds the audit trail's MAC key for
// database dsn: explicit if given (--audit-key), else $FAZHI_AUDIT_KEY,
// else beside a SQLite file (fazhi.db → fazhi.db-audit.key), else for
// PostgreSQL in the user's configuration folder
// (~/.config/fazhi/audit-<hash of the DSN without password>.key).
//
// The key lives outside the database on purpose: someone who can write the
// database but not read this file cannot recompute the chain (等保 安全审计:
// audit records protected against deletion, change and overwriting).
func AuditKeyPath(dsn, explicit string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	if p := os.Getenv(AuditKeyEnv); p != "" {
		return p, nil
	}
	if !store.IsPostgres(dsn) {
		return dsn + "-audit.key", nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", errorf(Invalid, "PostgreSQL 数据库须用 --audit-key 文件 或环境变量 %s 指定审计密钥文件（%v）", AuditKeyEnv, err)
	}
	h := sha256.Sum256([]byte(redactDSN(dsn)))
	return filepath.Join(dir, "fazhi", "audit-"+hex.EncodeToString(h[:8])+".key"), nil
}

func redactDSN(dsn string) string {
	if i := strings.Index(dsn, "@"); i > 0 {
		if j := strings.Index(dsn, "://"); j > 0 && j < i {
			user := dsn[j+3 : i]
			if k := strings.Index(user, ":"); k >= 0 {
				user = user[:k]
			}
			return dsn[:j+3] + user + dsn[i:]
		}
	}
	return dsn
}

// loadAuditKey reads the key file at path (64 hex digits: 32 bytes), or,
// if it does not exist, creates it with a new random key, readable by its
// owner only (0600), atomically (a link from a finished temporary file, so
// a process starting at the same moment reads the whole key or makes its
// own attempt). created reports a new key.
func loadAuditKey(path string) (key []byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, false, err
		}
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, false, errorf(Internal, "无法创建审计密钥文件夹 %s: %v", dir, err)
		}
		f, err := os.CreateTemp(dir, ".audit-key-*")
		if err != nil {
			return nil, false, errorf(Internal, "无法创建审计密钥文件 %s: %v", path, err)
		}
		defer os.Remove(f.Name())
		_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
		if err := errors.Join(werr, f.Chmod(0o600), f.Sync(), f.Close()); err != nil {
			return nil, false, errorf(Internal, "无法写入审计密钥文件 %s: %v", path, err)
		}
		if err := os.Link(f.Name(), path); errors.Is(err, os.ErrExist) {
			return loadAuditKey(path) // another process created it first
		} else if err != nil {
			return nil, false, errorf(Internal, "无法创建审计密钥文件 %s: %v", path, err)
		}
		return key, true, nil
	}
	if err != nil {
		return nil, false, errorf(Invalid, "无法读取审计密钥文件 %s: %v", path, err)
	}
	key, err = hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 32 {
		return nil, false, errorf(Invalid, "审计密钥文件 %s 格式不对：应为 64 位十六进制数字（32 字节）", path)
	}
	return key, false, nil
}

// auditKeyFingerprint names a key without revealing it (first 8 hex digits
// of its SHA-256), for messages that say which key verified a chain.
func auditKeyFingerprint(key []byte) string {
	h := sha256.Sum256(key)
	return fmt.Sprintf("%x", h[:4])
}
