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

// TestAppendAcrossBuffer appends pieces that fill the write buffer, pass
// it, and are larger than it, reading each back at once and again at the
// end: Append gathers in memory, and every read must find its bytes.
func TestAppendAcrossBuffer(t *testing.T) {
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sizes := []int{
		0, 10, bufferSize - 10, // the buffer full to the byte
		1, 5, // a new buffer
		bufferSize + 7,             // larger than a buffer, after some gathered
		bufferSize,                 // exactly a buffer, with nothing gathered
		300, bufferSize - 300, 300, // fills, then spills into the next
	}
	type piece struct {
		e    Extent
		want []byte
	}
	var pieces []piece
	for i, n := range sizes {
		want := bytes.Repeat([]byte{byte('a' + i)}, n)
		e, err := s.Append(want)
		if err != nil {
			t.Fatalf("Append(%d bytes): %v", n, err)
		}
		if len(pieces) > 0 {
			if last := pieces[len(pieces)-1].e; e.Off != last.Off+last.Len {
				t.Errorf("piece %d at %d, want %d", i, e.Off, last.Off+last.Len)
			}
		}
		pieces = append(pieces, piece{e, want})
		if i%2 == 0 { // read some at once, some only at the end
			if got, err := s.Read(e, nil); err != nil || !bytes.Equal(got, want) {
				t.Errorf("Read(piece %d) at once: %d bytes, %v", i, len(got), err)
			}
		}
	}
	for i, p := range pieces {
		if got, err := s.Read(p.e, nil); err != nil || !bytes.Equal(got, p.want) {
			t.Errorf("Read(piece %d) at the end: %d bytes, %v", i, len(got), err)
		}
	}
}

// TestWriteFails reports a write that fails, at the call that made it and
// at every call after.
func TestWriteFails(t *testing.T) {
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Append([]byte("gathered, not yet written"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // every write from now on fails
	if _, err := s.Read(e, nil); err == nil {
		t.Error("Read after a failed write: no error")
	}
	if _, err := s.Append([]byte("more")); err == nil {
		t.Error("Append after a failed write: no error")
	}
	if _, err := s.Append(make([]byte, bufferSize)); err == nil {
		t.Error("Append of a large piece after a failed write: no error")
	}
}

// TestReader reads extents through a small window: in order, backwards,
// larger than the window, empty, and some still in Append's buffer.
func TestReader(t *testing.T) {
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var extents []Extent
	var want [][]byte
	for i := range 200 {
		b := []byte(fmt.Sprintf("record %d;", i))
		switch i % 50 {
		case 7:
			b = bytes.Repeat([]byte{byte('a' + i%26)}, 300) // larger than the window
		case 9:
			b = nil
		}
		e, err := s.Append(b)
		if err != nil {
			t.Fatal(err)
		}
		extents, want = append(extents, e), append(want, b)
	}
	r := s.NewReader(100)
	order := make([]int, 0, 2*len(extents))
	for i := range extents {
		order = append(order, i)
	}
	for i := len(extents) - 1; i >= 0; i-- {
		order = append(order, i)
	}
	for _, i := range order {
		var b bytes.Buffer
		if err := r.CopyTo(&b, extents[i]); err != nil || !bytes.Equal(b.Bytes(), want[i]) {
			t.Fatalf("CopyTo(%v) = %q, %v; want %q", extents[i], b.Bytes(), err, want[i])
		}
	}
}
