package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/strblock"
)

// decodeYAMLSubset reads the YAML that front matter is nearly always
// written in, several times faster than yaml.v3 builds its nodes: a map
// of plain keys whose values are plain or quoted one-line scalars, flow
// lists of them ("[a, b]"), block lists ("- a"), and block maps, nested
// and in lists (the sources). It gives up, saying ok is false, on anything
// else (block scalars, anchors, tags, escapes, multi-line scalars, tabs,
// an empty value, a repeated key, any error), and the caller hands the
// front matter to yaml.v3 instead. Where it does not give up, its result
// is the one yaml.v3's nodes give, places included; TestYAMLSubset checks
// that on every page of the built-in site and of a generated corpus, and
// FuzzYAMLSubset on anything.
func decodeYAMLSubset(raw []byte, first int, text *strblock.Chunks) (fields []Field, ok bool) {
	if !printable(raw) {
		return nil, false // tabs, CRs and what YAML forbids: yaml.v3 knows
	}
	p := yamlSubset{lines: bytes.Split(raw, []byte{'\n'}), first: first, text: text}
	if text == nil {
		block := strblock.Make(len(raw))
		p.text = &block
	}
	p.skipBlank()
	if p.i == len(p.lines) {
		return nil, true // empty front matter
	}
	if indentOf(p.lines[p.i]) != 0 {
		return nil, false
	}
	root, ok := p.mapping(0, false)
	if !ok {
		return nil, false
	}
	if p.skipBlank(); p.i != len(p.lines) {
		return nil, false // a line less indented than the map: not ours
	}
	return root.Fields, true
}

// printable says whether raw holds only characters YAML allows, other
// than tabs and carriage returns, which the subset leaves to yaml.v3.
func printable(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		ok := r == 0x85 || 0xa0 <= r && r <= 0xd7ff || 0xe000 <= r && r <= 0xfffd && r != 0xfeff || 0x10000 <= r && r <= 0x10ffff
		if !ok || r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

type yamlSubset struct {
	lines [][]byte
	first int // the file line of lines[0]
	i     int // the line being read

	// text holds every key and scalar read: the chunks of a one-off
	// build, or a block of the page's own, for a site keeps its pages'
	// front matter to the end of the build (see package strblock). Every
	// string is a part of raw, so len(raw) is room enough for a block.
	text interface{ Bytes([]byte) string }
}

func (p *yamlSubset) pos(line, col int) diag.Pos {
	return diag.Pos{Line: p.first + line, Col: col + 1}
}

// skipBlank moves past empty lines and comment lines.
func (p *yamlSubset) skipBlank() {
	for ; p.i < len(p.lines); p.i++ {
		l := p.lines[p.i]
		at := indentOf(l)
		if at < len(l) && l[at] != '#' {
			return
		}
	}
}

// count counts, from line i on, the lines at column indent that start
// with a dash (an item of a list) or not (a key of a map), up to a line
// less indented or, for a list, a key: how much room a map or list needs,
// so that front matter, read for every page, is made in one allocation
// of the right size.
func (p *yamlSubset) count(i, indent int, dash bool) int {
	n := 0
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		at := indentOf(l)
		switch {
		case at == len(l) || l[at] == '#' || at > indent:
		case at < indent:
			return n
		case isDash(l, at) == dash:
			n++
		case dash:
			return n
		}
	}
	return n
}

func indentOf(l []byte) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

// mapping reads a block map whose keys start at column indent. When
// inList, its first key follows a list's "- " on the current line.
func (p *yamlSubset) mapping(indent int, inList bool) (Value, bool) {
	room := p.count(p.i, indent, false)
	if inList {
		room = 1 + p.count(p.i+1, indent, false) // the first key is on the dash's line
	}
	v := Value{Kind: KindMap, Fields: make([]Field, 0, room)}
	for {
		if !inList || len(v.Fields) > 0 {
			p.skipBlank()
			if p.i == len(p.lines) {
				break
			}
			switch at := indentOf(p.lines[p.i]); {
			case at < indent:
				return v, true
			case at > indent:
				return v, false
			}
		}
		line := p.lines[p.i]
		k, next, ok := mapKey(line, indent)
		if !ok {
			return v, false
		}
		for _, f := range v.Fields {
			if f.Key == string(k) {
				return v, false // yaml.v3's path reports it
			}
		}
		keyPos := p.pos(p.i, indent)
		if len(v.Fields) == 0 {
			v.Pos = keyPos
		}
		var val Value
		if rest := skipSpaces(line, next); rest == len(line) || line[rest] == '#' {
			if rest < len(line) {
				return v, false // a comment after the key: rare, and yaml.v3 knows
			}
			p.i++
			if val, ok = p.block(indent); !ok {
				return v, false
			}
		} else {
			if val, ok = p.inline(line, rest); !ok {
				return v, false
			}
			p.i++
		}
		v.Fields = append(v.Fields, Field{Key: p.text.Bytes(k), KeyPos: keyPos, Value: val})
	}
	return v, true
}

// block reads the value of a key that ends its line: a list or a map on
// the lines below, a list possibly at the key's own indent.
func (p *yamlSubset) block(indent int) (Value, bool) {
	p.skipBlank()
	if p.i == len(p.lines) {
		return Value{}, false // an empty value: null, at a place yaml.v3 knows
	}
	line := p.lines[p.i]
	at := indentOf(line)
	if isDash(line, at) && at >= indent {
		return p.sequence(at)
	}
	if at <= indent {
		return Value{}, false
	}
	return p.mapping(at, false)
}

// sequence reads a block list whose dashes are at column indent.
func (p *yamlSubset) sequence(indent int) (Value, bool) {
	v := Value{Kind: KindList, Items: make([]Value, 0, p.count(p.i, indent, true)), Pos: p.pos(p.i, indent)}
	for {
		p.skipBlank()
		if p.i == len(p.lines) {
			return v, true
		}
		line := p.lines[p.i]
		at := indentOf(line)
		if at < indent {
			return v, true
		}
		if at > indent {
			return v, false
		}
		if !isDash(line, at) {
			return v, true // a key of the map the list belongs to
		}
		col := skipSpaces(line, at+1)
		if col == len(line) || line[col] == '#' || col == at+1 {
			return v, false // "-" alone, with the item below
		}
		var item Value
		var ok bool
		if _, _, isKey := mapKey(line, col); isKey {
			item, ok = p.mapping(col, true)
		} else {
			item, ok = p.inline(line, col)
			p.i++
		}
		if !ok {
			return v, false
		}
		v.Items = append(v.Items, item)
	}
}

func isDash(line []byte, at int) bool {
	return at < len(line) && line[at] == '-' && (at+1 == len(line) || line[at+1] == ' ')
}

// mapKey reads a plain key at column at: letters, digits, "_", "-" and
// ".", then ":" and a space or the end of the line; at most 128 bytes
// (YAML's limit for a key is 1,024 characters). next is past the
// colon.
func mapKey(line []byte, at int) (key []byte, next int, ok bool) {
	end := at
	for end < len(line) && isKeyByte(line[end]) {
		end++
	}
	if end == at || end-at > 128 || end == len(line) || line[end] != ':' || line[at] == '-' || line[at] == '.' {
		return nil, 0, false
	}
	if end+1 < len(line) && line[end+1] != ' ' {
		return nil, 0, false
	}
	return line[at:end], end + 1, true
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

func skipSpaces(line []byte, at int) int {
	for at < len(line) && line[at] == ' ' {
		at++
	}
	return at
}

// inline reads the value that starts at column col and ends the line:
// a scalar or a flow list.
func (p *yamlSubset) inline(line []byte, col int) (Value, bool) {
	var v Value
	var end int
	var ok bool
	if line[col] == '[' {
		v, end, ok = p.flowList(line, col)
	} else {
		v, end, ok = p.scalar(line, col, false)
	}
	if !ok {
		return v, false
	}
	return v, endsLine(line, end)
}

// endsLine says whether only spaces, or spaces and a comment, follow end.
func endsLine(line []byte, end int) bool {
	rest := skipSpaces(line, end)
	return rest == len(line) || line[rest] == '#' && rest > end
}

// flowList reads "[a, 'b', "c"]" on one line.
func (p *yamlSubset) flowList(line []byte, col int) (Value, int, bool) {
	v := Value{Kind: KindList, Items: make([]Value, 0, 4), Pos: p.pos(p.i, col)}
	at := skipSpaces(line, col+1)
	if at < len(line) && line[at] == ']' {
		return v, at + 1, true
	}
	for at < len(line) {
		item, end, ok := p.scalar(line, at, true)
		if !ok || item.Kind != KindScalar {
			return v, 0, false
		}
		v.Items = append(v.Items, item)
		at = skipSpaces(line, end)
		if at == len(line) {
			break
		}
		switch line[at] {
		case ']':
			return v, at + 1, true
		case ',':
			at = skipSpaces(line, at+1)
			if at < len(line) && line[at] == ']' {
				return v, 0, false // a trailing comma
			}
		default:
			return v, 0, false
		}
	}
	return v, 0, false // the list goes on to the next line
}

// scalar reads a quoted or plain scalar at col; in a flow list, a plain
// one ends at "," or "]".
func (p *yamlSubset) scalar(line []byte, col int, flow bool) (Value, int, bool) {
	pos := p.pos(p.i, col)
	switch c := line[col]; c {
	case '"':
		end := bytes.IndexByte(line[col+1:], '"')
		if end < 0 || bytes.IndexByte(line[col+1:col+1+end], '\\') >= 0 {
			return Value{}, 0, false // escapes, or a string that goes on
		}
		return Value{Kind: KindScalar, Text: p.text.Bytes(line[col+1 : col+1+end]), Pos: pos}, col + end + 2, true
	case '\'':
		var text []byte
		start := col + 1
		for at := start; at < len(line); at++ {
			if line[at] != '\'' {
				continue
			}
			text = append(text, line[start:at]...)
			if at+1 < len(line) && line[at+1] == '\'' {
				at++ // '' is a quote
				start = at
				continue
			}
			return Value{Kind: KindScalar, Text: p.text.Bytes(text), Pos: pos}, at + 1, true
		}
		return Value{}, 0, false
	case '-', '?', ':':
		if col+1 == len(line) || line[col+1] == ' ' || flow && (line[col+1] == ',' || line[col+1] == ']') {
			return Value{}, 0, false
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return Value{}, 0, false
	}
	end := col
	for end < len(line) {
		c := line[end]
		if c == ':' && (end+1 == len(line) || line[end+1] == ' ' || flow) {
			return Value{}, 0, false // a key, or a colon yaml.v3 should judge
		}
		if c == '#' && line[end-1] == ' ' {
			break
		}
		if flow && (c == ',' || c == ']' || c == '[' || c == '{' || c == '}') {
			break
		}
		end++
	}
	text := bytes.TrimRight(line[col:end], " ")
	switch string(text) {
	case "~", "null", "Null", "NULL":
		return Value{Kind: KindNull, Pos: pos}, col + len(text), true
	}
	return Value{Kind: KindScalar, Text: p.text.Bytes(text), Pos: pos}, col + len(text), true
}
