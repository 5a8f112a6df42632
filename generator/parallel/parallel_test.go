package parallel

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 1000} {
		calls := make([]atomic.Int32, n)
		if err := Each(n, func(i int) error { calls[i].Add(1); return nil }); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: item %d called %d times", n, i, c)
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
