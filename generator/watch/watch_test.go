package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// collect gathers the batches sent while act runs and shortly after.
func collect(t *testing.T, dir string, act func()) [][]string {
	t.Helper()
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan []string, 64)
	go func() { _ = w.Run(ctx, batches) }()
	act()
	var got [][]string
	timeout := time.After(400 * time.Millisecond)
	for {
		select {
		case b := <-batches:
			got = append(got, b)
		case <-timeout:
			return got
		}
	}
}

func flat(batches [][]string) []string {
	var all []string
	for _, b := range batches {
		all = append(all, b...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func mkfile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		act   func(t *testing.T, dir string)
		want  []string
	}{
		{
			name: "write in place",
			act:  func(t *testing.T, dir string) { mkfile(t, dir, "content/a.md", "changed") },
			want: []string{"content/a.md"},
		},
		{
			name: "write and rename, as vim and most editors save",
			act: func(t *testing.T, dir string) {
				mkfile(t, dir, "content/.a.md.swp", "x")
				mkfile(t, dir, "content/a.md.tmp", "new")
				if err := os.Rename(filepath.Join(dir, "content/a.md.tmp"), filepath.Join(dir, "content/a.md")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"content/a.md"},
		},
		{
			name: "delete and create",
			act: func(t *testing.T, dir string) {
				os.Remove(filepath.Join(dir, "content/a.md"))
				mkfile(t, dir, "content/a.md", "again")
			},
			want: []string{"content/a.md"},
		},
		{
			name: "a new folder with files, then a file in it",
			act: func(t *testing.T, dir string) {
				mkfile(t, dir, "content/guides/x.md", "x")
				time.Sleep(50 * time.Millisecond)
				mkfile(t, dir, "content/guides/y.md", "y")
			},
			want: []string{"content/guides/x.md", "content/guides/y.md"},
		},
		{
			name:  "a folder removed",
			setup: func(t *testing.T, dir string) { mkfile(t, dir, "content/old/z.md", "z") },
			act:   func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "content/old")) },
			want:  []string{"content/old", "content/old/z.md"},
		},
		{
			name: "kb.yaml, templates and static; other files ignored",
			act: func(t *testing.T, dir string) {
				mkfile(t, dir, "kb.yaml", "title: x")
				mkfile(t, dir, "templates/page.html", "x")
				mkfile(t, dir, "static/css/a.css", "x")
				mkfile(t, dir, "notes.txt", "x")
				mkfile(t, dir, "public/index.html", "x")
			},
			want: []string{"kb.yaml", "static/css/a.css", "templates/page.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mkfile(t, dir, "content/a.md", "a")
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			// A folder that was made may or may not be named itself,
			// depending on whether its files came before it was watched;
			// what matters is its files.
			var got []string
			for _, p := range flat(collect(t, dir, func() { tt.act(t, dir) })) {
				if st, err := os.Stat(filepath.Join(dir, p)); err == nil && st.IsDir() {
					continue
				}
				got = append(got, p)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("changed %v, want %v", got, tt.want)
			}
		})
	}
}

// A burst of writes to one file is one batch, or a few, never one per write.
func TestWatchCoalesces(t *testing.T) {
	dir := t.TempDir()
	mkfile(t, dir, "content/a.md", "a")
	batches := collect(t, dir, func() {
		for i := 0; i < 50; i++ {
			mkfile(t, dir, "content/a.md", strings.Repeat("x", i))
		}
	})
	if len(batches) == 0 || len(batches) > 5 {
		t.Errorf("50 quick writes made %d batches, want 1 to 5", len(batches))
	}
}
