//go:build unix

package gongwen

import (
	"os/exec"
	"syscall"
)

// killGroup runs cmd in its own process group and, when the context is
// cancelled, kills the whole group: soffice is a launcher that forks
// soffice.bin, which would otherwise survive.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
