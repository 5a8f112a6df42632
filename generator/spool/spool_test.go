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
		if err := s.CopyTo(&b, e); err != nil || b.String() != fmt.Sprintf("record %d;", i) {
			t.Errorf("CopyTo(%v) = %q, %v", e, b.String(), err)
		}
	}
}
