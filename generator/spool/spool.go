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
	"sync/atomic"
)

// Spool is an append-only temporary file. It is safe for concurrent use.
type Spool struct {
	f    *os.File
	size atomic.Int64
}

// Extent is a place in a spool.
type Extent struct{ Off, Len int64 }

// New makes a spool in dir ("" for the system's temporary folder).
func New(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "kb-spool-*")
	if err != nil {
		return nil, err
	}
	_ = os.Remove(f.Name()) // the open file lives on until Close
	return &Spool{f: f}, nil
}

// Close releases the spool's file.
func (s *Spool) Close() error { return s.f.Close() }

// Append stores b and returns where it went.
func (s *Spool) Append(b []byte) (Extent, error) {
	off := s.size.Add(int64(len(b))) - int64(len(b))
	if _, err := s.f.WriteAt(b, off); err != nil {
		return Extent{}, fmt.Errorf("spool: %w", err)
	}
	return Extent{off, int64(len(b))}, nil
}

// Read reads an extent into buf, or into a new slice if buf is too small.
func (s *Spool) Read(e Extent, buf []byte) ([]byte, error) {
	if int64(cap(buf)) >= e.Len {
		buf = buf[:e.Len]
	} else {
		buf = make([]byte, e.Len)
	}
	if _, err := s.f.ReadAt(buf, e.Off); err != nil {
		return nil, fmt.Errorf("spool: %w", err)
	}
	return buf, nil
}

// CopyTo writes an extent to w through buf, a chunk at a time, one read
// each, so that neither a large extent nor a small one costs more than it
// must. It returns buf, grown if it had no room, for the next call.
func (s *Spool) CopyTo(w io.Writer, e Extent, buf []byte) ([]byte, error) {
	if want := min(e.Len, 64<<10); int64(cap(buf)) < want {
		buf = make([]byte, 0, want)
	}
	for off, end := e.Off, e.Off+e.Len; off < end; {
		n := min(int64(cap(buf)), end-off)
		chunk := buf[:n]
		if _, err := s.f.ReadAt(chunk, off); err != nil {
			return buf, fmt.Errorf("spool: %w", err)
		}
		if _, err := w.Write(chunk); err != nil {
			return buf, err
		}
		off += n
	}
	return buf, nil
}
