package markdown

import (
	"fmt"
	"strings"

	"github.com/kbgen/kb/generator/spool"
)

// Spill moves a document's HTML and text into sp, to wait there until
// they are rendered, and with contexts the sentences around its links too,
// keeping only where each is. Other pages read the sentences for their
// backlinks, one read each: worth it only when they are too many to keep.
func (d *Document) Spill(sp *spool.Spool, contexts bool) error {
	if !contexts {
		b := make([]byte, 0, len(d.HTML)+len(d.Text))
		b = append(append(b, d.HTML...), d.Text...)
		e, err := sp.Append(b)
		if err != nil {
			return err
		}
		d.spool, d.base = sp, e.Off
		d.html = spool.Extent{Off: e.Off, Len: int64(len(d.HTML))}
		d.text = spool.Extent{Off: e.Off + int64(len(d.HTML)), Len: int64(len(d.Text))}
		d.HTML, d.Text = nil, ""
		return nil
	}
	size := len(d.HTML) + len(d.Text)
	for _, c := range d.Contexts {
		size += len(c.Before) + len(c.Link) + len(c.After) + 2
	}
	b := make([]byte, 0, size)
	b = append(b, d.HTML...)
	b = append(b, d.Text...)
	offsets := make([]int32, 0, len(d.Contexts)+1)
	for _, c := range d.Contexts {
		offsets = append(offsets, int32(len(b)))
		b = append(b, c.Before...)
		b = append(b, 0)
		b = append(b, c.Link...)
		b = append(b, 0)
		b = append(b, c.After...)
	}
	offsets = append(offsets, int32(len(b)))
	e, err := sp.Append(b)
	if err != nil {
		return err
	}
	d.spool, d.base, d.contexts = sp, e.Off, offsets
	d.html = spool.Extent{Off: e.Off, Len: int64(len(d.HTML))}
	d.text = spool.Extent{Off: e.Off + int64(len(d.HTML)), Len: int64(len(d.Text))}
	d.HTML, d.Text, d.Contexts = nil, "", nil
	return nil
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
	if d.Contexts != nil {
		return d.Contexts[i], nil
	}
	from, to := d.contexts[i], d.contexts[i+1]
	b, err := d.spool.Read(spool.Extent{Off: d.base + int64(from), Len: int64(to - from)}, nil)
	if err != nil {
		return Context{}, err
	}
	parts := strings.SplitN(string(b), "\x00", 3)
	if len(parts) != 3 {
		return Context{}, fmt.Errorf("spool: a damaged context")
	}
	return Context{Before: parts[0], Link: parts[1], After: parts[2]}, nil
}
