package main

import (
	"runtime/debug"
	"testing"
)

// TestReadingPages checks when kb build collects less often while reading,
// and that it goes back for rendering.
func TestReadingPages(t *testing.T) {
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit))
	t.Setenv("GOGC", "")
	before := gcPercent()
	cases := []struct {
		name   string
		pages  int
		gogc   string
		during int // the GC percent while reading; before's if unchanged
	}{
		{"small site", largeSite - 1, "", before},
		{"large site", largeSite, "", readingGCPercent},
		{"heap to reach the memory limit", memoryLimit/heapPerPage + 1, "", before},
		{"GOGC set", largeSite, "150", before},
	}
	for _, c := range cases {
		t.Setenv("GOGC", c.gogc)
		done := readingPages(c.pages)
		if got := gcPercent(); got != c.during {
			t.Errorf("%s: GC percent %d while reading, want %d", c.name, got, c.during)
		}
		if done != nil {
			done()
		}
		if got := gcPercent(); got != before {
			t.Errorf("%s: GC percent %d after reading, want %d back", c.name, got, before)
		}
	}
}
