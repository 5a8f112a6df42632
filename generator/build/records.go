package build

import (
	"io"

	"github.com/kbgen/kb/generator/spool"
)

// records are the pages' entries of search.json or graph.json, in id
// order: in memory, or in a spool when the site spools.
type records struct {
	sp  *spool.Spool
	mem [][]byte
	at  []spool.Extent
	buf []byte // for reading a record back; write is called by one goroutine
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
		return &records{sp: sp, at: make([]spool.Extent, n)}
	}
	return &records{mem: make([][]byte, n)}
}

// set stores the record of page i. Pages may be set concurrently.
func (r *records) set(i int, b []byte) error {
	if r.sp == nil {
		r.mem[i] = b
		return nil
	}
	e, err := r.sp.Append(b)
	r.at[i] = e
	return err
}

func (r *records) len() int { return max(len(r.mem), len(r.at)) }

// write writes record i to w.
func (r *records) write(i int, w io.Writer) error {
	if r.sp == nil {
		_, err := w.Write(r.mem[i])
		return err
	}
	var err error
	r.buf, err = r.sp.CopyTo(w, r.at[i], r.buf)
	return err
}
