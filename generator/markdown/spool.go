package markdown

import (
	"encoding/binary"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kbgen/kb/generator/parallel"
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

// Sentences returns the sentences around the document's links, one after
// another, when they are in memory, and "" when they were spilled: the
// sentence around link i is Sentences()[ContextSpan(i)], as
// AppendLinkContext reads it.
func (d *Document) Sentences() string {
	if d.spilledContexts {
		return ""
	}
	return d.contextText
}

// ContextSpan is where the sentence around link i lies in the document's
// sentences, in memory (Sentences) or spilled.
func (d *Document) ContextSpan(i int) (from, to int32) { return d.contexts[i], d.contexts[i+1] }

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
	from, to := d.ContextSpan(i)
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

// LinkRef is link Link of the document docs[Doc], in a call of Gather.
type LinkRef struct {
	Doc  int
	Link int
}

// gatherStep is how many targets a core takes at a time in Gather.
const gatherStep = 512

// Gather puts the sentences of the links to each document's page next to
// each other in sp, so that the page reads them with one read
// (AppendGathered, NextGathered) instead of one a link: refs(t) yields
// the links to docs[t], in the order the page shows them, and may be
// called on several cores at once. A 100,000-page build that spools its link sentences
// shows 1.5 million of them: as many system calls, a tenth of the build,
// where gathering them takes one read for each linking page and window of
// window bytes, and one for each page shown. Every document must have
// been spilled to sp; a nil one is left as it is, and may link to none.
func Gather(sp *spool.Spool, docs []*Document, refs func(t int) iter.Seq[LinkRef], window int) error {
	type copyOp struct {
		src      int32 // in docs
		from, to int32 // in src's sentences
		dst      int   // in its part, then in buf
	}
	type part struct {
		lo, hi int // the targets
		ops    []copyOp
		size   int
	}
	var buf []byte
	var ops []copyOp // the window's, by source
	// The parts' ops of windows done, for the next window's parts: grown
	// anew for each part, they were 160 MB of garbage at 100,000 pages,
	// made while the memory limit is near.
	var free [][]copyOp
	at := make([]int, len(docs)+1)
	scratch := sync.Pool{New: func() any { return new([]byte) }}
	for first := 0; first < len(docs); {
		// The window: parts of gatherStep targets, a core each, until
		// their sentences fill window bytes.
		var parts []part
		size, end := 0, first
		for end < len(docs) && (end == first || size < window) {
			batch := make([]part, min(4*runtime.GOMAXPROCS(0), (len(docs)-end+gatherStep-1)/gatherStep))
			for k := range batch {
				batch[k].lo = end + k*gatherStep
				batch[k].hi = min(batch[k].lo+gatherStep, len(docs))
				if n := len(free); n > 0 {
					batch[k].ops, free = free[n-1][:0], free[:n-1]
				}
			}
			err := parallel.Each(len(batch), func(k int) error {
				p := &batch[k]
				for t := p.lo; t < p.hi; t++ {
					d := docs[t]
					if d == nil {
						continue
					}
					if d.spool != sp {
						return fmt.Errorf("markdown: gathering sentences for a page that is not in the spool")
					}
					start := p.size
					for r := range refs(t) {
						if docs[r.Doc] == nil {
							return fmt.Errorf("markdown: gathering the sentence of a link from a page left out")
						}
						c := docs[r.Doc].contexts
						from, to := c[r.Link], c[r.Link+1]
						p.ops = append(p.ops, copyOp{src: int32(r.Doc), from: from, to: to, dst: p.size})
						p.size += gatheredLen(int(to - from))
					}
					d.gathered = spool.Extent{Off: int64(start), Len: int64(p.size - start)}
				}
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range batch {
				size += p.size
			}
			parts, end = append(parts, batch...), batch[len(batch)-1].hi
		}
		// Sorted by source (counting), each part's places moved into buf.
		clear(at)
		n, base := 0, 0
		for _, p := range parts {
			for _, op := range p.ops {
				at[op.src+1]++
			}
			n += len(p.ops)
		}
		for i := 1; i < len(at); i++ {
			at[i] += at[i-1]
		}
		ops = slices.Grow(ops[:0], n)[:n]
		next := slices.Clone(at)
		for _, p := range parts {
			for _, op := range p.ops {
				op.dst += base
				ops[next[op.src]] = op
				next[op.src]++
			}
			base += p.size
		}
		buf = slices.Grow(buf[:0], size)[:size]
		// One read for each linking document.
		err := parallel.Each(len(docs), func(s int) error {
			mine := ops[at[s]:at[s+1]]
			if len(mine) == 0 {
				return nil
			}
			src := docs[s]
			if !src.spilledContexts {
				for _, op := range mine {
					putGathered(buf[op.dst:], src.contextText[op.from:op.to])
				}
				return nil
			}
			p := scratch.Get().(*[]byte)
			defer scratch.Put(p)
			text, err := src.spool.Read(spool.Extent{Off: src.contextsAt, Len: int64(src.contexts[len(src.contexts)-1])}, *p)
			if err != nil {
				return err
			}
			*p = text
			for _, op := range mine {
				putGathered(buf[op.dst:], text[op.from:op.to])
			}
			return nil
		})
		if err != nil {
			return err
		}
		e, err := sp.Append(buf)
		if err != nil {
			return err
		}
		// Each target's place, so far in its part, is now in the spool.
		base = 0
		for _, p := range parts {
			for t := p.lo; t < p.hi; t++ {
				if docs[t] != nil {
					docs[t].gathered.Off += e.Off + int64(base)
					docs[t].gatheredDone = true
				}
			}
			base += p.size
			free = append(free, p.ops)
		}
		first = end
	}
	return nil
}

// Gathered sentences are each their length (a uvarint) and their bytes,
// so that the page reading them need not look at the linking pages'
// documents to find where each ends: at 100,000 pages those 1.5 million
// look-ups, each a cache miss, took 1.4 s.

// gatheredLen is the room a sentence of n bytes takes, gathered.
func gatheredLen(n int) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], uint64(n)) + n
}

// putGathered writes a sentence at the start of dst, gathered.
func putGathered[S string | []byte](dst []byte, sentence S) {
	k := binary.PutUvarint(dst, uint64(len(sentence)))
	copy(dst[k:], sentence)
}

// NextGathered splits the first sentence off sentences that
// AppendGathered wrote, as AppendLinkContext writes it; ok is false when
// there is none, or it is damaged.
func NextGathered(sentences []byte) (sentence, rest []byte, ok bool) {
	n, k := binary.Uvarint(sentences)
	if k <= 0 || n > uint64(len(sentences)-k) {
		return nil, sentences, false
	}
	end := k + int(n)
	return sentences[k:end:end], sentences[end:], true
}

// AppendGathered appends to dst the sentences Gather put together for the
// document's page, and reports whether it did; NextGathered takes them
// one at a time.
func (d *Document) AppendGathered(dst []byte) ([]byte, bool, error) {
	if !d.gatheredDone {
		return dst, false, nil
	}
	n := int(d.gathered.Len)
	dst = slices.Grow(dst, n)
	if n > 0 {
		if _, err := d.spool.Read(d.gathered, dst[len(dst):len(dst)+n]); err != nil {
			return dst, true, err
		}
	}
	return dst[:len(dst)+n], true, nil
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

// Release drops what only the page's own rendering reads: its holes,
// headings and links (the sentences around the links stay, for the pages
// they link to). See graph.Node.Release.
func (d *Document) Release() {
	d.Holes, d.Headings, d.Blocks, d.links, d.linkText = nil, nil, nil, nil, ""
}

// SameContexts reports whether two documents in memory have the same
// sentences around their links.
func (d *Document) SameContexts(o *Document) bool {
	return d.contextText == o.contextText && slices.Equal(d.contexts, o.contexts)
}
