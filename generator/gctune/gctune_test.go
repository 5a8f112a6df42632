package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		live, target uint64
		most, want   int
	}{
		{0, 1000 * mb, 400, 400},         // before the first collection
		{10 * mb, 1000 * mb, 400, 400},   // far below the target: as much as allowed
		{250 * mb, 1000 * mb, 400, 300},  // the next collection at 1000 MB
		{400 * mb, 1000 * mb, 400, 150},  //
		{500 * mb, 1000 * mb, 400, 100},  // half the target: Go's default
		{700 * mb, 1000 * mb, 400, 100},  // never below it
		{2000 * mb, 1000 * mb, 400, 100}, // past the target
		{1, 1 << 40, 400, 400},           // no overflow
		{10 * mb, 1000 * mb, 50, 100},    // a ceiling below 100 is 100
		{500 * mb, 1000 * mb, 150, 100},  // a ceiling that is no multiple of 100
		{450 * mb, 1000 * mb, 150, 122},  //
		{300 * mb, 1000 * mb, 150, 150},  //
	}
	for _, c := range cases {
		if got := Percent(c.live, c.target, c.most); got != c.want {
			t.Errorf("Percent(%d MB, %d MB, %d) = %d, want %d", c.live/mb, c.target/mb, c.most, got, c.want)
		}
	}
}

// TestStart: the percent follows the live heap from one collection to the
// next, and goes back when stopped.
func TestStart(t *testing.T) {
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	runtime.GC()

	stop := Start(256<<20, 1000)
	if got := gcPercent(); got != 1000 {
		t.Errorf("GC percent %d with a small heap, want 1000", got)
	}
	keep := make([]byte, 64<<20) // a quarter of the target: about 300
	for i := range keep {
		keep[i] = 1
	}
	deadline := time.Now().Add(5 * time.Second)
	for got := gcPercent(); got < 250 || got > 320; got = gcPercent() {
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d with a 64 MB live heap and a 256 MB target, want about 300", got)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // finalizers run on their own goroutine
	}
	runtime.KeepAlive(keep)
	stop()
	if got := gcPercent(); got != 150 {
		t.Errorf("GC percent %d after stop, want 150 back", got)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if got := gcPercent(); got != 150 {
		t.Errorf("GC percent %d after stop and a collection, want 150 still", got)
	}
	stop() // twice is harmless
}
