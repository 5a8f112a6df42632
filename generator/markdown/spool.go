package markdown

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/spool"
)

// Spill moves a document's HTML and text into sp, to wait there until
// they are rendered, and with contexts the sentences around its links too,
// keeping only where each is. Other pages read the sentences for their
// backlinks, one read each: worth it only when they are too many to keep.
// buf is scratch space, returned for the next call.
func (d *Document) Spill(sp *spool.Spool, contexts bool, buf []byte) ([]byte, error) {
	b := append(append(buf[:0], d.HTML...), d.Text...)
	if contexts {
		b = append(b, d.contextText...)
	}
	e, err := sp.Append(b)
	if err != nil {
		return b, err
	}
	d.spool = sp
	d.html = spool.Extent{Off: e.Off, Len: int64(len(d.HTML))}
	d.text = spool.Extent{Off: d.html.Off + d.html.Len, Len: int64(len(d.Text))}
	d.HTML, d.Text = nil, ""
	if contexts {
		d.contextsAt, d.spilledContexts = d.text.Off+d.text.Len, true
		d.contextText = ""
	}
	return b, nil
}

// BodyLen is the length of the document's HTML.
func (d *Document) BodyLen() int {
	if d.spool == nil {
		return len(d.HTML)
	}
	return int(d.html.Len)
}

// Body returns the document's HTML, from memory or from its spool, using
// buf when it must read.
func (d *Document) Body(buf []byte) ([]byte, error) {
	if d.spool == nil {
		return d.HTML, nil
	}
	return d.spool.Read(d.html, buf)
}

// PlainText returns the document's text, from memory or from its spool.
func (d *Document) PlainText() (string, error) {
	if d.spool == nil {
		return d.Text, nil
	}
	b, err := d.spool.Read(d.text, nil)
	return string(b), err
}

// LinkContext returns the sentence around link i, from memory or from the
// document's spool.
func (d *Document) LinkContext(i int) (Context, error) {
	b, err := d.AppendLinkContext(nil, i)
	if err != nil {
		return Context{}, err
	}
	return SplitContext(string(b))
}

// AppendLinkContext appends the sentence around link i to dst, as
// SplitContext reads it, from memory or from the document's spool: a
// page showing many backlinks reads them all into one buffer instead of
// making strings for each.
func (d *Document) AppendLinkContext(dst []byte, i int) ([]byte, error) {
	from, to := d.contexts[i], d.contexts[i+1]
	if !d.spilledContexts {
		return append(dst, d.contextText[from:to]...), nil
	}
	n := int(to - from)
	dst = slices.Grow(dst, n)
	if _, err := d.spool.Read(spool.Extent{Off: d.contextsAt + int64(from), Len: int64(n)}, dst[len(dst):cap(dst)]); err != nil {
		return dst, err
	}
	return dst[:len(dst)+n], nil
}

// SplitContext splits a sentence as AppendLinkContext writes it.
func SplitContext(s string) (Context, error) {
	before, rest, ok1 := strings.Cut(s, "\x00")
	link, after, ok2 := strings.Cut(rest, "\x00")
	if !ok1 || !ok2 {
		return Context{}, fmt.Errorf("spool: a damaged context")
	}
	return Context{Before: before, Link: link, After: after}, nil
}

// SameContexts reports whether two documents in memory have the same
// sentences around their links.
func (d *Document) SameContexts(o *Document) bool {
	return d.contextText == o.contextText && slices.Equal(d.contexts, o.contexts)
}
