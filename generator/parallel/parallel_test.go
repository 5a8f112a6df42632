package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

// TestEach: Each and For call every item once.
func TestEach(t *testing.T) {
	runs := []struct {
		name string
		run  func(n int, fn func(i int))
	}{
		{"Each", func(n int, fn func(i int)) {
			if err := Each(n, func(i int) error { fn(i); return nil }); err != nil {
				t.Fatalf("n=%d: %v", n, err)
			}
		}},
		{"For", For},
	}
	for _, r := range runs {
		for _, n := range []int{0, 1, 2, 1000} {
			calls := make([]atomic.Int32, n)
			r.run(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("%s, n=%d: item %d called %d times", r.name, n, i, c)
				}
			}
		}
	}
}

// TestEachStops: the first error is returned, and no more items are
// handed out after it.
func TestEachStops(t *testing.T) {
	stop := errors.New("stop")
	var after atomic.Int32
	var failed atomic.Bool
	err := Each(10000, func(i int) error {
		if failed.Load() {
			after.Add(1)
		}
		if i == 10 {
			failed.Store(true)
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("Each = %v, want %v", err, stop)
	}
	// Items handed out before the worker that failed stopped the others
	// may still run, a few; without the stop, nearly 10,000 would.
	if n := after.Load(); n > 1000 {
		t.Errorf("%d items ran after the error", n)
	}
}
