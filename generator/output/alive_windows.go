package output

import (
	"errors"
	"syscall"
)

// Windows has no signal 0: a process is alive while opening it works
// and its exit code is STILL_ACTIVE. A process kb may not open is
// another user's, and alive all the same.
const (
	processQueryLimitedInformation = 0x1000
	stillActive                    = 259
)

// processAlive says whether pid names a running process.
func processAlive(pid int) bool {
	h, err := syscall.OpenProcess(processQueryLimitedInformation, false, uint32(pid))
	if err != nil {
		return errors.Is(err, syscall.ERROR_ACCESS_DENIED)
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true // it exists; when in doubt, leave its folder alone
	}
	return code == stillActive
}
