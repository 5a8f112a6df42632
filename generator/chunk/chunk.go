// Package chunk keeps small values that live as long as one another (the
// parts of a site's pages that a build keeps to its end) side by side in
// a few large arrays, instead of as objects of their own.
//
// Made one by one while pages are read, such values lie scattered among
// the garbage of reading, and once that garbage is collected they keep
// the spans they lie in partly used: a 100,000-page build's heap held
// 320-480 MB of room in spans in use while its pages rendered, and took
// fresh memory for rendering, which on a virtual machine costs more to
// touch the more the build has touched. Side by side, they fill their
// arrays and leave the rest to garbage that goes whole. See "Long-lived
// parts side by side" in docs/performance-log.md.
//
// Values in one array live as long as the longest-lived of them: chunks
// suit a build that keeps everything it puts in them to its end, not a
// process that replaces values one by one (serve).
package chunk

import (
	"slices"
	"unsafe"
)

// Size is about the size in bytes of each array: large enough to be a
// span of its own, small enough that the unused end of the last is
// nothing.
const Size = 64 << 10

// Of hands out values of type T, and copies of slices of them, from
// arrays of about Size bytes. The zero value is ready to use; an Of is
// not safe for concurrent use (keep one for each core).
type Of[T any] struct {
	buf []T
}

// room is how many values of T an array holds.
func room[T any]() int {
	var zero T
	return max(1, Size/max(1, int(unsafe.Sizeof(zero))))
}

// New returns a new zero value of T from the current array, starting a
// new array when it is full.
func (c *Of[T]) New() *T {
	if len(c.buf) == cap(c.buf) {
		c.buf = make([]T, 0, room[T]())
	}
	c.buf = c.buf[:len(c.buf)+1]
	return &c.buf[len(c.buf)-1]
}

// Copy returns a copy of s from the current array, starting a new one
// when s does not fit (one larger than an array gets its own). The copy
// is capped at its length, so that appending to it cannot write over the
// next. An empty s is copied as slices.Clone copies it, which allocates
// nothing.
func (c *Of[T]) Copy(s []T) []T {
	if len(s) == 0 {
		return slices.Clone(s)
	}
	if cap(c.buf)-len(c.buf) < len(s) {
		c.buf = make([]T, 0, max(room[T](), len(s)))
	}
	at := len(c.buf)
	c.buf = append(c.buf, s...)
	return c.buf[at:len(c.buf):len(c.buf)]
}
