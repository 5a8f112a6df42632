package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kbgen/kb/generator/corpus"
	"github.com/kbgen/kb/generator/render"
)

// TestWritePageAsTemplates: with the built-in templates, pages, the
// timeline page, the type indexes and the tag pages are written in Go
// (render.writeInGo); for whole sites, the built-in one, the test site
// (its own schema, a base URL) and a generated corpus, every one of them
// comes out byte for byte as running its template makes it. When
// templates/base.html, partials.html or a kind's own template change,
// its Go writer stands aside (the templates' hash no longer matches) and
// this test fails until it writes what they do.
func TestWritePageAsTemplates(t *testing.T) {
	builtin := os.DirFS("../..")
	generated := t.TempDir()
	if err := corpus.Write(generated, corpus.Site(corpus.Options{Pages: 300, Seed: 3})); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"../..", "testdata/site", generated} {
		for _, drafts := range []bool{false, true} {
			s, err := Load(os.DirFS(src), builtin, Options{Drafts: drafts})
			if err != nil {
				t.Fatal(err)
			}
			if !s.tpl.WritesInGo() {
				s.Close()
				t.Fatalf("the built-in templates are not those kb writes in Go: make render.writeInGo's writers write what templates/base.html, partials.html and each kind's template make, then set their hashes in generator/render (TestBuiltinTemplates)")
			}
			want := renderEach(t, s, render.New(s.cfg, s.graph, s.tpl.RunningTemplates()))
			got := renderEach(t, s, render.New(s.cfg, s.graph, s.tpl))
			if d := diffFiles(want, got); d != "" {
				t.Errorf("%s (drafts %v): written in Go, not as the templates make it:\n%s", filepath.Base(src), drafts, d)
			}
			s.Close()
		}
	}
}

// renderEach renders the site's pages, timeline page, type indexes and
// tag pages with r, into memory.
func renderEach(t *testing.T, s *Site, r *render.Renderer) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	put := func(path string, data []byte) error {
		files[path] = bytes.Clone(data)
		return nil
	}
	for _, id := range s.graph.IDs() {
		f, err := r.Page(id)
		if err != nil {
			t.Fatal(err)
		}
		files[f.Path] = f.Data
	}
	var timeline bytes.Buffer
	if err := r.Timeline(&timeline); err != nil {
		t.Fatal(err)
	}
	files["timeline/index.html"] = timeline.Bytes()
	for _, typ := range s.cfg.Schema.Types {
		f, err := r.List(typ)
		if err != nil {
			t.Fatal(err)
		}
		files[f.Path] = f.Data
	}
	if err := r.Tags(put); err != nil {
		t.Fatal(err)
	}
	return files
}
