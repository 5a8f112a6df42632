// Package render turns the graph into the site's files: HTML from
// html/template files (or, for the kinds of page whose templates are the
// built-in ones, from Go writers that write what they would: see
// writeInGo), and the search index, graph.json, timeline.json, the Atom
// feed and the sitemap.
package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kbgen/kb/generator/config"
	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
)

// File is one file of the output.
type File struct {
	Path string // slash-separated, relative to the output root
	Data []byte
}

// Renderer renders one graph. It is safe for concurrent use once made.
type Renderer struct {
	cfg    *config.Config
	absURL func(p string) string // cfg.AbsURL, made once
	g      *graph.Graph
	tpl    Templates
	site   *Site
	asOf   schema.Date

	allLinesOnce  sync.Once
	allLinesCache []*dayLine // every page's timeline lines, oldest first; see allLines

	prepared []prepared // by slot (graph.Node.Slot); see PrepareLinks
	links    sync.Map   // id -> *PageLink: a page is linked from many others
	lines    sync.Map   // id -> []dayLine: shown on every related page's timeline
	buffers  sync.Pool  // of *bytes.Buffer, for template output
	arenas   sync.Pool  // of *arena; see arena

	// ids is every page's id as a JSON string, side by side in slot order,
	// idAt[s] where the one of slot s starts (see PrepareLinks).
	ids  []byte
	idAt []int32
}

// New prepares the rendering of a graph.
func New(cfg *config.Config, g *graph.Graph, tpl Templates) *Renderer {
	r := &Renderer{cfg: cfg, absURL: cfg.AbsURLs(), g: g, tpl: tpl}
	r.buffers.New = func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }
	r.arenas.New = func() any { return new(arena) }
	for i := range g.IDs() {
		if u := g.Nth(i).Meta.Updated; u.Compare(r.asOf) > 0 {
			r.asOf = u
		}
	}
	r.site = &Site{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language,
		Base: cfg.BasePath(), AsOf: r.asOf.Display(), baseHref: baseHref(cfg.BasePath()),
	}
	if t := tpl.sets[partsKind]; t != nil {
		r.site.parts = &parts{tpl: t, done: map[[2]string]template.HTML{}}
	}
	r.site.Nav = append(r.site.Nav, NavItem{Label: "Home", URL: r.url("/"), Key: "home"})
	for _, t := range cfg.Schema.Types {
		r.site.Nav = append(r.site.Nav, NavItem{Label: t.Label, URL: r.url("/" + t.Folder + "/"), Key: t.Folder})
	}
	r.site.Nav = append(r.site.Nav,
		NavItem{Label: "Timeline", URL: r.url("/timeline/"), Key: "timeline"},
		NavItem{Label: "Tags", URL: r.url("/tags/"), Key: "tags"},
		NavItem{Label: "Search", URL: r.url("/search/"), Key: "search"},
	)
	return r
}

// url prefixes a site path with the base path.
func (r *Renderer) url(p string) string {
	return r.site.Base + strings.TrimPrefix(p, "/")
}

// execute runs the template set of a kind of page.
func (r *Renderer) execute(kind string, data any) ([]byte, error) {
	var out []byte
	err := r.executeTo(kind, data, func(b []byte) error {
		out = bytes.Clone(b)
		return nil
	})
	return out, err
}

// write runs a template straight into w, for pages too large to hold.
func (r *Renderer) write(kind string, data any, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := r.run(kind, data, bw); err != nil {
		return err
	}
	return bw.Flush()
}

// executeTo runs a template into a reused buffer and hands the result to
// use, which must not keep it.
func (r *Renderer) executeTo(kind string, data any, use func([]byte) error) error {
	b := r.buffers.Get().(*bytes.Buffer)
	defer func() {
		b.Reset()
		r.buffers.Put(b)
	}()
	if err := r.run(kind, data, b); err != nil {
		return err
	}
	return use(b.Bytes())
}

// pageWriter is what a page is written into: a buffer or a bufio.Writer.
type pageWriter interface {
	io.Writer
	stringWriter
}

// run writes a page of a kind into w: by its Go writer when the site's
// templates for the kind are the built-in ones (see writeInGo), else by
// running them.
func (r *Renderer) run(kind string, data any, w pageWriter) error {
	t := r.tpl.sets[kind]
	if t == nil {
		return &TemplateError{Kind: kind, Err: errors.New("no such template")}
	}
	var err error
	if r.tpl.inGo[kind] {
		err = writeInGo(w, data)
	} else {
		err = t.ExecuteTemplate(w, "base.html", data)
	}
	if err != nil {
		return &TemplateError{Kind: kind, Err: err}
	}
	return nil
}

// Page renders one page.
func (r *Renderer) Page(id string) (File, error) {
	a := r.getArena()
	defer r.putArena(a)
	v, err := r.pageView(r.g.Node(id), a)
	if err != nil {
		return File{}, err
	}
	b, err := r.execute("page", v)
	return File{Path: PagePath(id), Data: b}, err
}

// PagePath is where a page is written.
func PagePath(id string) string { return id + "/index.html" }

// WritePage renders a page and hands it to put, which must not keep the
// bytes: they are reused for the next page.
func (r *Renderer) WritePage(n *graph.Node, put func(path string, data []byte) error) error {
	a := r.getArena()
	defer r.putArena(a)
	v, err := r.pageView(n, a)
	if err != nil {
		return err
	}
	err = r.executeTo("page", v, func(b []byte) error {
		return put(PagePath(n.ID), b)
	})
	if te, ok := err.(*TemplateError); ok {
		te.Output = PagePath(n.ID)
	}
	return err
}

// body fills the holes of a page's HTML with its resolved wikilinks, in
// the page's arena.
func (r *Renderer) body(n *graph.Node, a *arena) (template.HTML, error) {
	if n.Doc == nil {
		return "", nil
	}
	a.body.Grow(n.Doc.BodyLen() + 160*len(n.Doc.Holes))
	if cap(a.scratch) < n.Doc.BodyLen() {
		a.scratch = make([]byte, 0, n.Doc.BodyLen()*2)
	}
	err := n.Doc.Fill(&a.body, a.scratch, func(b *bytes.Buffer, i int) {
		r.link(b, n.Doc.Link(i), n.Links[i], n.BrokenReason(i))
	})
	return arenaString(a.body.Bytes()), err
}

// link writes one wikilink as its target allows; why is why a broken
// one is broken.
func (r *Renderer) link(b *bytes.Buffer, l markdown.Link, t graph.Target, why string) {
	if l.Kind != markdown.Wiki {
		r.href(b, l, t)
		return
	}
	esc := template.HTMLEscapeString
	switch t.State {
	case graph.Broken:
		fmt.Fprintf(b, `<span class="wikilink broken" title="%s">%s</span>`, esc("Unresolved: "+why), esc(l.Shown()))
	case graph.Unpublished:
		fmt.Fprintf(b, `<span class="wikilink unpublished">%s</span>`, esc(l.Shown()))
	case graph.SamePage:
		fmt.Fprintf(b, `<a class="wikilink" href="#%s">%s</a>`, esc(t.Anchor), esc(l.Shown()))
	case graph.Asset:
		u := r.fileURL(t.Page)
		if l.Embed && isImage(t.Page) {
			alt, width := l.Label, ""
			if _, err := strconv.Atoi(alt); err == nil {
				alt, width = "", fmt.Sprintf(` width="%s"`, l.Label)
			}
			if alt == "" {
				alt = strings.TrimSuffix(l.Target[strings.LastIndex(l.Target, "/")+1:], extOf(l.Target))
			}
			fmt.Fprintf(b, `<img class="embed" src="%s" alt="%s"%s loading="lazy">`, esc(u), esc(alt), width)
			return
		}
		fmt.Fprintf(b, `<a class="wikilink file" href="%s">%s</a>`, esc(u), esc(l.Shown()))
	default:
		p := r.linkTo(t.Slot)
		if l.Embed {
			href := p.URL
			if t.Anchor != "" {
				href += "#" + t.Anchor
			}
			fmt.Fprintf(b, `<a class="card type-%s" href="%s"><span class="card-type">%s</span><span class="card-title">%s</span><span class="card-summary">%s</span></a>`,
				esc(p.Type), esc(href), esc(p.TypeLabel), esc(p.Title), esc(p.Summary))
			return
		}
		wikilinkTo(b, p, t.Anchor, l.Shown())
	}
}

// href writes the destination of a Markdown link or image to a file of
// content/, as its hole in the href (or src) takes it: the page's or
// file's URL on the site, or, for a path that names nothing the site
// has, the destination as written, escaped as goldmark escapes it.
func (r *Renderer) href(b *bytes.Buffer, l markdown.Link, t graph.Target) {
	var u string
	switch t.State {
	case graph.Resolved:
		u = r.linkTo(t.Slot).URL
	case graph.Asset:
		u = r.fileURL(t.Page)
	case graph.SitePath:
		u = r.url(escapePath(t.Page))
	default:
		b.Write(l.DestHTML())
		return
	}
	if t.Anchor != "" {
		u += "#" + t.Anchor
	}
	escape(b, u)
}

// fileURL is the URL of a file of content/, by its path relative to
// content/.
func (r *Renderer) fileURL(p string) string { return r.url("/" + escapePath(p)) }

// escapePath percent-encodes what a URL path cannot hold as it is (a
// space, "#", "?"), for files whose names have them: "img/Chart One.png"
// -> "img/Chart%20One.png". Letters of every script are kept.
func escapePath(p string) string {
	if !strings.ContainsAny(p, " #?%\"<>`{}|^\t") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case ' ', '#', '?', '%', '"', '<', '>', '`', '{', '}', '|', '^', '\t':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// wikilinkTo writes a wikilink to page p (at the anchor, when there is
// one) that shows the text shown. A page has dozens, each to a page
// somewhere else in memory: the type, URL and title are cut, escaped,
// from the one string of p.HTML, rather than read and escaped from
// three.
func wikilinkTo(b *bytes.Buffer, p *PageLink, anchor, shown string) {
	h := string(p.HTML)
	b.WriteString(`<a class="wikilink type-`)
	b.WriteString(h[len(pageLinkOpen):p.hrefEnd]) // type" href="url
	if anchor != "" {
		b.WriteByte('#')
		escape(b, anchor)
	}
	b.WriteString(`" title="`)
	b.WriteString(h[p.hrefEnd+len(`">`) : len(h)-len(`</a>`)])
	b.WriteString(`">`)
	escape(b, shown)
	b.WriteString(`</a>`)
}

func extOf(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i:]
	}
	return ""
}

func isImage(p string) bool {
	switch strings.ToLower(extOf(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif":
		return true
	}
	return false
}

func monthName(m int) string { return time.Month(m).String() }

func sortStrings(s []string) { sort.Strings(s) }

// pagesOfType returns the published pages of a type ("page" for plain
// pages), in id order.
func (r *Renderer) pagesOfType(name string) []*graph.Node {
	var out []*graph.Node
	for _, id := range r.g.IDs() {
		if n := r.g.Node(id); n.Meta.Type == name {
			out = append(out, n)
		}
	}
	return out
}
