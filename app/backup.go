package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fazhi/internal/atomicfile"
	"fazhi/store"
)

// BackupInfo describes a backup: schema version, units, history entries,
// the data key id, and on PostgreSQL the schema it was taken of.
type BackupInfo = store.BackupInfo

// Backup writes a consistent copy of the database to out while others
// keep writing (SQLite: VACUUM INTO; PostgreSQL: pg_dump of fazhi's
// schema, store/pgbackup.go). The copy is made beside out, checked as
// Restore checks a file, and renamed into place, so out is whole or
// absent. ID numbers stay encrypted in it: restoring needs the data key,
// which is not in the backup. Local administrator only (GB/T 22239-2019
// 8.1.4.10 数据备份恢复).
func (a *App) Backup(ctx context.Context, out string) (BackupInfo, error) {
	act, err := actor(ctx)
	if err != nil {
		return BackupInfo{}, err
	}
	if !act.Local {
		return BackupInfo{}, errorf(Forbidden, "备份只能由本机管理员在服务器上执行")
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".fazhi-backup-")
	if err != nil {
		return BackupInfo{}, &Error{Code: Invalid, Msg: fmt.Sprintf("无法在 %s 写入备份: %v", filepath.Dir(out), err), Err: err}
	}
	defer os.RemoveAll(tmp)
	part := filepath.Join(tmp, "backup")
	if err := a.db.Backup(ctx, part); err != nil {
		return BackupInfo{}, &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	info, err := store.CheckBackup(ctx, part)
	if err != nil {
		return info, &Error{Code: Internal, Msg: "备份文件检查未通过: " + err.Error(), Err: err}
	}
	if err := os.Rename(part, out); err != nil {
		return info, &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	return info, nil
}

// Restore replaces the database of dsn by the backup in file, after
// checking that file is a fazhi backup (SQLite: integrity_check and
// fazhi's tables; PostgreSQL: pg_restore reads it and it holds fazhi's
// tables) of a schema version no newer than this build's, of the same
// engine, sealed with a data key this process holds. A database holding
// data is replaced only with force. SQLite: the file is replaced
// atomically; PostgreSQL: fazhi's objects in the target schema are
// replaced in one transaction (the backup's schema may differ). The
// database is then opened, which migrates an older backup up. Stop
// fazhi serve first.
func Restore(ctx context.Context, dsn, file string, force bool, opt Options) (BackupInfo, error) {
	if err := atomicfile.Check(dsn, atomicfile.Protected{Path: file, What: "备份文件"}); err != nil {
		return BackupInfo{}, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	info, err := store.CheckBackup(ctx, file)
	if err != nil {
		return info, &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	if info.Postgres != store.IsPostgres(dsn) {
		kind := map[bool]string{true: "PostgreSQL", false: "SQLite"}
		return info, errorf(Invalid, "%s 是 %s 数据库的备份，不能恢复到 %s 数据库（换库请用导出、导入）", file, kind[info.Postgres], kind[store.IsPostgres(dsn)])
	}
	if !store.IsPostgres(dsn) {
		if dir := filepath.Dir(dsn); dir != "" {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return info, errorf(Invalid, "数据库 %s 所在的文件夹 %s 不存在", dsn, dir)
			}
		}
	}
	if info.KeyID != "" {
		keys, created, err := store.LoadKeys(dsn, store.Options{DataKeyFile: opt.DataKeyFile})
		if err != nil {
			return info, &Error{Code: Invalid, Msg: err.Error(), Err: err}
		}
		if !keys.Has(info.KeyID) {
			if created {
				os.Remove(keys.File)
			}
			return info, errorf(Invalid, "备份中的证件号由编号为 %s 的数据密钥加密，而%s中的密钥编号为 %v：请用 --data-key 指定备份时所用的密钥文件（SQLite 默认为原数据库旁的 文件名.key），未恢复", info.KeyID, keys.Source, keys.IDs())
		}
	}
	empty, err := store.TargetEmpty(ctx, dsn)
	if err != nil {
		return info, &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	if !empty && !force {
		return info, errorf(Conflict, "数据库 %s 已有数据，未恢复；确认要用备份覆盖时加 --force（请先停止正在使用该数据库的服务）", store.Redact(dsn))
	}
	if info.Postgres {
		if err := store.RestorePostgres(ctx, dsn, file, info); err != nil {
			return info, &Error{Code: Internal, Msg: err.Error(), Err: err}
		}
	} else if err := restoreSQLite(dsn, file); err != nil {
		return info, err
	}
	ap, _, err := Open(ctx, dsn, Existing, opt) // brings an older backup up to this build's schema
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Msg = "恢复后打开数据库失败: " + e.Msg
		}
		return info, err
	}
	return info, ap.Close()
}

// restoreSQLite writes the backup beside the database and renames it over
// it, so a failed restore leaves the database as it was. The old WAL and
// shared-memory files belong to the replaced database and go with it.
func restoreSQLite(dsn, file string) error {
	data, err := os.Open(file)
	if err != nil {
		return &Error{Code: Invalid, Msg: err.Error(), Err: err}
	}
	defer data.Close()
	err = atomicfile.Write(dsn, func(w io.Writer) error {
		if _, err := io.Copy(w, data); err != nil {
			return err
		}
		os.Remove(dsn + "-wal")
		os.Remove(dsn + "-shm")
		return nil
	})
	if err != nil {
		return &Error{Code: Internal, Msg: err.Error(), Err: err}
	}
	return nil
}
