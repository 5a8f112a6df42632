package markdown

import (
	"github.com/kbgen/kb/generator/chunk"
	"github.com/kbgen/kb/generator/strblock"
)

// chunks holds the parts of documents that a one-off build keeps until
// their pages are rendered (the Document itself, its links and their
// text, its holes, headings and their text, and its sentences' offsets)
// side by side (see package chunk), where each would otherwise be an
// object of its own among the garbage of parsing, some 50 KB a page. A
// converter that replaces documents one by one (serve) makes its parts
// one by one instead (Options.Chunked).
type chunks struct {
	docs     chunk.Of[Document]
	links    chunk.Of[packedLink]
	holes    chunk.Of[Hole]
	offsets  chunk.Of[int32]
	headings chunk.Of[Heading]
	text     strblock.Chunks
}

// string returns a copy of s in the chunks of text.
func (c *chunks) string(s string) string { return c.text.String(s) }
