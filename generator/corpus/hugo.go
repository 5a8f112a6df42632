package corpus

import (
	"regexp"
	"strings"
)

// HugoSite returns the same pages as Site as a Hugo site: hugo.toml with a
// taxonomy per relation (and tags), the same front matter with relations
// as term lists and the schema's fields under params, wikilinks rewritten
// as Markdown links to the pages' URLs, and minimal but real layouts that
// show each page's terms, inverse relations, table of contents and body.
func HugoSite(o Options) []File {
	g := plan(o)
	r := g.resolver()
	files := append([]File{{Path: "hugo.toml", Data: []byte(hugoConfig())}}, hugoLayouts()...)
	for _, p := range g.pages {
		files = append(files, File{Path: p.path(), Data: g.hugoPage(p, r)})
	}
	sortFiles(files)
	return files
}

// wikilinkPattern matches every wikilink form the corpus writes:
// ![[target]], [[target]], [[target#Heading]], [[target|label]], and
// [[target#Heading|label]].
const wikilinkPattern = `(!?)\[\[([^\[\]|#]+)(?:#([^\[\]|]+))?(?:\|([^\[\]]+))?\]\]`

// resolver finds a wikilink target's page as the contract does: by id,
// slug, alias or title, compared after slugifying.
type resolver struct {
	g        *generator
	names    map[string]int
	wikilink *regexp.Regexp
}

// resolver indexes every page's slug and aliases (a title slugifies to
// the slug, and an id ends in it).
func (g *generator) resolver() *resolver {
	r := &resolver{g: g, names: make(map[string]int, 2*len(g.pages)), wikilink: regexp.MustCompile(wikilinkPattern)}
	for i, p := range g.pages {
		r.names[p.slug] = i
		for _, a := range p.aliases {
			r.names[slugify(a)] = i
		}
	}
	return r
}

// page returns the page target names, and whether there is one.
func (r *resolver) page(target string) (*page, bool) {
	if i := strings.LastIndexByte(target, '/'); i >= 0 {
		target = target[i+1:]
	}
	i, ok := r.names[slugify(target)]
	if !ok {
		return nil, false
	}
	return r.g.pages[i], true
}

// hugoPage renders p for Hugo. Wikilinks resolve here, at generation
// time; since the corpus makes no broken links, every one resolves.
func (g *generator) hugoPage(p *page, r *resolver) []byte {
	var b strings.Builder
	b.Grow(len(p.body) + 1500)
	b.WriteString("---\n")
	writeCommon(&b, "", p, fullDate(p.date))
	writeList(&b, "", "tags", plainAll(p.tags))
	for ri, rel := range relations() {
		slugs := make([]string, len(p.rels[ri]))
		for i, j := range p.rels[ri] {
			slugs[i] = plain(g.pages[j].slug)
		}
		writeList(&b, "", rel.field, slugs)
	}
	// Hugo gives "aliases" (redirects) and "kind" their own meanings, so
	// the schema's fields go under params, and aliases become "aka".
	b.WriteString("params:\n")
	for _, f := range p.fields {
		writeScalar(&b, "  ", f)
	}
	writeList(&b, "  ", "aka", quoteAll(p.aliases))
	writeExtras(&b, "  ", p)
	b.WriteString("---\n\n")
	b.WriteString(r.wikilink.ReplaceAllStringFunc(p.body, func(m string) string {
		sub := r.wikilink.FindStringSubmatch(m)
		q, ok := r.page(sub[2])
		if !ok {
			return m
		}
		url := "/" + q.typ.folder() + "/" + q.slug + "/"
		if sub[3] != "" {
			url += "#" + anchor(sub[3])
		}
		label := sub[4]
		if label == "" {
			label = q.title
		}
		if sub[1] == "!" {
			return "> **[" + q.title + "](" + url + ")**: " + q.summary
		}
		return "[" + label + "](" + url + ")"
	}))
	return []byte(b.String())
}

// fullDate pads a partial date to a full one, which Hugo's date needs:
// "2023" -> "2023-01-01", "2023-05" -> "2023-05-01".
func fullDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// anchor is the id Hugo's default ("github") heading ids give heading h.
func anchor(h string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(h) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// hugoConfig is hugo.toml: a taxonomy per relation plus tags, chroma
// highlighting with classes (as kb does), and outputs trimmed to what kb
// writes too, so that Hugo makes no feeds per section and term.
func hugoConfig() string {
	var b strings.Builder
	b.WriteString(`baseURL = "/"
title = "kb benchmark corpus"
languageCode = "en"
buildFuture = true

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]
  page = ["html"]

[markup.highlight]
  noClasses = false

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

[taxonomies]
  tag = "tags"
`)
	for _, rel := range relations() {
		b.WriteString("  " + rel.field + " = \"" + rel.field + "\"\n")
	}
	return b.String()
}
