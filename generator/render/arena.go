package render

import (
	"bytes"
	"html/template"
	"unsafe"

	"github.com/kbgen/kb/generator/markdown"
)

// arena holds the text made for one page while the page is written: its
// body with the links filled in, its fragments and the sentences of its
// backlinks. They are most of what
// rendering a page allocates, none of them outlives the page, and the
// arena's buffers are reused for the next one: the strings handed to the
// template point into them (unsafe.String), so an arena must not be put
// back until the page that used it is written. Only WritePage and Page
// take and put back arenas.
type arena struct {
	frags   []byte
	body    bytes.Buffer
	text    []byte // the sentences of the page's backlinks
	scratch []byte // a spooled body, read back before it is filled

	// The page's lists: its timeline's lines and entries, its backlinks
	// and their sentences. A hub's run to thousands; at 100,000 pages
	// they were a quarter of what rendering allocated.
	lines     []timelineLine
	entries   []Entry
	backlinks []Backlink
	contexts  []markdown.Context
	touched   byte // see Renderer.touch
}

func (r *Renderer) getArena() *arena { return r.arenas.Get().(*arena) }

func (r *Renderer) putArena(a *arena) {
	a.frags = a.frags[:0]
	a.text = a.text[:0]
	a.lines, a.entries = a.lines[:0], a.entries[:0]
	a.backlinks, a.contexts = a.backlinks[:0], a.contexts[:0]
	a.body.Reset()
	r.arenas.Put(a)
}

// fragment writes one fragment after the arena's others. An earlier
// fragment stays valid when the buffer grows: it points into the old
// array, which it keeps alive.
func (a *arena) fragment(v *PageView, write func(*html, *PageView)) template.HTML {
	b := html{buf: a.frags}
	start := len(b.buf)
	write(&b, v)
	a.frags = b.buf
	return arenaString(a.frags[start:])
}

func arenaString(b []byte) template.HTML { return template.HTML(arenaText(b)) }

// arenaText is b as a string that shares its bytes: b must not change
// while the string is in use.
func arenaText(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
