// Package markdown is kb's one goldmark configuration: CommonMark with GFM,
// footnotes, wikilinks, heading ids and chroma highlighting. It turns a
// page body into HTML with holes where wikilinks go, plus what the graph
// needs to know of the body: its links, headings and text.
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/spool"
)

// Options changes the Markdown configuration.
type Options struct {
	// Unsafe lets raw HTML in Markdown through. By default it is left out,
	// as goldmark's safe mode does.
	Unsafe bool
	// Base is the site's path, "/" (the default) or "/kb/", under which
	// an inline #tag's page is.
	Base string
	// Chunked keeps the parts of documents in shared chunks (see chunks):
	// for a converter whose documents all live to the end of one build,
	// not for one that replaces them one by one.
	Chunked bool
}

// Converter turns Markdown into Documents. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// parsers are md's parser and its variants without the parts a body
	// may not need (see Converter.parser), indexed by whether they have
	// GFM's autolinks and CommonMark's link reference definitions.
	// Linkify is an inline parser that goldmark's parser stops at every
	// space for, to look at the word after it; without it a line's words
	// are one run of text, and a 10,000-page build takes a tenth less CPU.
	parsers [2][2]parser.Parser
	writers sync.Pool // of *Writer, so that output buffers grow once, not once a page
	chunked bool      // see Options.Chunked
}

// New returns a Converter.
func New(o Options) *Converter {
	opts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(newCodeBlockRenderer(), 100), util.Prioritized(newBlockRenderer(), 100)),
		html.WithWriter(textWriter{html.DefaultWriter}),
	}
	if o.Unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	base := o.Base
	if base == "" {
		base = "/"
	}
	// GFM is Linkify, Table, Strikethrough and TaskList, in that order;
	// the parsers without autolinks have the same but Linkify, in the
	// same order.
	extensions := func(linkify bool) []goldmark.Extender {
		e := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList,
			extension.Footnote, NewWikilinks(), newLocalLinks(o.Unsafe), comments{}, callouts{}, marks{}, tags{base}}
		if linkify {
			e = append([]goldmark.Extender{extension.Linkify}, e...)
		}
		return e
	}
	runs := goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(textRuns{}, 0)))
	md := goldmark.New(goldmark.WithExtensions(extensions(true)...), goldmark.WithRendererOptions(opts...), runs)
	c := &Converter{md: md, writers: sync.Pool{New: func() any { return new(Writer) }}, chunked: o.Chunked}
	for linkify := range 2 {
		for refs := range 2 {
			p := md.Parser()
			if linkify == 0 || refs == 0 {
				p = goldmark.New(goldmark.WithParser(newParser(refs == 1)), goldmark.WithExtensions(extensions(linkify == 1)...), runs).Parser()
			}
			c.parsers[linkify][refs] = p
		}
	}
	return c
}

// newParser is goldmark's default parser, without the paragraph
// transformer that finds link reference definitions unless refs.
func newParser(refs bool) parser.Parser {
	opts := []parser.Option{parser.WithBlockParsers(parser.DefaultBlockParsers()...), parser.WithInlineParsers(parser.DefaultInlineParsers()...)}
	if refs {
		opts = append(opts, parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))
	}
	return parser.NewParser(opts...)
}

// b2i is 1 for true, for an index.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Document is a converted page body.
type Document struct {
	HTML     []byte // the body with holes where Links go
	Holes    []Hole // in order of Offset
	Headings []Heading
	Blocks   []string // the ids of blocks marked "^id", which links reach as #^id
	Tags     []string // the #tags of the text, as written, in order
	Text     string   // the plain text, for search, a line a block (a spooling build moves it into the search record)
	Lead     string   // the first paragraph's text, for a summary when there is none

	// The wikilinks, in the order written (see Link; LinkContext has their
	// sentences): each a few numbers, its strings one after another in one
	// string a page. A site keeps every link of every page until it is
	// rendered, 1.6 million at 100,000 pages; as Link values with a
	// string each they took three times the memory.
	links    []packedLink
	linkText string

	// The sentences around the links, packed into one string as
	// "before\x00link\x00after" each, from contexts[i] to contexts[i+1]:
	// one allocation a page rather than three a link, for every page of
	// the site, until it is rendered.
	contextText string
	contexts    []int32

	// Where HTML, Text and (when spilledContexts) contextText went when
	// spilled; see Body, PlainText and LinkContext.
	spool           *spool.Spool
	html, text      spool.Extent
	contextsAt      int64 // where contextText starts in the spool
	spilledContexts bool

	// Where Gather put the sentences of the links to this document's page,
	// when it did; see AppendGathered.
	gathered     spool.Extent
	gatheredDone bool
}

// Hole is a place in Document.HTML where Links[Link] is to be written.
type Hole struct {
	Offset int32 // a body is far below 2 GB, and a site keeps every page's holes
	Link   int32
}

// packedLink is a Link as a Document keeps it: its target, heading and
// label are linkText[at:], one after another, of the lengths given.
type packedLink struct {
	at                           int32
	target, heading, label, dest int32
	line, col                    int32
	embed                        bool
	kind                         LinkKind
}

// LinkCount is the number of the document's wikilinks.
func (d *Document) LinkCount() int { return len(d.links) }

// Link returns the document's wikilink i, its strings cut from the one
// string they are kept in.
func (d *Document) Link(i int) Link {
	p := d.links[i]
	t := p.at + p.target
	h := t + p.heading
	l := h + p.label
	return Link{
		Target: d.linkText[p.at:t], Heading: d.linkText[t:h], Label: d.linkText[h:l], Dest: d.linkText[l : l+p.dest],
		Embed: p.embed, Kind: p.kind, Pos: diag.Pos{Line: int(p.line), Col: int(p.col)},
	}
}

// Links returns all the document's wikilinks, in the order written.
func (d *Document) Links() []Link {
	out := make([]Link, len(d.links))
	for i := range out {
		out[i] = d.Link(i)
	}
	return out
}

// Link is a wikilink, or a Markdown link or image to a file of the
// site, as written, with its place.
type Link struct {
	Target  string // "" for a heading of the same page; for a Markdown link, the path it gives, decoded
	Heading string
	Label   string
	Embed   bool
	Kind    LinkKind
	Dest    string   // a Markdown link's destination as written, for a link left as it is
	Pos     diag.Pos // in the file
}

// LinkKind says how a link was written, and so what its hole is for.
type LinkKind uint8

const (
	// Wiki is [[target]]: its hole takes the whole link.
	Wiki LinkKind = iota
	// MarkdownLink is [text](path), a path relative to the page's file:
	// its hole takes the href.
	MarkdownLink
	// MarkdownImage is ![alt](path): its hole takes the src.
	MarkdownImage
)

// Shown is what a reader sees of the link without its target: the label,
// or the target as written ("China", "EU AI Act > Timeline").
func (l Link) Shown() string {
	switch {
	case l.Label != "":
		return l.Label
	case l.Heading == "":
		return l.Target
	case l.Target == "":
		return l.Heading
	}
	return l.Target + " > " + l.Heading
}

// DestHTML is a Markdown link's destination as goldmark writes it, for
// one that is left as written.
func (l Link) DestHTML() []byte { return util.EscapeHTML(util.URLEscape([]byte(l.Dest), true)) }

// Context is the sentence around a link, for the target's backlinks.
type Context struct {
	Before, Link, After string
}

// Heading is a heading of the body, with the id its anchor has.
type Heading struct {
	Level int
	ID    string
	Text  string
	// Key is the slug of Text, what a link's "#heading" is compared with:
	// the ID without the "-1" that sets a repeated heading apart.
	Key string
}

// Writer is the goldmark output buffer that records the holes wikilinks
// leave. It implements goldmark's util.BufWriter without buffering, so
// that Len is the true offset.
type Writer struct {
	bytes.Buffer
	holes   []Hole
	scratch scratch // collect's, pooled with the writer
	links   wikilinkNodes
	chunks  chunks
}

// Buffered implements util.BufWriter: nothing is held back.
func (w *Writer) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (w *Writer) Flush() error { return nil }

// Convert converts a page body. firstLine is the file line on which the
// body starts, so that links know their place in the file.
func (c *Converter) Convert(body []byte, firstLine int) (*Document, error) {
	return c.ConvertThen(body, firstLine, nil)
}

// ConvertThen converts a page body and hands the document to then while
// its HTML, text and sentences still lie in the converter's buffers, to
// be spilled from there (a document that then leaves with any of them
// gets its own copy).
func (c *Converter) ConvertThen(body []byte, firstLine int, then func(*Document) error) (*Document, error) {
	w := c.writers.Get().(*Writer)
	defer func() {
		w.Reset()
		w.holes = w.holes[:0]
		clear(w.scratch.headingIDs) // its keys would keep this page's tree alive in the pool
		w.links.reset()
		c.writers.Put(w)
	}()
	w.scratch.chunks = nil
	if c.chunked {
		w.scratch.chunks = &w.chunks
	}
	doc, err := c.convert(c.parser(body), body, firstLine, w)
	if err != nil {
		return nil, err
	}
	// Copies of exact size: a site keeps every page's HTML until it is
	// rendered, if then has not spilled it.
	doc.HTML = w.Bytes()
	if c.chunked {
		doc.Holes = w.chunks.holes.Copy(w.holes)
	} else {
		doc.Holes = slices.Clone(w.holes)
	}
	if then != nil {
		err = then(doc)
	}
	if doc.HTML != nil {
		doc.HTML = bytes.Clone(doc.HTML)
	}
	doc.Text, doc.contextText = strings.Clone(doc.Text), strings.Clone(doc.contextText)
	return doc, err
}

// convert parses body with p and renders it into w. A panic while the Markdown is
// parsed or rendered (in goldmark, chroma or an extension, on some text
// no test foresaw) is a problem of the page, not the end of the build.
func (c *Converter) convert(p parser.Parser, body []byte, firstLine int, w *Writer) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("this text could not be converted (%v); please report it, with the page", r)
		}
	}()
	pc := parser.NewContext()
	pc.Set(wikilinkNodesKey, &w.links)
	root := p.Parse(text.NewReader(body), parser.WithContext(pc))
	doc = collect(root, body, firstLine, &w.scratch)
	if err := c.md.Renderer().Render(w, body, root); err != nil {
		return nil, err
	}
	return doc, nil
}

// Fill writes the document's HTML to dst with each hole filled by link.
// buf is scratch space for a spooled document's HTML.
func (d *Document) Fill(dst *bytes.Buffer, buf []byte, link func(dst *bytes.Buffer, i int)) error {
	html, err := d.Body(buf)
	if err != nil {
		return err
	}
	prev := 0
	for _, h := range d.Holes {
		dst.Write(html[prev:int(h.Offset)])
		link(dst, int(h.Link))
		prev = int(h.Offset)
	}
	dst.Write(html[prev:])
	return nil
}
