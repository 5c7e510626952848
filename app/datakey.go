package app

import (
	"context"
	"fmt"
	"os"

	"fazhi/internal/seal"
)

// DataKeyInfo says which data key seals the database's ID numbers and
// where this process read it from. The key itself is never shown.
type DataKeyInfo struct {
	ID     string // the key id recorded in the database (16 hex digits)
	Source string // 环境变量 FAZHI_DATA_KEY, or 数据密钥文件 PATH
}

// DataKey describes the data key in use; for the local administrator only.
func (a *App) DataKey(ctx context.Context) (DataKeyInfo, error) {
	act, err := actor(ctx)
	if err != nil {
		return DataKeyInfo{}, err
	}
	if !act.Local {
		return DataKeyInfo{}, errorf(Forbidden, "数据密钥只能由本机管理员在服务器上查看和轮换")
	}
	id, err := a.db.DataKeyID(ctx)
	if err != nil {
		return DataKeyInfo{}, err
	}
	return DataKeyInfo{ID: id, Source: a.db.Keys().Source}, nil
}

// NewDataKeyFile writes a new random data key to path, which must not
// exist (mode 0600), and returns its id.
func NewDataKeyFile(path string) (string, error) {
	if _, err := os.Stat(path); err == nil {
		return "", errorf(Conflict, "密钥文件 %s 已存在，未覆盖", path)
	}
	r, created, err := seal.CreateFile(path)
	if err != nil {
		return "", &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	if !created {
		return "", errorf(Conflict, "密钥文件 %s 已存在，未覆盖", path)
	}
	return r.ID(), nil
}

// RotateResult reports a key rotation.
type RotateResult struct {
	OldID, NewID string
	Rows         int    // ledger rows and history entries re-encrypted
	KeyFile      string // the key file this process read, now holding the new key ("" for the environment)
}

// RotateDataKey re-encrypts every ID number of the database (ledger
// tables and record history) and recomputes their blind indexes under the
// key in newKeyFile, in one transaction; the old key still reads until it
// commits. When the current key came from a file, that file is rewritten:
// first with both keys (a crash in between still reads everything), then
// with the new key alone. A key from FAZHI_DATA_KEY must then be replaced
// by the caller. Other processes (fazhi serve) must be restarted with the
// new key; until then their writes are refused. Local administrator only
// (GB/T 22239-2019 8.1.4.8: keys managed by the system's operator).
func (a *App) RotateDataKey(ctx context.Context, newKeyFile string) (RotateResult, error) {
	info, err := a.DataKey(ctx)
	if err != nil {
		return RotateResult{}, err
	}
	nw, err := seal.ReadFile(newKeyFile)
	if err != nil {
		return RotateResult{}, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	cur := a.db.Keys()
	res := RotateResult{OldID: info.ID, NewID: nw.ID(), KeyFile: cur.File}
	if nw.ID() == cur.ID() {
		return res, errorf(Invalid, "新密钥（编号 %s）就是现用的密钥，无需轮换", nw.ID())
	}
	if cur.File != "" {
		if err := seal.WriteFile(cur.File, cur.Plus(nw)); err != nil {
			return res, &Error{Code: Internal, Msg: err.Error(), Err: err}
		}
	}
	n, err := a.db.RotateKey(ctx, nw)
	if err != nil {
		if cur.File != "" {
			seal.WriteFile(cur.File, cur) // the database kept the old key
		}
		return res, &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	res.Rows = n
	if cur.File != "" {
		if err := seal.WriteFile(cur.File, nw); err != nil {
			return res, &Error{Code: Internal, Msg: fmt.Sprintf("已轮换，但写入密钥文件 %s 失败（该文件仍含新旧两把密钥，可正常使用）: %v", cur.File, err), Err: err}
		}
	}
	return res, nil
}
