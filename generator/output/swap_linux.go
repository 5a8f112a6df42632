package output

import "golang.org/x/sys/unix"

// swap exchanges two folders in one step, so that no reader ever sees the
// output missing or half-written.
func swap(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return swapByRenames(a, b) // a file system without RENAME_EXCHANGE
	}
	return err
}
