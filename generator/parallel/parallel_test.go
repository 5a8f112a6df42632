package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
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

// TestEachLowestError: when several items fail, Each returns the error of
// the lowest, even when a higher one fails first.
func TestEachLowestError(t *testing.T) {
	for run := 0; run < 20; run++ {
		started := make(chan struct{})
		err := Each(100, func(i int) error {
			switch i {
			case 0:
				select { // fails after item 7 has, on two cores or more
				case <-started:
				case <-time.After(200 * time.Millisecond):
				}
				return fmt.Errorf("item %d", i)
			case 7:
				defer close(started)
				return fmt.Errorf("item %d", i)
			case 40:
				return fmt.Errorf("item %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "item 0" {
			t.Fatalf("run %d: Each = %v, want item 0", run, err)
		}
	}
}
