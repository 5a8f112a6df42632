// Package gctune sets the GC percent, after every collection, so that the
// next collection comes when the heap reaches a target: a build that is
// reading a large site keeps nearly all it reads, and with Go's fixed
// percent of 100 it marks its growing live heap again each time the heap
// doubles over it (67 of a 100,000-page build's 74 collections happen while
// its pages are read).
//
// A fixed higher percent does not serve a large site: once the heap it
// allows passes the memory limit, the limit decides when to collect, and
// the runtime also hands memory back to the kernel to stay under it, which
// the build faults in again (a 100,000-page build took 93 s at 400, and
// 107 s with the collector off until the limit and 143,000 faults, against
// 49 s and 76,000 faults at 100).
// Aiming at a target below the limit gives the small live heap of the
// first pages room to grow and takes the room back as the heap fills it.
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Percent is the GC percent that puts the next collection at target bytes
// of heap, for a live heap of live bytes: never below Go's default of 100,
// never above most.
func Percent(live, target uint64, most int) int {
	most = max(most, 100)
	if live >= target {
		return 100
	}
	if live == 0 || target/live > uint64(most) {
		return most // and target*100 cannot overflow below
	}
	return min(max(int(target*100/live)-100, 100), most)
}

// Start sets the GC percent now and after every collection from now on,
// aiming each next collection at target bytes of heap (see Percent), until
// the function it returns is called, which puts back the percent that was
// set before. A GC percent of the user's (GOGC) should be left alone: the
// caller decides.
func Start(target uint64, most int) (stop func()) {
	t := &tuner{target: target, most: most, live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.mu.Lock()
	t.before = debug.SetGCPercent(t.percent())
	t.mu.Unlock()
	t.arm()
	return t.stop
}

type tuner struct {
	target uint64
	most   int
	live   []metrics.Sample

	mu      sync.Mutex
	before  int
	stopped bool
}

// arm gives the runtime an object to collect: its finalizer runs once
// the next collection has found it unreachable, which is the hook Go
// offers into the end of a cycle.
func (t *tuner) arm() {
	runtime.SetFinalizer(new(sentinel), func(*sentinel) {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.stopped {
			return
		}
		debug.SetGCPercent(t.percent())
		t.arm()
	})
}

// sentinel is not a zero-size type: the runtime may give every new
// zero-size object the same address, and never collect it.
type sentinel [16]byte

func (t *tuner) percent() int {
	metrics.Read(t.live)
	return Percent(t.live[0].Value.Uint64(), t.target, t.most)
}

func (t *tuner) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.stopped {
		t.stopped = true
		debug.SetGCPercent(t.before)
	}
}
