package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

func TestRemoveTree(t *testing.T) {
	many := map[string]string{}
	for i := range 300 {
		many["participants/p"+strconv.Itoa(i)+"/index.html"] = "<p>" + strconv.Itoa(i)
	}
	tests := []struct {
		name  string
		files map[string]string // under the folder removed
		dirs  []string          // empty folders under it
	}{
		{name: "empty"},
		{name: "files at the top", files: map[string]string{"index.html": "x", "search.json": "[]"}},
		{name: "a site's shape", files: map[string]string{
			"index.html":                  "home",
			"risks/index.html":            "list",
			"risks/deep-fakes/index.html": "page",
			"tags/ai/index.html":          "tag",
			"css/site.css":                "body{}",
			"a/b/c/d/e.txt":               "deep",
		}},
		{name: "empty folders", dirs: []string{"empty", "risks/none", "a/b/c"}},
		{name: "many pages", files: many},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "old")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for rel, data := range tt.files {
				write(t, filepath.Join(dir, rel), data)
			}
			for _, rel := range tt.dirs {
				if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if err := removeTree(dir); err != nil {
				t.Fatalf("removeTree: %v", err)
			}
			if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the folder is still there (%v)", err)
			}
		})
	}
}

func TestRemoveTreeMissing(t *testing.T) {
	if err := removeTree(filepath.Join(t.TempDir(), "never made")); err != nil {
		t.Errorf("removeTree of a folder that is not there: %v, want nil", err)
	}
}

// A symbolic link in the tree, at the top or a level down, goes; what
// it points to stays.
func TestRemoveTreeKeepsLinkTargets(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	write(t, filepath.Join(outside, "keep.txt"), "keep")
	dir := filepath.Join(root, "old")
	write(t, filepath.Join(dir, "risks", "index.html"), "list")
	for _, link := range []string{filepath.Join(dir, "linked"), filepath.Join(dir, "risks", "linked")} {
		if err := os.Symlink(outside, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatalf("removeTree: %v", err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder is still there (%v)", err)
	}
	if got, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(got) != "keep" {
		t.Errorf("the link's target: %q, %v; want it kept", got, err)
	}
}
