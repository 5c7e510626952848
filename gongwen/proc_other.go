//go:build !unix

package gongwen

import "os/exec"

func killGroup(cmd *exec.Cmd) {}
