package markdown

import (
	"fmt"
	"strings"

	"github.com/kbgen/kb/generator/spool"
)

// Spill moves a document's HTML, text and link contexts into sp, to wait
// there until the page is rendered.
func (d *Document) Spill(sp *spool.Spool) error {
	b := make([]byte, 0, len(d.HTML)+len(d.Text)+200*len(d.Links))
	b = append(b, d.HTML...)
	b = append(b, d.Text...)
	d.contexts = make([]int32, 0, len(d.Links)+1)
	for i := range d.Links {
		c := &d.Links[i].Context
		d.contexts = append(d.contexts, int32(len(b)))
		b = append(b, c.Before...)
		b = append(b, 0)
		b = append(b, c.Link...)
		b = append(b, 0)
		b = append(b, c.After...)
		*c = Context{}
	}
	d.contexts = append(d.contexts, int32(len(b)))
	e, err := sp.Append(b)
	if err != nil {
		return err
	}
	d.spool = sp
	d.html = spool.Extent{Off: e.Off, Len: int64(len(d.HTML))}
	d.text = spool.Extent{Off: e.Off + int64(len(d.HTML)), Len: int64(len(d.Text))}
	d.base = e.Off
	d.HTML, d.Text = nil, ""
	return nil
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
	if d.spool == nil {
		return d.Links[i].Context, nil
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
