// Package atomicfile writes output files so that a reader never sees half of
// one: the content goes to a temporary file in the target's directory, is
// flushed to disk, and is renamed over the target only when complete. A
// writer killed at any point leaves the previous file (or none) under the
// target name, never a truncated one; at worst a hidden temporary file
// (.NAME.tmp-*) remains beside it.
//
// Check refuses a target that is one of the command's inputs or the live
// SQLite database, which an output must never replace.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write creates or replaces path with what fn writes. fn's error, or any
// error writing, syncing or renaming, removes the temporary file and leaves
// path as it was. A new file gets mode 0644, a replaced file keeps its mode.
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s 是一个文件夹，不能作为输出文件", path)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("无法在 %s 创建输出文件: %w", dir, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fn(tmp); err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("写入 %s 失败: %w", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("写入 %s 失败: %w", path, unwrapPath(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法写入 %s: %w", path, unwrapPath(err))
	}
	syncDir(dir) // the rename itself survives a power cut
	return nil
}

// WriteFile is Write for content already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Protected is a file an output must not replace, with how to name it in
// an error ("输入文件", "数据库").
type Protected struct {
	Path string
	What string
}

// Check returns an error if out names the same file as one of protected
// (through any path or link), or the -wal, -shm or -journal file of one
// (SQLite keeps live data there). Protected paths may be database DSNs:
// file: URIs are reduced to their path, postgres:// URLs are skipped.
func Check(out string, protected ...Protected) error {
	ost, oerr := os.Stat(out)
	oabs, _ := filepath.Abs(out)
	for _, p := range protected {
		path := sqlitePath(p.Path)
		if path == "" {
			continue
		}
		for _, cand := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			same := false
			if oerr == nil {
				if st, err := os.Stat(cand); err == nil && os.SameFile(ost, st) {
					same = true
				}
			}
			if cabs, err := filepath.Abs(cand); err == nil && cabs == oabs {
				same = true
			}
			if same {
				return fmt.Errorf("输出文件 %s 就是%s %s，不能覆盖：请换一个输出文件名", out, p.What, p.Path)
			}
		}
	}
	return nil
}

// sqlitePath is the file behind a DSN or path, or "" for a server DSN.
func sqlitePath(dsn string) string {
	switch {
	case dsn == "", strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return ""
	case strings.HasPrefix(dsn, "file:"):
		p, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
		return p
	}
	return dsn
}
