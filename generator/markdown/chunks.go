package markdown

import (
	"slices"
	"unsafe"

	"github.com/kbgen/kb/generator/strblock"
)

// chunks hands out the parts of documents that a one-off build keeps
// until their pages are rendered (the Document itself, its links and
// their text, its holes, headings and their text, and its sentences'
// offsets) from large arrays, one part after another, rather than as
// objects of their own.
//
// Made one by one, those parts lie scattered among the garbage of
// parsing (goldmark's trees, some 50 KB a page), and once that garbage
// is collected they keep the spans they lie in partly used: a
// 100,000-page build's heap held 320-480 MB of room in spans in use
// while its pages rendered, and rendering's own allocations took fresh
// memory, which on this kind of machine costs more to touch the more
// the build has touched. Side by side, chunks fill their spans and leave
// the rest to garbage that goes whole. They suit a build that keeps every
// document to its end: a converter that replaces documents one by one
// (serve) would keep a replaced document's parts alive with their
// neighbours', so it makes its parts one by one (Options.Chunked).
type chunks struct {
	docs     []Document
	links    []packedLink
	holes    []Hole
	offsets  []int32
	headings []Heading
	text     strblock.Chunks
}

// chunkBytes is the size of each chunk, as strblock.Chunks' are.
const chunkBytes = strblock.ChunkSize

// chunked returns a copy of s in c's chunk, which it starts anew when s
// does not fit; a copy is capped at its length, so that appending to it
// cannot write over the next one. An empty s is copied as slices.Clone
// copies it, which is nothing to allocate.
func chunked[T any](c *[]T, s []T) []T {
	if len(s) == 0 {
		return slices.Clone(s)
	}
	if cap(*c)-len(*c) < len(s) {
		var zero T
		*c = make([]T, 0, max(chunkBytes/int(unsafe.Sizeof(zero)), len(s)))
	}
	at := len(*c)
	*c = append(*c, s...)
	return (*c)[at:len(*c):len(*c)]
}

// document returns a new, empty Document from the chunk of documents.
func (c *chunks) document() *Document {
	if len(c.docs) == cap(c.docs) {
		c.docs = make([]Document, 0, chunkBytes/int(unsafe.Sizeof(Document{})))
	}
	c.docs = c.docs[:len(c.docs)+1]
	return &c.docs[len(c.docs)-1]
}

// string returns a copy of s in the chunks of text.
func (c *chunks) string(s string) string { return c.text.String(s) }
