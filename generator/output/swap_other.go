//go:build !linux

package output

// swap exchanges two folders with two renames; between them the output
// is briefly missing, never half-written.
func swap(a, b string) error { return swapByRenames(a, b) }
