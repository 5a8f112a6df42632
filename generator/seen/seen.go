// Package seen tells whether a value has come before, for lists that
// take each value once: a page's links in graph.json, the pages under a
// relation's label, a page's edges.
package seen

// Set tells which values it is shown for the first time. Most lists are
// short: their first values are kept in a small array, on the stack,
// rather than in a map made for each of a site's pages (97 MB of maps at
// 100,000 pages); a long list goes on in a map, where scanning would be
// the square of its length (a page that 30,000 pages name under one
// label took 0.14 s to list so). The zero value is ready to use.
type Set[T comparable] struct {
	few  [32]T
	n    int
	many map[T]bool
}

// First reports whether x is shown for the first time, and remembers it.
func (f *Set[T]) First(x T) bool {
	if f.many != nil {
		if f.many[x] {
			return false
		}
		f.many[x] = true
		return true
	}
	for _, y := range f.few[:f.n] {
		if y == x {
			return false
		}
	}
	if f.n < len(f.few) {
		f.few[f.n] = x
		f.n++
		return true
	}
	f.many = make(map[T]bool, 2*len(f.few))
	for _, y := range f.few {
		f.many[y] = true
	}
	f.many[x] = true
	return true
}
