package spool

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

func TestSpool(t *testing.T) {
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var wg sync.WaitGroup
	extents := make([]Extent, 100)
	for i := range extents {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := s.Append([]byte(fmt.Sprintf("record %d;", i)))
			if err != nil {
				t.Error(err)
			}
			extents[i] = e
		}()
	}
	wg.Wait()
	for i, e := range extents {
		got, err := s.Read(e, make([]byte, 0, 4))
		if want := fmt.Sprintf("record %d;", i); err != nil || string(got) != want {
			t.Errorf("Read(%v) = %q, %v; want %q", e, got, err, want)
		}
		var b bytes.Buffer
		if _, err := s.CopyTo(&b, e, nil); err != nil || b.String() != fmt.Sprintf("record %d;", i) {
			t.Errorf("CopyTo(%v) = %q, %v", e, b.String(), err)
		}
	}
}

// TestCopyToChunks copies extents larger than a chunk, through buffers of
// every size, and an empty one.
func TestCopyToChunks(t *testing.T) {
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := bytes.Repeat([]byte("0123456789"), 20000) // 200,000 bytes: four chunks
	if _, err := s.Append([]byte("before")); err != nil {
		t.Fatal(err)
	}
	e, err := s.Append(big)
	if err != nil {
		t.Fatal(err)
	}
	for _, buf := range [][]byte{nil, make([]byte, 0, 3), make([]byte, 0, 1<<20)} {
		var b bytes.Buffer
		if _, err := s.CopyTo(&b, e, buf); err != nil || !bytes.Equal(b.Bytes(), big) {
			t.Errorf("CopyTo with a buffer of %d: %d bytes, %v", cap(buf), b.Len(), err)
		}
	}
	var b bytes.Buffer
	if _, err := s.CopyTo(&b, Extent{Off: e.Off, Len: 0}, nil); err != nil || b.Len() != 0 {
		t.Errorf("CopyTo of nothing: %q, %v", b.String(), err)
	}
}
