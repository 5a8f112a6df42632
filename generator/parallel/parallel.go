// Package parallel spreads the items of a job over every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(0) .. fn(n-1) on every core and returns the error of the
// lowest item that failed. Work is handed out one index at a time, so slow
// items (a page with much highlighted code) do not hold up a whole share.
// After a failure no more items are handed out; those below it were all
// handed out before it and still finish, so the error returned is the
// same in every run: the message names the same page each time.
func Each(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var mu sync.Mutex
	var first error
	firstAt := n
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if i < firstAt {
						first, firstAt = err, i
					}
					mu.Unlock()
					next.Store(int64(n)) // stop handing out work
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// For calls fn(0) .. fn(n-1) on every core, for work that cannot fail.
func For(n int, fn func(i int)) {
	_ = Each(n, func(i int) error { fn(i); return nil })
}
