package output

import (
	"os"
	"path/filepath"

	"github.com/kbgen/kb/generator/parallel"
)

// removeTree removes a folder and everything in it, each of the folder's
// entries on a core of its own.
//
// A build that replaces an earlier output removes the earlier one at its
// end, while its user waits: a folder and a file for each page, at
// 100,000 pages some 200,000 entries and 3 GB, which os.RemoveAll took
// 2.6-3.2 s to remove from tmpfs. Removing the type folders side by side
// took 1.8-2.2 s. Removing the pages' folders side by side instead, two
// cores within one type folder, took longer than one core did (3.0-3.9
// s, and twice the CPU): the kernel locks a folder while it removes an
// entry, and the cores waited on each other for it.
//
// Like os.RemoveAll it follows no symbolic link, and a folder that does
// not exist is not an error.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir) // gone, not a folder, or not readable: its answer
	}
	err = parallel.Each(len(entries), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	if rerr := os.RemoveAll(dir); err == nil {
		err = rerr
	}
	return err
}
