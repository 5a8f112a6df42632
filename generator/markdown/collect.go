package markdown

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/slug"
	"github.com/kbgen/kb/generator/strblock"
)

// collector walks a parsed body once for what the graph needs: the links
// with their places and sentences, the headings with unique ids, and the
// plain text.
type collector struct {
	src       []byte
	firstLine int
	indexed   bool // whether scratch.lines indexes src: done when the first link needs its place
	doc       *Document
	*scratch
}

// scratch is what collect builds a document's parts in, reused page to
// page; the document gets exact-size copies, since a site keeps every
// page's until it is rendered.
type scratch struct {
	text     []byte          // the plain text so far
	links    []packedLink    // the links so far
	linkText []byte          // their strings, as Document.linkText
	contexts []byte          // their sentences, packed as Document.contextText
	at       []int32         // where each link's sentence starts in contexts
	ids      map[string]bool // the heading ids so far
	// headingIDs are the ids given to headings, for blockRenderer, which
	// renders the document with the same scratch.
	headingIDs map[*ast.Heading]string
	lines      diag.Lines   // the source's lines, for links' places
	block      bytes.Buffer // the plain text of the block being read
	spans      []span       // where the block's links are in it
	// chunks is where the document's parts go when the converter is
	// Chunked, or nil for parts of their own.
	chunks *chunks
}

// collect reads what the graph needs from a parsed body, building it in s.
func collect(root ast.Node, src []byte, firstLine int, s *scratch) *Document {
	s.text, s.links, s.linkText, s.contexts, s.at = s.text[:0], s.links[:0], s.linkText[:0], s.contexts[:0], s.at[:0]
	if s.ids == nil {
		s.ids, s.headingIDs = map[string]bool{}, map[*ast.Heading]string{}
	}
	clear(s.ids)
	clear(s.headingIDs)
	doc := &Document{}
	if s.chunks != nil {
		doc = s.chunks.docs.New()
	}
	c := &collector{src: src, doc: doc, firstLine: firstLine, scratch: s}
	// Each block of text is read as a whole, for headings, links and their
	// sentences, and search; links get their index in the order written.
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, east.KindTableCell, KindCalloutTitle:
			c.readBlock(n)
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	packHeadings(c.doc.Headings, s.chunks)
	// Text and contextText are views of s until ConvertThen copies them:
	// a spooling build moves both elsewhere first.
	c.doc.Text = view(bytes.TrimSpace(s.text))
	c.contextsUpTo(len(s.links))
	s.at = append(s.at, int32(len(s.contexts))) // where the last sentence ends
	if k := s.chunks; k != nil {
		c.doc.Headings = k.headings.Copy(c.doc.Headings)
		c.doc.links, c.doc.linkText = k.links.Copy(s.links), k.string(view(s.linkText))
		c.doc.contexts = k.offsets.Copy(s.at)
	} else {
		c.doc.links, c.doc.linkText = slices.Clone(s.links), string(s.linkText)
		c.doc.contexts = slices.Clone(s.at)
	}
	c.doc.contextText = view(s.contexts)
	return c.doc
}

// packHeadings moves the headings' strings into one block, or into
// chunks when the converter is chunked: a site keeps every page's headings
// to the end of the build, for the links to them and the contents (see
// package strblock).
func packHeadings(hs []Heading, chunks *chunks) {
	var keep func(string) string
	if chunks != nil {
		keep = chunks.string
	} else {
		n := 0
		for _, h := range hs {
			n += len(h.Text) + len(h.ID)
			if !strings.HasPrefix(h.ID, h.Key) {
				n += len(h.Key)
			}
		}
		k := strblock.Make(n)
		keep = k.String
	}
	for i := range hs {
		h := &hs[i]
		h.Text, h.ID = keep(h.Text), keep(h.ID)
		if strings.HasPrefix(h.ID, h.Key) {
			h.Key = h.ID[:len(h.Key)]
		} else {
			h.Key = keep(h.Key)
		}
	}
}

// view is b as a string, sharing its bytes: it must not outlive b's
// next change.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// addContext packs the sentence around the next link as
// "before\x00link\x00after".
func (c *collector) addContext(ctx Context) {
	c.at = append(c.at, int32(len(c.contexts)))
	c.contexts = append(c.contexts, ctx.Before...)
	c.contexts = append(c.contexts, 0)
	c.contexts = append(c.contexts, ctx.Link...)
	c.contexts = append(c.contexts, 0)
	c.contexts = append(c.contexts, ctx.After...)
}

// contextsUpTo gives every link before link n a sentence, an empty one
// for any whose block had none to give.
func (c *collector) contextsUpTo(n int) {
	for len(c.at) < n {
		c.addContext(Context{})
	}
}

// link registers a wikilink as the document's next.
func (c *collector) link(wl *Wikilink) {
	wl.Index = c.pack(Link{Target: wl.Target, Heading: wl.Heading, Label: wl.Label, Embed: wl.Embed}, wl.Offset)
}

// localLink registers a Markdown link or image to a path as the
// document's next link, and marks the node for a hole; see localPath.
func (c *collector) localLink(kind LinkKind, target, fragment string, dest []byte, n ast.Node) int {
	index := c.pack(Link{Target: target, Heading: fragment, Dest: string(dest), Kind: kind}, startOf(n, c.src))
	n.SetAttributeString(holeAttr, index)
	return index
}

// pack adds l, which starts at offset in the source, to the document's
// links, its strings to the one string they are kept in (see
// Document.Link), and returns its index.
func (c *collector) pack(l Link, offset int) int {
	if !c.indexed {
		c.lines.Index(c.src, c.firstLine)
		c.indexed = true
	}
	pos := c.lines.Pos(offset)
	c.links = append(c.links, packedLink{
		at:     int32(len(c.linkText)),
		target: int32(len(l.Target)), heading: int32(len(l.Heading)), label: int32(len(l.Label)), dest: int32(len(l.Dest)),
		line: int32(pos.Line), col: int32(pos.Col), embed: l.Embed, kind: l.Kind,
	})
	c.linkText = append(append(append(append(c.linkText, l.Target...), l.Heading...), l.Label...), l.Dest...)
	return len(c.links) - 1
}

// startOf is where an inline node's source starts, for its place in the
// file: the "[" (or "!") before its first text, or, for a link with no
// text, its first text's start as near as goldmark tells.
func startOf(n ast.Node, src []byte) int {
	for ch := n.FirstChild(); ch != nil; ch = ch.FirstChild() {
		if t, ok := ch.(*ast.Text); ok {
			at := t.Segment.Start - 1 // the "["
			if _, image := n.(*ast.Image); image && at > 0 && src[at-1] == '!' {
				at--
			}
			return max(at, 0)
		}
	}
	// The block the link is in (an image with no text may sit in a link,
	// an inline node, which has no lines).
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			if p.Lines().Len() > 0 {
				return p.Lines().At(0).Start
			}
			break
		}
	}
	return 0
}

// blockIDMark finds an Obsidian block id at the end of a block's last
// line ("... text ^claim-1"): where the mark starts (at its space or tab,
// or at the '^' that starts the text) and the id, or -1. It matches as
// `(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$` does (TestBlockIDMark), which
// ran on every paragraph and scanned the whole of it: 1% of a build.
func blockIDMark(v []byte) (start int, id []byte) {
	end := len(bytes.TrimRight(v, " \t"))
	p := bytes.LastIndexByte(v[:end], '^')
	if p < 0 || p+1 == end {
		return -1, nil
	}
	for _, c := range v[p+1 : end] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return -1, nil
		}
	}
	switch {
	case p == 0:
		return 0, v[1:end]
	case v[p-1] == ' ' || v[p-1] == '\t':
		return p - 1, v[p+1 : end]
	}
	return -1, nil
}

// blockID takes an Obsidian block id off the end of a paragraph (or a
// list item's text), for [[page#^id]] to link to: the block gets the
// anchor "^id" (a list item's text gives it to the item), and the mark
// is not shown.
func (c *collector) blockID(n ast.Node) {
	t := lastText(n)
	if t == nil {
		return
	}
	v := t.Segment.Value(c.src)
	start, mark := blockIDMark(v)
	if start < 0 {
		return
	}
	id := string(mark)
	t.Segment = t.Segment.WithStop(t.Segment.Start + start)
	anchor := n
	if n.Kind() == ast.KindTextBlock && n.Parent() != nil && n.Parent().Kind() == ast.KindListItem {
		anchor = n.Parent()
	}
	anchor.SetAttributeString("id", "^"+id) // a string: goldmark prints either, and []byte would copy it
	c.doc.Blocks = append(c.doc.Blocks, id)
}

// span is where a link's text sits in a block's plain text.
type span struct{ link, start, end int }

// readBlock reads a block of text: its plain text into the document's,
// its heading id or lead, and its links' sentences.
func (c *collector) readBlock(n ast.Node) {
	c.block.Reset()
	c.spans = c.spans[:0]
	if n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock {
		c.blockID(n)
	}
	c.inline(n)
	text := bytes.TrimSpace(c.block.Bytes())
	if len(text) == 0 {
		return
	}
	if len(c.text) > 0 {
		c.text = append(c.text, '\n') // where a block ends, for search's quotations
	}
	c.text = append(c.text, text...)
	switch h := n.(type) {
	case *ast.Heading:
		t := string(text)
		key := slug.Make(t)
		id := c.uniqueID(key)
		c.headingIDs[h] = id
		c.doc.Headings = append(c.doc.Headings, Heading{Level: h.Level, ID: id, Text: t, Key: key})
	case *ast.Paragraph:
		if c.doc.Lead == "" && n.Parent() != nil && n.Parent().Kind() == ast.KindDocument {
			if c.doc.Lead = Truncate(string(text), 300); len(c.doc.Lead) < len(text) {
				c.doc.Lead = strings.Clone(c.doc.Lead) // not the whole paragraph
			}
		}
	}
	if len(c.spans) > 0 {
		// The sentences are cut from the block's bytes and packed before
		// the block buffer is used again.
		full := view(c.block.Bytes())
		for _, s := range c.spans {
			c.contextsUpTo(s.link)
			c.addContext(sentence(full, s.start, s.end))
		}
	}
}

// inline writes the plain text of n's inline children, noting where links go.
func (c *collector) inline(n ast.Node) {
	b := &c.block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch t := ch.(type) {
		case *ast.Text:
			v := t.Segment.Value(c.src)
			if !t.IsRaw() && bytes.ContainsAny(v, "\\&") {
				// As goldmark's renderer does: "Q\&A" and "AT&amp;T" read "Q&A", "AT&T".
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *Wikilink:
			c.link(t)
			start := b.Len()
			b.WriteString(t.Shown())
			c.spans = append(c.spans, span{t.Index, start, b.Len()})
		case *ast.Link:
			target, fragment, local := localPath(t.Destination)
			if !local {
				c.inline(ch)
				continue
			}
			// The span goes in before the text's own links (a wikilink in
			// the link's text), whose sentences come after this one's.
			index := c.localLink(MarkdownLink, target, fragment, t.Destination, ch)
			c.spans = append(c.spans, span{index, b.Len(), 0})
			at := len(c.spans) - 1
			c.inline(ch)
			c.spans[at].end = b.Len()
		case *ast.Image:
			if target, fragment, local := localPath(t.Destination); local {
				c.localLink(MarkdownImage, target, fragment, t.Destination, ch)
			}
			c.inline(ch)
		case *Tag:
			c.doc.Tags = append(c.doc.Tags, t.Name)
			b.WriteString("#" + t.Name)
		case *ast.AutoLink:
			b.Write(t.Label(c.src))
		case *ast.RawHTML, *east.TaskCheckBox:
		default:
			c.inline(ch)
		}
	}
}

// uniqueID makes a heading's anchor from its key (its slug), with "-1",
// "-2" added when the page already has one.
func (c *collector) uniqueID(base string) string {
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; c.ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	c.ids[id] = true
	return id
}

// contextReach is how far sentence looks for the ends of a link's
// sentence. What it keeps is at most about 100 bytes on either side of
// the link, so past that only whether there is more matters; without a
// bound, a long block with no full stop (a paragraph of many links, a
// list run together) cost a scan of the whole block for every link.
const contextReach = 256

// sentence cuts the sentence around text[start:end] out of a block's text.
func sentence(text string, start, end int) Context {
	return sentenceWithin(text, start, end, contextReach)
}

// sentenceWithin is sentence looking at most reach bytes either way for
// the sentence's ends (reach must be over 100); the test gives it a reach
// past the whole text, to check that the bound changes nothing.
func sentenceWithin(text string, start, end, reach int) Context {
	from := 0
	for i := start - 1; i > 0; i-- {
		if isSentenceEnd(text, i) {
			from = i + 1
			break
		}
		// Far enough back, with more than 100 bytes of words between: the
		// start is cut off however far back it is.
		if i == start-reach && strings.TrimLeft(text[i:start-100], " ") != "" {
			from = i
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if isSentenceEnd(text, i) {
			to = i + 1
			break
		}
		if i == end+reach && strings.TrimRight(text[end+100:i], " ") != "" {
			to = i
			break
		}
	}
	before := strings.TrimLeft(text[from:start], " ")
	after := strings.TrimRight(text[end:to], " ")
	if len(before) > 100 {
		before = "…" + cutLeft(before, 100)
	}
	if len(after) > 100 {
		after = Truncate(after, 100)
	}
	return Context{Before: before, Link: text[start:end], After: after} // copied by addContext
}

// isSentenceEnd reports whether text[i] is the last byte of a sentence's
// final punctuation: ".", "!" or "?" before a space, or a CJK full stop.
func isSentenceEnd(text string, i int) bool {
	switch c := text[i]; {
	case c == '.' || c == '!' || c == '?':
		return i+1 < len(text) && text[i+1] == ' '
	case c < utf8.RuneSelf:
		return false
	}
	r, size := utf8.DecodeLastRuneInString(text[:i+1])
	return size > 1 && (r == '。' || r == '！' || r == '？')
}

// Truncate shortens s to at most about n bytes at a word boundary, adding "…".
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// cutLeft keeps the last n bytes of s or so, from a word boundary.
func cutLeft(s string, n int) string {
	cut := len(s) - n
	for cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut++
	}
	if i := strings.IndexByte(s[cut:], ' '); i >= 0 && i < n/2 {
		cut += i + 1
	}
	return s[cut:]
}
