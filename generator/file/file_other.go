//go:build !unix

package file

import (
	"errors"
	"io/fs"
	"os"
)

// Read reads a whole file.
func Read(path string) ([]byte, error) { return os.ReadFile(path) }

// ReadInto reads a whole file; buf is not used here.
func ReadInto(path string, _ []byte) ([]byte, error) { return os.ReadFile(path) }

// Write writes data to path, replacing what was there.
func Write(path string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(path, data, perm)
}

// Mkdir makes one folder; one that exists already is not an error.
func Mkdir(path string, perm fs.FileMode) error {
	if err := os.Mkdir(path, perm); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}
