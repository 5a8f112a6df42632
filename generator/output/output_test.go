package output

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// files lists the regular files under dir with their contents, as
// "rel=content" lines sorted by path.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out = append(out, filepath.ToSlash(rel)+"="+string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// leftovers lists the build folders left beside target.
func leftovers(target string) []string {
	m, _ := filepath.Glob(tmpPrefix(target) + "*")
	return m
}

// build writes the files of a build of target and commits it.
func build(t *testing.T, target string, put map[string]string) error {
	t.Helper()
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range slices.Sorted(func(yield func(string) bool) {
		for k := range put {
			if !yield(k) {
				return
			}
		}
	}) {
		if err := d.Put(rel, []byte(put[rel])); err != nil {
			t.Fatalf("Put(%q): %v", rel, err)
		}
	}
	return d.Commit()
}

// TestCommit: a committed build replaces the previous output as a whole
// (files it no longer writes are gone), carries a deployment checkout's
// .git over, and leaves no build folder behind.
func TestCommit(t *testing.T) {
	cases := []struct {
		name     string
		previous map[string]string // the output before; nil: none
		put      map[string]string
		want     []string
	}{
		{
			name: "first build",
			put:  map[string]string{"index.html": "home", "a/b/index.html": "deep"},
			want: []string{"a/b/index.html=deep", "index.html=home"},
		},
		{
			name:     "replaces the previous output",
			previous: map[string]string{"index.html": "old", "gone/index.html": "removed page"},
			put:      map[string]string{"index.html": "new"},
			want:     []string{"index.html=new"},
		},
		{
			name:     "keeps .git",
			previous: map[string]string{"index.html": "old", ".git/HEAD": "ref: refs/heads/gh-pages", ".git/objects/ab": "blob"},
			put:      map[string]string{"index.html": "new"},
			want:     []string{".git/HEAD=ref: refs/heads/gh-pages", ".git/objects/ab=blob", "index.html=new"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "public")
			for rel, data := range c.previous {
				write(t, filepath.Join(target, rel), data)
			}
			if err := build(t, target, c.put); err != nil {
				t.Fatalf("Commit: %v", err)
			}
			if got := files(t, target); !slices.Equal(got, c.want) {
				t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if l := leftovers(target); len(l) > 0 {
				t.Errorf("build folders left: %v", l)
			}
		})
	}
}

// TestAbort: a build thrown away, or one whose target is a file, leaves
// what was there as it was.
func TestAbort(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(target, "index.html"), "old")
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Put("index.html", []byte("half a build")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if got, want := files(t, target), []string{"index.html=old"}; !slices.Equal(got, want) {
		t.Errorf("after Abort: %v, want %v", got, want)
	}
	if l := leftovers(target); len(l) > 0 {
		t.Errorf("build folders left after Abort: %v", l)
	}

	notDir := filepath.Join(t.TempDir(), "public")
	write(t, notDir, "a file, not a folder")
	err = build(t, notDir, map[string]string{"index.html": "new"})
	if err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("Commit over a file: err = %v, want one saying it is not a folder", err)
	}
	if data, _ := os.ReadFile(notDir); string(data) != "a file, not a folder" {
		t.Errorf("the file in the way became %q", data)
	}
	if l := leftovers(notDir); len(l) > 0 {
		t.Errorf("build folders left after a failed Commit: %v", l)
	}
}

// TestInvalidPaths: a path that would leave the build folder is refused
// by every way of writing, and nothing is written.
func TestInvalidPaths(t *testing.T) {
	target := filepath.Join(t.TempDir(), "site", "public")
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	src := fstest.MapFS{"x": {Data: []byte("x")}}
	for _, rel := range []string{"../escape.html", "/etc/passwd", "a/../../b", "", "a//b", "./a"} {
		if err := d.Put(rel, []byte("x")); err == nil {
			t.Errorf("Put(%q) succeeded", rel)
		}
		if w, err := d.Create(rel); err == nil {
			w.Close()
			t.Errorf("Create(%q) succeeded", rel)
		}
		if err := d.Copy(rel, src, "x"); err == nil {
			t.Errorf("Copy(%q) succeeded", rel)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(target), "escape.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file was written outside the build: %v", err)
	}
}

// TestCreateAndCopy: the streaming writers put files where Put would.
func TestCreateAndCopy(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	w, err := d.Create("search/search.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("[]")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{"static/css/kb.css": {Data: []byte("body{}")}}
	if err := d.Copy("css/kb.css", src, "static/css/kb.css"); err != nil {
		t.Fatal(err)
	}
	if err := d.Copy("css/missing.css", src, "static/css/missing.css"); err == nil {
		t.Error("copying a missing file succeeded")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	want := []string{"css/kb.css=body{}", "search/search.json=[]"}
	if got := files(t, target); !slices.Equal(got, want) {
		t.Errorf("output: %v, want %v", got, want)
	}
}

// TestRemoveStale: Begin removes the build folders of killed builds, and
// only those: a build folder whose process still runs (another kb
// writing the same site) is left alone.
func TestRemoveStale(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")

	// A process that has exited: its pid is free (and, in the moment
	// this test takes, not yet reused).
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := tmpPrefix(target) + strconv.Itoa(cmd.Process.Pid)
	alive := tmpPrefix(target) + "1" // init: always running, and another user's unless the test runs as root
	other := tmpPrefix(target) + "notapid"
	for _, dir := range []string{dead, alive, other} {
		write(t, filepath.Join(dir, "index.html"), "left behind")
	}

	d, err := Begin(target)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, c := range []struct {
		dir  string
		kept bool
	}{{dead, false}, {alive, true}, {other, true}} {
		_, err := os.Stat(c.dir)
		if kept := err == nil; kept != c.kept {
			t.Errorf("%s: kept = %v, want %v", filepath.Base(c.dir), kept, c.kept)
		}
	}
}

// TestSwapByRenames: the fallback for file systems without an atomic
// exchange swaps two folders' contents.
func TestSwapByRenames(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	write(t, filepath.Join(a, "f"), "from a")
	write(t, filepath.Join(b, "f"), "from b")
	if err := swapByRenames(a, b); err != nil {
		t.Fatal(err)
	}
	if got := files(t, a); !slices.Equal(got, []string{"f=from b"}) {
		t.Errorf("a holds %v", got)
	}
	if got := files(t, b); !slices.Equal(got, []string{"f=from a"}) {
		t.Errorf("b holds %v", got)
	}
	if _, err := os.Stat(a + ".old"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the middle name is left: %v", err)
	}
}
