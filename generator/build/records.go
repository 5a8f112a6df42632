package build

import (
	"io"
	"sync"

	"github.com/kbgen/kb/generator/spool"
)

// records are the pages' entries of search.json or graph.json, in id
// order: in memory, or in a spool when the site spools.
type records struct {
	sp   *spool.Spool
	mem  [][]byte
	at   []spool.Extent
	rd   *spool.Reader // reads records back in order; write is called by one goroutine
	bufs sync.Pool     // of *[]byte, for making records to spool
	// spooled marks the records put in the spool before rendering (see
	// setSpooled), when there are any.
	spooled []bool
}

// setSpooled takes record i from where it was spooled.
func (r *records) setSpooled(i int, e spool.Extent) {
	if r.spooled == nil {
		r.spooled = make([]bool, len(r.at))
	}
	r.at[i], r.spooled[i] = e, true
}

// has says whether record i was set by setSpooled.
func (r *records) has(i int) bool { return r.spooled != nil && r.spooled[i] }

func newRecords(sp *spool.Spool, n int) *records {
	if sp != nil {
		return &records{sp: sp, at: make([]spool.Extent, n), bufs: sync.Pool{New: func() any { return new([]byte) }}}
	}
	return &records{mem: make([][]byte, n)}
}

// make stores the record of page i that appendTo appends to the bytes it
// is given. Pages may be made concurrently. A spooled record is made in a
// buffer reused for the next; one kept in memory keeps its own.
func (r *records) make(i int, appendTo func(dst []byte) ([]byte, error)) error {
	if r.sp == nil {
		b, err := appendTo(nil)
		r.mem[i] = b
		return err
	}
	buf := r.bufs.Get().(*[]byte)
	defer r.bufs.Put(buf)
	b, err := appendTo((*buf)[:0])
	*buf = b
	if err != nil {
		return err
	}
	r.at[i], err = r.sp.Append(b)
	return err
}

func (r *records) len() int { return max(len(r.mem), len(r.at)) }

// write writes record i to w.
func (r *records) write(i int, w io.Writer) error {
	if r.sp == nil {
		_, err := w.Write(r.mem[i])
		return err
	}
	if r.rd == nil {
		r.rd = r.sp.NewReader(readWindow)
	}
	return r.rd.CopyTo(w, r.at[i])
}

// readWindow is how much of the spool one read brings in while records
// are written out. graph.json's records were spooled one after another,
// two or three kilobytes each, and search.json's each before its page's
// HTML and text, some thirty kilobytes a page: 256 KB serves dozens of
// the one and several of the other.
const readWindow = 256 << 10
