package render

import (
	"strconv"
	"unicode/utf8"
)

// jsonw writes JSON by hand for the records every page has: reflection in
// encoding/json costs more than the records' text. It escapes as
// encoding/json does with SetEscapeHTML(false).
type jsonw struct {
	b     []byte
	comma bool // a value was written at this level
}

func (w *jsonw) sep() {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.comma = true
}

func (w *jsonw) open(c byte) {
	w.sep()
	w.b = append(w.b, c)
	w.comma = false
}

func (w *jsonw) close(c byte) {
	w.b = append(w.b, c)
	w.comma = true
}

// key writes an object key; the value follows.
func (w *jsonw) key(k string) {
	w.sep()
	w.str(k)
	w.b = append(w.b, ':')
	w.comma = false
}

func (w *jsonw) string(s string) {
	w.sep()
	w.str(s)
}

// quoted writes a string value already written as JSON, quotes and all.
func (w *jsonw) quoted(q []byte) {
	w.sep()
	w.b = append(w.b, q...)
}

func (w *jsonw) bool(v bool) {
	w.sep()
	w.b = strconv.AppendBool(w.b, v)
}

func (w *jsonw) strings(list []string) {
	w.open('[')
	for _, s := range list {
		w.string(s)
	}
	w.close(']')
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes a JSON string holds as they are: printable
// ASCII but the quote and the backslash. str skips runs of them in a
// tight loop: search.json is mostly such text, tens of MB of it.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (w *jsonw) str(s string) {
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}
