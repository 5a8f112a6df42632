package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStripFrontMatter(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"yaml", "---\ntitle: x\n---\n# Body\n", "# Body\n"},
		{"toml", "+++\ntitle = 'x'\n+++\nBody", "Body"},
		{"empty front matter", "---\n---\nBody", "Body"},
		{"only front matter", "---\ntitle: x\n---", ""},
		{"none", "# Body\n---\n", "# Body\n---\n"},
		{"never closed", "---\ntitle: x\nBody", "---\ntitle: x\nBody"},
		{"rule later in body", "Intro\n\n---\n\nMore", "Intro\n\n---\n\nMore"},
	} {
		if got := string(stripFrontMatter([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRun(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	files := map[string]string{
		"a.md":          "---\ntitle: A\n---\n## Background\n\n| x | y |\n|---|---|\n| 1 | 2 |\n",
		"sub/deep/b.md": "Text[^1].\n\n[^1]: A note.\n",
		"c.txt":         "not markdown",
	}
	for name, data := range files {
		path := filepath.Join(in, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code := run([]string{"-in", in, "-out", out, "-workers", "3"}, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for name, want := range map[string]string{
		"a.html":          `<h2 id="background">Background</h2>`,
		"sub/deep/b.html": `class="footnotes"`,
	} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !strings.Contains(string(got), want) {
			t.Errorf("%s: %v; want it to contain %q, got %q", name, err, want, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "c.html")); err == nil {
		t.Error("c.txt was converted")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-in", "x"}, {"-out", "y"}, {"-in", "x", "-out", "y", "extra"}, {"-bogus"}, {"-in", "x", "-out", "y", "-workers", "0"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
