package output

import "os"

// swapByRenames exchanges folders a and b through a third name.
func swapByRenames(a, b string) error {
	mid := a + ".old"
	if err := os.Rename(b, mid); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(mid, b)
		return err
	}
	return os.Rename(mid, a)
}
