package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.DefaultWriter, which writes every text of
// a page, with a shortcut: a text with nothing to escape, resolve or
// unescape, which is most of any page's, is copied as it is. The default
// writer looks at each byte twice (for references and backslashes, then
// for what HTML escapes) and writes the text in pieces.
type textWriter struct{ html.Writer }

// special marks the bytes RawWrite escapes (util.EscapeHTMLByte's: NUL,
// '"', '&', '<' and '>') and, with '\\', those Write also looks at.
var special = func() (t [256]uint8) {
	for _, c := range []byte{0, '"', '&', '<', '>'} {
		t[c] = raw | resolved
	}
	t['\\'] = resolved
	return t
}()

const (
	raw      = 1 << iota // RawWrite changes it
	resolved             // Write changes it or what follows it
)

// Write implements html.Writer.
func (w textWriter) Write(out util.BufWriter, source []byte) {
	if none(source, resolved) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.Write(out, source)
}

// RawWrite implements html.Writer.
func (w textWriter) RawWrite(out util.BufWriter, source []byte) {
	if none(source, raw) {
		_, _ = out.Write(source)
		return
	}
	w.Writer.RawWrite(out, source)
}

// none reports whether no byte of s is special of the kind.
func none(s []byte, kind uint8) bool {
	for _, c := range s {
		if special[c]&kind != 0 {
			return false
		}
	}
	return true
}
