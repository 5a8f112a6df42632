// Package strblock keeps many long-lived strings in few allocations.
//
// A large site keeps millions of small strings (ids, front matter values,
// headings) to the end of its build, and the collector visits each one on
// every collection, looking up the span of the object it points into:
// strings made one by one scatter over the heap and miss the cache nearly
// every time, where strings in one block hit the same few spans. See "Strings
// in blocks" in docs/performance-log.md.
package strblock

import (
	"strings"
	"unsafe"

	"github.com/kbgen/kb/generator/chunk"
)

// Block is where strings are kept, one after another. A string, once
// made, is never written over: appending past the block's capacity moves
// on to a new array and leaves the earlier strings where they are, so a
// size too small costs an allocation, never a string.
type Block struct {
	b []byte
}

// Make returns a block with room for size bytes of strings.
func Make(size int) Block {
	return Block{b: make([]byte, 0, size)}
}

// String returns s, kept in the block.
func (k *Block) String(s string) string {
	if s == "" {
		return ""
	}
	at := len(k.b)
	k.b = append(k.b, s...)
	return unsafe.String(&k.b[at], len(s))
}

// Bytes returns b as a string kept in the block.
func (k *Block) Bytes(b []byte) string {
	return k.String(unsafe.String(unsafe.SliceData(b), len(b)))
}

// Chunks keeps the strings of many owners, a large site's pages, one
// after another in the arrays of a chunk.Of, where a Block a page would
// be an object of its own among the page's garbage (see package chunk).
// A string, once made, is never moved or written over; a string longer
// than a quarter of an array gets an array of its own, so that it does
// not end the current one early. The zero value is ready to use.
type Chunks struct {
	bytes chunk.Of[byte]
}

// String returns s, kept in the chunks.
func (c *Chunks) String(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > chunk.Size/4 {
		return strings.Clone(s)
	}
	b := c.bytes.Copy(unsafe.Slice(unsafe.StringData(s), len(s)))
	return unsafe.String(&b[0], len(b))
}

// Bytes returns b as a string kept in the chunks.
func (c *Chunks) Bytes(b []byte) string {
	return c.String(unsafe.String(unsafe.SliceData(b), len(b)))
}
