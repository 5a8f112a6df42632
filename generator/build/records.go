package build

import (
	"io"

	"github.com/kbgen/kb/generator/render"
)

// records are the pages' entries of graph.json (and, as searchRecords,
// of search.json), in id order, kept in memory by a live site, which
// writes the two files again after each update from the records of the
// pages it did not re-render.
// (A one-off build writes each file as its records are made; see
// Site.Render.)
type records struct {
	mem [][]byte
}

func newRecords(n int) *records { return &records{mem: make([][]byte, n)} }

// make stores the record of page i that appendTo appends to the bytes it
// is given. Pages may be made concurrently.
func (r *records) make(i int, appendTo func(dst []byte) ([]byte, error)) error {
	b, err := appendTo(nil)
	r.mem[i] = b
	return err
}

func (r *records) len() int { return len(r.mem) }

// write writes record i to w.
func (r *records) write(i int, w io.Writer) error {
	_, err := w.Write(r.mem[i])
	return err
}

// searchRecord is a page's entry of search.json as a live site keeps it:
// the entry but for the page's plain text, and the text, a string the
// page's document holds anyway (see render.Renderer.AppendSearchHead).
type searchRecord struct {
	head []byte
	text string
}

// searchRecords are the pages' entries of search.json, in id order, as
// records are.
type searchRecords struct {
	mem []searchRecord
}

func newSearchRecords(n int) *searchRecords { return &searchRecords{mem: make([]searchRecord, n)} }

// make stores the entry of page i that head appends to the bytes it is
// given, with the text it returns. Pages may be made concurrently.
func (r *searchRecords) make(i int, head func(dst []byte) ([]byte, string, error)) error {
	b, text, err := head(nil)
	r.mem[i] = searchRecord{b, text}
	return err
}

func (r *searchRecords) len() int { return len(r.mem) }

// writer returns what writes whole entries to w, with a buffer of its
// own: search.json may be asked for by two browsers at once.
func (r *searchRecords) writer() func(i int, w io.Writer) error {
	var buf []byte
	return func(i int, w io.Writer) error {
		buf = render.AppendSearchText(append(buf[:0], r.mem[i].head...), r.mem[i].text)
		_, err := w.Write(buf)
		return err
	}
}

// writeUnescaped writes every entry's head and text as they are kept,
// each followed by a byte no JSON or text holds: a checksum of it
// changes whenever search.json does, and it costs no escaping. (Each
// entry is copied into one buffer: a string written to a hash as it is
// would be copied into a new slice each time.)
func (r *searchRecords) writeUnescaped(w io.Writer) error {
	var buf []byte
	for _, rec := range r.mem {
		buf = append(append(append(buf[:0], rec.head...), rec.text...), 0)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}
