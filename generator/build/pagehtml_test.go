package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kbgen/kb/generator/corpus"
	"github.com/kbgen/kb/generator/render"
)

// TestWritePageAsTemplates: with the built-in templates, pages and the
// timeline page are written in Go (render.writePage, writeTimeline);
// every page of whole sites, the built-in one, the test site (its own
// schema, a base URL) and a generated corpus, and their timeline pages
// come out byte for byte as running page.html and timeline.html makes
// them. When templates/base.html, partials.html, page.html or
// timeline.html change, the Go writer stands aside (the templates' hash
// no longer matches) and this test fails until it writes what they do.
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
				t.Fatalf("the built-in templates are not those kb writes in Go: make render.writePage and writeTimeline write what templates/base.html, partials.html, page.html and timeline.html make, then set the hashes in generator/render (TestBuiltinTemplates)")
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
			var want, got bytes.Buffer
			if err := run.Timeline(&want); err != nil {
				t.Fatal(err)
			}
			if err := written.Timeline(&got); err != nil {
				t.Fatal(err)
			}
			if d := diffFiles(map[string][]byte{"timeline": want.Bytes()}, map[string][]byte{"timeline": got.Bytes()}); d != "" {
				t.Errorf("%s (drafts %v): the timeline page written, not as timeline.html makes it:\n%s", filepath.Base(src), drafts, d)
			}
			s.Close()
		}
	}
}
