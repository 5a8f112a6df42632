package file

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReadMkdir(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a")
	for range 2 { // a folder that exists is not an error
		if err := Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []int{0, 1, 4095, 4096, 1 << 20} {
		data := bytes.Repeat([]byte{'x'}, size)
		p := filepath.Join(sub, "f.html")
		if err := Write(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("size %d: read %d bytes back", size, len(got))
		}
		if info, _ := os.Stat(p); info.Mode().Perm() != 0o644&^umask(t) {
			t.Errorf("size %d: mode %v", size, info.Mode())
		}
	}
	// Write replaces a longer file whole.
	p := filepath.Join(sub, "g")
	if err := Write(p, []byte("longer text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := Read(p); string(got) != "short" {
		t.Errorf("rewritten file holds %q", got)
	}
}

func umask(t *testing.T) fs.FileMode {
	p := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(p, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	return 0o777 &^ info.Mode().Perm()
}

func TestErrorsNameThePath(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "f")
	if _, err := Read(missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("Read of a missing file: %v", err)
	}
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Read of a folder: %v", err)
	}
	if err := Write(missing, nil, 0o644); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("Write into a missing folder: %v", err)
	}
	if err := Mkdir(filepath.Join(dir, "x", "y"), 0o755); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Mkdir below a missing folder: %v", err)
	}
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	if b, err := fs.ReadFile(fsys, "a.md"); err != nil || string(b) != "hi" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if _, err := fs.ReadFile(fsys, "../a.md"); err == nil {
		t.Error("ReadFile outside the folder succeeded")
	}
	if _, err := fs.Stat(fsys, "a.md"); err != nil {
		t.Error(err)
	}
	if entries, err := fs.ReadDir(fsys, "."); err != nil || len(entries) != 1 {
		t.Errorf("ReadDir = %v, %v", entries, err)
	}
}
