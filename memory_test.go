package main

import (
	"cmp"
	"math"
	"runtime/debug"
	"runtime/metrics"
	"testing"

	"github.com/kbgen/kb/generator/gctune"
)

// TestReadingPages checks that kb build collects less often while reading,
// aiming at which heap, and what it goes back to for rendering: Go's
// percent, or smallSitePercent for a small site; and that a GOGC the user
// set is left alone.
func TestReadingPages(t *testing.T) {
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	live := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit))
	t.Setenv("GOGC", "")
	before := gcPercent()
	cases := []struct {
		name   string
		pages  int
		gogc   string
		target uint64 // the heap aimed at while reading; 0: none
		after  int    // the GC percent for rendering; 0: as before
	}{
		{"small site", smallSite - 1, "", (smallSite - 1) * readingTarget, smallSitePercent},
		{"large site", smallSite, "", smallSite * readingTarget, 0},
		{"site so large the share of the limit bounds it", 100000, "", memoryLimit / 16 * readingShare, 0},
		{"GOGC set", smallSite, "150", 0, 0},
		{"GOGC set on a small site", smallSite - 1, "150", 0, 0},
	}
	for _, c := range cases {
		t.Setenv("GOGC", c.gogc)
		done := readingPages(c.pages)
		want, after := before, cmp.Or(c.after, before)
		if c.target > 0 {
			if got := readingHeap(c.pages, memoryLimit); got != c.target {
				t.Errorf("%s: aims at %d MiB, want %d MiB", c.name, got>>20, c.target>>20)
			}
			want = gctune.Percent(live(), c.target, readingMostPercent)
		}
		if got := gcPercent(); got != want {
			t.Errorf("%s: GC percent %d while reading, want %d", c.name, got, want)
		}
		if done != nil {
			done()
		}
		if got := gcPercent(); got != after {
			t.Errorf("%s: GC percent %d after reading, want %d", c.name, got, after)
		}
		debug.SetGCPercent(before)
	}
}

// TestReadingHeap: the heap aimed at grows with the pages up to a share of
// the memory limit, whatever the limit.
func TestReadingHeap(t *testing.T) {
	const mib = 1 << 20
	cases := []struct {
		pages int
		limit int64
		want  uint64
	}{
		{10000, memoryLimit, 10000 * readingTarget},            // 195 MiB
		{100000, memoryLimit, memoryLimit / 16 * readingShare}, // 1,200 MiB, not 1953
		{10000, 256 * mib, 256 * mib / 16 * readingShare},      // GOMEMLIMIT=256MiB: 160 MiB
		{100000, math.MaxInt64, 100000 * readingTarget},        // GOMEMLIMIT=off
	}
	for _, c := range cases {
		if got := readingHeap(c.pages, c.limit); got != c.want {
			t.Errorf("readingHeap(%d, %d MiB) = %d MiB, want %d MiB", c.pages, c.limit>>20, got>>20, c.want>>20)
		}
	}
}
