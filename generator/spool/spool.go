// Package spool keeps bytes in a temporary file instead of in memory. A
// build holds every page's HTML, text and index records between the
// stage that makes them and the stage that writes them; spooled, a
// 100,000-page build stays within a couple of gigabytes. The file is
// removed as soon as it is made, so nothing is left behind, however the
// process ends.
package spool

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// bufferSize is how much Append gathers before it writes: a build appends
// two or three pieces of a few kilobytes a page, and one write for each
// cost more than the copying (a system call and the file system's work
// for every piece, 3% of a 10,000-page build). 256 KB holds dozens of
// pages' pieces; 1 MB saved no more and raised a 1,000-page build's peak
// memory by 2-5 MB.
const bufferSize = 256 << 10

// Spool is an append-only temporary file. It is safe for concurrent use.
type Spool struct {
	f       *os.File
	mu      sync.Mutex   // guards buf and err, and changes to flushed
	buf     []byte       // appended, not yet written; it starts at flushed
	err     error        // the first failed write, which every later call returns
	flushed atomic.Int64 // what is in the file, readable without the lock
}

// failed says what a spool is in its error: the file's name means
// nothing to a reader, and the usual cause, a full temporary folder, has
// a remedy.
func failed(err error) error {
	return fmt.Errorf("spool: %w (pages wait in this temporary file while the site builds; TMPDIR chooses its folder)", err)
}

// Extent is a place in a spool.
type Extent struct{ Off, Len int64 }

// New makes a spool in dir ("" for the system's temporary folder).
func New(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "kb-spool-*")
	if err != nil {
		return nil, failed(err)
	}
	_ = os.Remove(f.Name()) // the open file lives on until Close
	return &Spool{f: f}, nil
}

// Close releases the spool's file.
func (s *Spool) Close() error { return s.f.Close() }

// Append stores b and returns where it went. The bytes may wait in
// memory until enough follow them; Read and CopyTo find them either way.
func (s *Spool) Append(b []byte) (Extent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return Extent{}, s.err
	}
	e := Extent{s.flushed.Load() + int64(len(s.buf)), int64(len(b))}
	if len(s.buf)+len(b) > bufferSize {
		if err := s.flushLocked(); err != nil {
			return Extent{}, err
		}
	}
	if len(b) >= bufferSize {
		// Too large to gather: written at once, after what came before.
		if err := s.writeLocked(b); err != nil {
			return Extent{}, err
		}
		return e, nil
	}
	if s.buf == nil {
		s.buf = make([]byte, 0, bufferSize)
	}
	s.buf = append(s.buf, b...)
	return e, nil
}

// flushLocked writes what Append gathered. s.mu must be held.
func (s *Spool) flushLocked() error {
	if len(s.buf) == 0 {
		return nil
	}
	if err := s.writeLocked(s.buf); err != nil {
		return err
	}
	s.buf = s.buf[:0]
	return nil
}

// writeLocked writes b at the end of the file, keeping the first failure
// for every later call. s.mu must be held.
func (s *Spool) writeLocked(b []byte) error {
	off := s.flushed.Load()
	if _, err := s.f.WriteAt(b, off); err != nil {
		s.err = failed(err)
		return s.err
	}
	s.flushed.Store(off + int64(len(b)))
	return nil
}

// ready makes sure the extent is in the file before it is read: the
// reads come after the appends, so it writes at most once in a build.
func (s *Spool) ready(e Extent) error {
	if e.Off+e.Len <= s.flushed.Load() {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	return s.flushLocked()
}

// Read reads an extent into buf, or into a new slice if buf is too small.
func (s *Spool) Read(e Extent, buf []byte) ([]byte, error) {
	if err := s.ready(e); err != nil {
		return nil, err
	}
	if int64(cap(buf)) >= e.Len {
		buf = buf[:e.Len]
	} else {
		buf = make([]byte, e.Len)
	}
	if _, err := s.f.ReadAt(buf, e.Off); err != nil {
		return nil, failed(err)
	}
	return buf, nil
}

// CopyTo writes an extent to w through buf, a chunk at a time, one read
// each, so that neither a large extent nor a small one costs more than it
// must. It returns buf, grown if it had no room, for the next call.
func (s *Spool) CopyTo(w io.Writer, e Extent, buf []byte) ([]byte, error) {
	if err := s.ready(e); err != nil {
		return buf, err
	}
	if want := min(e.Len, 64<<10); int64(cap(buf)) < want {
		buf = make([]byte, 0, want)
	}
	for off, end := e.Off, e.Off+e.Len; off < end; {
		n := min(int64(cap(buf)), end-off)
		chunk := buf[:n]
		if _, err := s.f.ReadAt(chunk, off); err != nil {
			return buf, failed(err)
		}
		if _, err := w.Write(chunk); err != nil {
			return buf, err
		}
		off += n
	}
	return buf, nil
}

// Reader reads extents of a spool through a window, for extents read in
// about the order they were appended: one read then serves every extent
// in the window, where CopyTo makes a system call each. search.json and
// graph.json read a record a page back, in page order, which at 100,000
// pages was 200,000 reads. A Reader is for one goroutine.
type Reader struct {
	s    *Spool
	win  []byte // the spool's bytes from off
	off  int64
	size int
}

// NewReader returns a Reader whose window holds size bytes.
func (s *Spool) NewReader(size int) *Reader { return &Reader{s: s, size: size} }

// CopyTo writes the extent to w, from the window when it is there, else
// after moving the window to start at it. An extent larger than the
// window is copied as Spool.CopyTo copies it.
func (r *Reader) CopyTo(w io.Writer, e Extent) error {
	if e.Len > int64(r.size) {
		buf, err := r.s.CopyTo(w, e, r.win[:0])
		r.win, r.off = buf[:0], 0 // the window's bytes are gone
		return err
	}
	if e.Off < r.off || e.Off+e.Len > r.off+int64(len(r.win)) {
		if err := r.s.ready(e); err != nil {
			return err
		}
		n := min(int64(r.size), r.s.flushed.Load()-e.Off)
		win, err := r.s.Read(Extent{Off: e.Off, Len: n}, r.win)
		if err != nil {
			r.win = r.win[:0]
			return err
		}
		r.win, r.off = win, e.Off
	}
	_, err := w.Write(r.win[e.Off-r.off : e.Off-r.off+e.Len])
	return err
}
