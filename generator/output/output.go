// Package output writes a build to disk so that the output folder is only
// ever a whole site: files go to a fresh folder beside the target, which
// is swapped in at the end. A build that fails, or is killed, leaves the
// previous output as it was.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/kbgen/kb/generator/file"
)

// Dir is an output folder being written.
type Dir struct {
	target string // the folder readers see
	tmp    string // where this build writes
	mu     sync.Mutex
	made   map[string]bool // folders already created
}

// tmpPrefix names the folders builds write into: ".public.kb-<pid>".
func tmpPrefix(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".kb-")
}

// Begin starts writing a build of target, removing what builds that were
// killed left behind.
func Begin(target string) (*Dir, error) {
	target, err := filepath.Abs(target)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return nil, err
	}
	removeStale(target)
	tmp := tmpPrefix(target) + strconv.Itoa(os.Getpid())
	if err := removeTree(tmp); err != nil {
		return nil, err
	}
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, err
	}
	return &Dir{target: target, tmp: tmp, made: map[string]bool{".": true}}, nil
}

// removeStale deletes the folders of earlier builds whose process is gone.
func removeStale(target string) {
	matches, _ := filepath.Glob(tmpPrefix(target) + "*")
	for _, m := range matches {
		pid, err := strconv.Atoi(strings.TrimPrefix(m, tmpPrefix(target)))
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_ = removeTree(m)
	}
}

// Path is where a file of the build is written, for tests.
func (d *Dir) Path(rel string) string { return filepath.Join(d.tmp, filepath.FromSlash(rel)) }

// mkdir makes the folder of a file.
func (d *Dir) mkdir(rel string) error { return d.makeDir(filepath.Dir(filepath.FromSlash(rel))) }

// makeDir makes a folder of the build, and the folders above it, once.
// A folder is made with one system call, after the one above it: a build
// makes a folder per page, and os.MkdirAll's checks before each doubled
// the cost.
func (d *Dir) makeDir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if err := d.makeDir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := file.Mkdir(filepath.Join(d.tmp, dir), 0o755); err != nil {
		return err
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Put writes a file of the build. It is safe for concurrent use.
func (d *Dir) Put(rel string, data []byte) error {
	if !fs.ValidPath(rel) {
		return fmt.Errorf("output: invalid path %q", rel)
	}
	if err := d.mkdir(rel); err != nil {
		return err
	}
	return file.Write(d.Path(rel), data, 0o644)
}

// Create opens a file of the build for writing.
func (d *Dir) Create(rel string) (io.WriteCloser, error) {
	if !fs.ValidPath(rel) {
		return nil, fmt.Errorf("output: invalid path %q", rel)
	}
	if err := d.mkdir(rel); err != nil {
		return nil, err
	}
	return os.Create(d.Path(rel))
}

// Copy copies src of fsys to rel in the build.
func (d *Dir) Copy(rel string, fsys fs.FS, src string) error {
	if !fs.ValidPath(rel) {
		return fmt.Errorf("output: invalid path %q", rel)
	}
	if err := d.mkdir(rel); err != nil {
		return err
	}
	in, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(d.Path(rel))
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Commit swaps the build in for the previous output. A .git folder in the
// previous output (a deployment checkout) is carried over.
func (d *Dir) Commit() error {
	old, err := os.Stat(d.target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.Rename(d.tmp, d.target)
	case err != nil:
		d.Abort()
		return err
	case !old.IsDir():
		d.Abort()
		return fmt.Errorf("output: %s is not a folder", d.target)
	}
	if _, err := os.Lstat(filepath.Join(d.target, ".git")); err == nil {
		if err := os.Rename(filepath.Join(d.target, ".git"), filepath.Join(d.tmp, ".git")); err != nil {
			d.Abort()
			return err
		}
	}
	if err := swap(d.tmp, d.target); err != nil {
		d.Abort()
		return err
	}
	return removeTree(d.tmp) // now the previous output
}

// Abort throws the build away.
func (d *Dir) Abort() { _ = removeTree(d.tmp) }
