// Package file reads and writes whole files with as few system calls as
// the operating system allows. A build reads and writes a file or two per
// page, and on a 10,000-page site the bookkeeping that package os adds to
// every open (registering the file with the poller, then finding that a
// regular file cannot be polled; checking that a folder exists before
// making it) cost more system time than the reading and writing.
package file

import (
	"io/fs"
	"os"
)

// Dir is a folder of the local file system as an fs.FS, like os.DirFS,
// whose ReadFile (what fs.ReadFile uses) goes through Read.
type Dir struct {
	fs.FS
	root string
}

// DirFS returns the folder root as a Dir.
func DirFS(root string) Dir { return Dir{FS: os.DirFS(root), root: root} }

// ReadFile reads the file name of the folder, a slash-separated path.
func (d Dir) ReadFile(name string) ([]byte, error) {
	return d.ReadFileInto(name, nil)
}

// ReadFileInto reads the file name of the folder into buf, or into a new
// slice if buf has no room for it.
func (d Dir) ReadFileInto(name string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	return ReadInto(d.root+"/"+name, buf)
}

// Stat is os.DirFS's, so that Dir is an fs.StatFS as os.DirFS is.
func (d Dir) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

// ReadDir is os.DirFS's, so that Dir is an fs.ReadDirFS as os.DirFS is.
func (d Dir) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
