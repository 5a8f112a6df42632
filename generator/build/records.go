package build

import "io"

// records are the pages' entries of search.json or graph.json, in id
// order, kept in memory by a live site, which writes the two files again
// after each update from the records of the pages it did not re-render.
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
