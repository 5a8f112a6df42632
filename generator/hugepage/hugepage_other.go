//go:build !linux

package hugepage

// Reserve does nothing outside Linux, and reports false.
func Reserve(n int) bool { return false }
