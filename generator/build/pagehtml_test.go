package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kbgen/kb/generator/corpus"
	"github.com/kbgen/kb/generator/render"
)

// TestWritePageAsTemplates: with the built-in templates, pages are
// written in Go (render.writePage); every page of whole sites, the
// built-in one, the test site (its own schema, a base URL) and a
// generated corpus, comes out byte for byte as running page.html makes
// it. When templates/base.html, partials.html or page.html change, the
// Go writer stands aside (the templates' hash no longer matches) and this
// test fails until it writes what they do.
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
			if !s.tpl.WritesPages() {
				s.Close()
				t.Fatalf("the built-in page templates are not those render.writePage writes: make it write what templates/base.html, partials.html and page.html make, then set builtinPageTemplates in generator/render/pagehtml.go to their hash (TestBuiltinPageTemplates)")
			}
			written := render.New(s.cfg, s.graph, s.tpl)
			run := render.New(s.cfg, s.graph, s.tpl.RunningPages())
			for _, id := range s.graph.IDs() {
				want, err := run.Page(id)
				if err != nil {
					t.Fatal(err)
				}
				got, err := written.Page(id)
				if err != nil {
					t.Fatal(err)
				}
				if d := diffFiles(map[string][]byte{got.Path: want.Data}, map[string][]byte{got.Path: got.Data}); d != "" {
					t.Errorf("%s (drafts %v): written, not as page.html makes it:\n%s", filepath.Base(src), drafts, d)
				}
			}
			s.Close()
		}
	}
}
