package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-pages", "99", "-out", "x"}, {"-pages", "100001", "-out", "x"}, {"-out", "x", "extra"}, {"-bogus"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

func TestWritesBothSites(t *testing.T) {
	out := t.TempDir()
	if code := run([]string{"-pages", "100", "-seed", "5", "-out", out}, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"kb/content/participants", "hugo/hugo.toml", "hugo/layouts/_default/single.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if code := run([]string{"-pages", "100", "-out", out}, io.Discard); code != 1 {
		t.Errorf("writing over an existing corpus: exit %d, want 1", code)
	}
}
