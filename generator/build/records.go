package build

import (
	"encoding/binary"
	"hash/maphash"
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
// page's document holds anyway (see render.Renderer.AppendSearchHead),
// with a hash of both, from which search.json's checksum is made.
type searchRecord struct {
	head []byte
	text string
	sum  uint64
}

// searchRecords are the pages' entries of search.json, in id order, as
// records are. Their hashes are made with seed, a live site's own, so
// that the checksums of two runs of the lists compare.
type searchRecords struct {
	mem  []searchRecord
	seed maphash.Seed
}

func newSearchRecords(n int, seed maphash.Seed) *searchRecords {
	return &searchRecords{mem: make([]searchRecord, n), seed: seed}
}

// make stores the entry of page i that head appends to the bytes it is
// given, with the text it returns. Pages may be made concurrently.
func (r *searchRecords) make(i int, head func(dst []byte) ([]byte, string, error)) error {
	b, text, err := head(nil)
	var h maphash.Hash
	h.SetSeed(r.seed)
	h.Write(b)
	h.WriteByte(0)
	h.WriteString(text)
	r.mem[i] = searchRecord{b, text, h.Sum64()}
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

// writeSums writes every entry's hash: a checksum of them changes
// whenever search.json does. Writing the entries themselves through the
// checksum, as before, was most of a run of the lists at 100,000 pages
// (412 MB, some 300 ms a run, after every save).
func (r *searchRecords) writeSums(w io.Writer) error {
	buf := make([]byte, 0, 8*len(r.mem))
	for _, rec := range r.mem {
		buf = binary.LittleEndian.AppendUint64(buf, rec.sum)
	}
	_, err := w.Write(buf)
	return err
}
