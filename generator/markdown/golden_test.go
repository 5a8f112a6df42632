package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolden converts the documents in testdata/golden/*.md and compares
// the HTML, holes shown as {{N}}, with NAME.html; rawhtml.md is also
// converted with Options{Unsafe: true} into rawhtml.unsafe.html.
// go test -update rewrites the .html files.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	type run struct {
		golden string
		opts   Options
	}
	for _, input := range inputs {
		base := strings.TrimSuffix(input, ".md")
		runs := []run{{base + ".html", Options{}}}
		if filepath.Base(base) == "rawhtml" {
			runs = append(runs, run{base + ".unsafe.html", Options{Unsafe: true}})
		}
		src, err := os.ReadFile(input)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			d, err := New(r.opts).Convert(src, 1)
			if err != nil {
				t.Errorf("%s: %v", input, err)
				continue
			}
			checkHoles(t, d)
			got := fill(d)
			if *update {
				if err := os.WriteFile(r.golden, []byte(got), 0o666); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(r.golden)
			if err != nil {
				t.Errorf("%s: %v (go test -update writes it)", input, err)
				continue
			}
			if got != string(want) {
				t.Errorf("%s: HTML differs from %s:\n%s\nwant:\n%s", input, r.golden, got, want)
			}
		}
	}
}
