// Package corpus generates large, valid, deterministic knowledge-base sites,
// and the same content as a Hugo site, so that kb can be benchmarked on
// realistic input and against Hugo on equal terms.
package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options says how big a corpus to make.
type Options struct {
	Pages int // total pages, 100 to 100,000; values outside are clamped
	Seed  int64
}

// File is one file of a generated site, its path slash-separated and
// relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Site returns a kb site: content/<folder>/<slug>.md for the four built-in
// types, and nothing else (no kb.yaml: the built-in schema applies). The
// files are sorted by path and are the same bytes for the same Options.
func Site(o Options) []File {
	g := plan(o)
	files := make([]File, len(g.pages))
	for i, p := range g.pages {
		files[i] = File{Path: p.path(), Data: g.kbPage(p)}
	}
	sortFiles(files)
	return files
}

// Write writes files under dir, creating folders as needed.
func Write(dir string, files []File) error {
	made := make(map[string]bool)
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(path); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// path is the page's file in a kb site.
func (p *page) path() string { return "content/" + p.typ.folder() + "/" + p.slug + ".md" }

// kbPage renders p as a kb page: YAML front matter in the built-in
// schema's terms, then the body with its wikilinks.
func (g *generator) kbPage(p *page) []byte {
	var b strings.Builder
	b.Grow(len(p.body) + 1500)
	b.WriteString("---\n")
	writeCommon(&b, "", p, p.date)
	writeList(&b, "", "aliases", quoteAll(p.aliases))
	writeList(&b, "", "tags", plainAll(p.tags))
	for _, f := range p.fields {
		writeScalar(&b, "", f)
	}
	for ri, rel := range relations() {
		writeList(&b, "", rel.field, g.targets(p, ri))
	}
	writeExtras(&b, "", p)
	b.WriteString("---\n\n")
	b.WriteString(p.body)
	return []byte(b.String())
}

// targets is how relation ri of p is written: slugs, or for some pages
// "[[Title]]" links, both of which the contract resolves.
func (g *generator) targets(p *page, ri int) []string {
	out := make([]string, len(p.rels[ri]))
	for i, j := range p.rels[ri] {
		out[i] = plain(g.pages[j].slug)
		if p.titled[ri] {
			out[i] = quote("[[" + g.pages[j].title + "]]")
		}
	}
	return out
}

// sortFiles sorts files by path, so output order never depends on how
// they were made.
func sortFiles(files []File) {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}
