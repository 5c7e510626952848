package seal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvKey is the environment variable holding the data key (base64; several
// keys separated by commas, the first current).
const EnvKey = "FAZHI_DATA_KEY"

// EnvKeyFile is the environment variable naming the data key file.
const EnvKeyFile = "FAZHI_DATA_KEY_FILE"

// Source says where the data key is looked for, in this order:
//  1. File (the --data-key option), which must exist;
//  2. the environment variable FAZHI_DATA_KEY;
//  3. the file named by the environment variable FAZHI_DATA_KEY_FILE, which must exist;
//  4. Default, a key file created (mode 0600, a new random key) on first use.
type Source struct {
	File    string
	Default string
}

// Load returns the keyring of src and whether it created the default key
// file. Key files must not be readable by other users (mode 0600).
func Load(src Source) (r *Keyring, created bool, err error) {
	if src.File != "" {
		r, err := ReadFile(src.File)
		return r, false, err
	}
	if v := os.Getenv(EnvKey); v != "" {
		r, err := ParseKeys(v)
		if err != nil {
			return nil, false, fmt.Errorf("环境变量 %s: %w", EnvKey, err)
		}
		r.Source = "环境变量 " + EnvKey
		return r, false, nil
	}
	if f := os.Getenv(EnvKeyFile); f != "" {
		r, err := ReadFile(f)
		return r, false, err
	}
	if src.Default == "" {
		return nil, false, fmt.Errorf("未指定数据密钥：请设置环境变量 %s（base64 编码的 32 字节密钥）或 %s（密钥文件路径），或用 --data-key 指定密钥文件", EnvKey, EnvKeyFile)
	}
	r, err = ReadFile(src.Default)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return r, false, err
	}
	return CreateFile(src.Default)
}

// ReadFile reads a key file (base64 keys, one a line, the first current).
func ReadFile(path string) (*Keyring, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("读取数据密钥文件 %s: %w", path, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("数据密钥文件 %s 的权限为 %04o，其他用户也能读取；请执行 chmod 600 %s", path, st.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取数据密钥文件 %s: %w", path, err)
	}
	r, err := ParseKeys(string(b))
	if err != nil {
		return nil, fmt.Errorf("数据密钥文件 %s: %w", path, err)
	}
	r.Source, r.File = "数据密钥文件 "+path, path
	return r, nil
}

// CreateFile writes a new random key to path, which must not exist, with
// mode 0600. When another process created it first, its key is read.
func CreateFile(path string) (*Keyring, bool, error) {
	r, err := NewKeyring(NewKey())
	if err != nil {
		return nil, false, err
	}
	if err := writeTemp(path, r, func(tmp string) error { return os.Link(tmp, path) }); err != nil {
		if errors.Is(err, os.ErrExist) {
			r, err := ReadFile(path)
			return r, false, err
		}
		return nil, false, fmt.Errorf("新建数据密钥文件 %s: %w", path, err)
	}
	r.Source, r.File = "数据密钥文件 "+path, path
	return r, true, nil
}

// WriteFile replaces path with the keys of r (mode 0600): written to a
// temporary file beside it, synced and renamed, so the file is always
// whole.
func WriteFile(path string, r *Keyring) error {
	if err := writeTemp(path, r, func(tmp string) error { return os.Rename(tmp, path) }); err != nil {
		return fmt.Errorf("写入数据密钥文件 %s: %w", path, err)
	}
	return nil
}

func writeTemp(path string, r *Keyring, place func(tmp string) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".fazhi-key-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	text := "# fazhi 数据密钥（base64）：第一行为当前密钥。丢失则加密的证件号无法读取，请另行妥善备份；切勿与数据库备份放在一起。\n" + r.Encode()
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return place(tmp)
}

// DefaultFile is the key file beside a SQLite database: fazhi.db → fazhi.db.key.
func DefaultFile(dbPath string) string {
	p := strings.TrimPrefix(dbPath, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p + ".key"
}
