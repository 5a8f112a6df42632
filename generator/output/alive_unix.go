//go:build !windows

package output

import (
	"errors"
	"os"
	"syscall"
)

// processAlive says whether pid names a running process. Signal 0
// checks without sending anything; a process of another user answers
// EPERM, and is alive all the same.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
