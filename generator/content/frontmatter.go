package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/strblock"
)

// frontMatter is what splitting a file yields.
type frontMatter struct {
	format   string  // "yaml", "toml", "json" or "" for none
	fields   []Field // top-level fields in the order written
	body     []byte
	bodyLine int // the file line on which the body starts
}

// syntaxError is a front-matter problem with its place in the file.
type syntaxError struct {
	pos diag.Pos
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// split separates the front matter from the body and decodes it into
// Values that remember their lines; the format libraries' own map
// decoding throws places away. The delimiters follow adrg/frontmatter's
// rules, which kb used until a build of 10,000 pages spent a tenth of
// its parsing in that library's copying of every file through a reader.
func split(data []byte, text *strblock.Chunks) (frontMatter, error) {
	var fm frontMatter
	start, delimsIncluded := openingLine(data)
	f, raw, bodyAt, found := cutFrontMatter(data)
	if found {
		first := start + 1
		if delimsIncluded {
			first = start
		}
		fields, err := f.decode(raw, first, text)
		fm.format, fm.fields = f.name, fields
		if err != nil {
			return fm, err
		}
	}
	if !found && start > 0 && isOpening(data, start) {
		msg := "front matter is opened here and never closed"
		if delimsIncluded {
			msg = `JSON front matter opened here must end with a line holding only "}", then an empty line`
		}
		return fm, &syntaxError{pos: diag.Pos{Line: start, Col: 1}, msg: msg}
	}
	fm.body = data[bodyAt:]
	fm.bodyLine = countLines(data[:bodyAt]) + 1
	return fm, nil
}

// format is a kind of front matter and how it is delimited.
type format struct {
	name       string
	start, end string // the delimiter lines, without spaces around them
	withDelims bool   // the delimiter lines are part of the data (JSON's braces)
	blankAfter bool   // the closing line must be followed by a blank line
	decode     func(raw []byte, firstLine int, text *strblock.Chunks) ([]Field, error)
}

func formats() []format {
	return []format{
		{name: "yaml", start: "---", end: "---", decode: decodeYAML},
		{name: "toml", start: "+++", end: "+++", decode: decodeTOML},
		{name: "json", start: "{", end: "}", withDelims: true, blankAfter: true, decode: decodeJSON},
	}
}

// cutFrontMatter finds the front matter: the first non-blank line opens
// it, unless it is the file's last line; the first line equal to the
// format's end closes it (for JSON, a line equal to the end and followed
// by a blank one). It returns the format, the front matter's bytes, and
// where the body starts; found is false when there is none, or when it is
// never closed.
func cutFrontMatter(data []byte) (f *format, raw []byte, bodyAt int, found bool) {
	at, start := 0, 0
	for f == nil {
		lineAt := at
		var line []byte
		var last bool
		line, at, last = nextLine(data, at)
		if last {
			return nil, nil, 0, false
		}
		if len(line) == 0 {
			continue
		}
		fs := formats()
		for i := range fs {
			if string(line) == fs[i].start {
				f, start = &fs[i], at
				if f.withDelims {
					start = lineAt
				}
			}
		}
		if f == nil {
			return nil, nil, 0, false
		}
	}
	for {
		end := at
		line, next, last := nextLine(data, at)
		at = next
		for string(line) == f.end {
			if f.blankAfter {
				line, at, last = nextLine(data, at)
				if len(line) != 0 {
					continue // not closed yet: this line might close it
				}
			}
			if f.withDelims {
				end = at
			}
			return f, data[start:end], at, true
		}
		if last {
			return f, nil, 0, false
		}
	}
}

// nextLine returns the line starting at at without the spaces around it,
// where the next line starts, and whether there is none (the line does
// not end in a newline).
func nextLine(data []byte, at int) (line []byte, next int, last bool) {
	i := bytes.IndexByte(data[at:], '\n')
	if i < 0 {
		return bytes.TrimSpace(data[at:]), len(data), true
	}
	return bytes.TrimSpace(data[at : at+i+1]), at + i + 1, false
}

// openingLine returns the 1-based line of the first non-blank line, where
// front matter would start, and whether that line is part of the data
// (JSON's "{").
func openingLine(data []byte) (int, bool) {
	line := 1
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		l := data
		if i >= 0 {
			l = data[:i]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return line, string(t) == "{"
		}
		if i < 0 {
			break
		}
		data = data[i+1:]
		line++
	}
	return 0, false
}

// isOpening reports whether the given line is a front-matter delimiter.
func isOpening(data []byte, line int) bool {
	lines := bytes.SplitN(data, []byte{'\n'}, line+1)
	if len(lines) < line {
		return false
	}
	switch string(bytes.TrimSpace(lines[line-1])) {
	case "---", "+++", "{":
		return true
	}
	return false
}

// decodeYAML reads YAML front matter: the common subset directly, its
// strings kept in text (see decodeYAMLSubset), the rest through yaml.v3's
// nodes, which know where everything was written.
func decodeYAML(raw []byte, first int, text *strblock.Chunks) ([]Field, error) {
	if fields, ok := decodeYAMLSubset(raw, first, text); ok {
		return fields, nil
	}
	return decodeYAMLNodes(raw, first)
}

func decodeYAMLNodes(raw []byte, first int) ([]Field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		pos, msg := diag.YAMLError(err, first)
		return nil, &syntaxError{pos: pos, msg: "front matter (YAML): " + msg}
	}
	if len(doc.Content) == 0 {
		return nil, nil // empty front matter
	}
	d := yamlDoc{lines: bytes.Split(raw, []byte{'\n'}), first: first}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &syntaxError{pos: d.pos(root), msg: "front matter (YAML) must be a map of fields"}
	}
	v, err := d.value(root)
	return v.Fields, err
}

// yamlDoc turns yaml.v3's places into the file's: lines shifted by where
// the front matter starts, and columns counted in bytes, as diag.Pos
// promises (yaml.v3 counts characters).
type yamlDoc struct {
	lines [][]byte
	first int
}

func (d yamlDoc) pos(n *yaml.Node) diag.Pos {
	col := n.Column
	if i := n.Line - 1; i >= 0 && i < len(d.lines) {
		line, byteCol := d.lines[i], 0
		for r := 1; r < n.Column && byteCol < len(line); r++ {
			_, size := utf8.DecodeRune(line[byteCol:])
			byteCol += size
		}
		col = byteCol + 1
	}
	return diag.Pos{Line: n.Line + d.first - 1, Col: col}
}

func (d yamlDoc) value(n *yaml.Node) (Value, error) {
	pos := d.pos(n)
	switch n.Kind {
	case yaml.AliasNode:
		return d.value(n.Alias)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return Value{Kind: KindNull, Pos: pos}, nil
		}
		return Value{Kind: KindScalar, Text: n.Value, Pos: pos}, nil
	case yaml.SequenceNode:
		v := Value{Kind: KindList, Pos: pos, Items: make([]Value, 0, len(n.Content))}
		for _, c := range n.Content {
			item, err := d.value(c)
			if err != nil {
				return v, err
			}
			v.Items = append(v.Items, item)
		}
		return v, nil
	case yaml.MappingNode:
		v := Value{Kind: KindMap, Pos: pos, Fields: make([]Field, 0, len(n.Content)/2)}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return v, &syntaxError{pos: d.pos(k), msg: "front matter (YAML): a key must be a plain name"}
			}
			if _, dup := v.Get(k.Value); dup {
				return v, &syntaxError{pos: d.pos(k), msg: fmt.Sprintf("front matter (YAML): field %q is given twice", k.Value)}
			}
			fv, err := d.value(val)
			if err != nil {
				return v, err
			}
			v.Fields = append(v.Fields, Field{Key: k.Value, KeyPos: d.pos(k), Value: fv})
		}
		return v, nil
	}
	return Value{Kind: KindNull, Pos: pos}, nil
}

func decodeJSON(raw []byte, first int, _ *strblock.Chunks) ([]Field, error) {
	d := &jsonDecoder{dec: json.NewDecoder(bytes.NewReader(raw)), raw: raw, lines: diag.NewLines(raw, first)}
	d.dec.UseNumber()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	if v.Kind != KindMap {
		return nil, &syntaxError{pos: v.Pos, msg: "front matter (JSON) must be an object of fields"}
	}
	return v.Fields, nil
}

// jsonDecoder reads JSON tokens and remembers where each one starts.
type jsonDecoder struct {
	dec   *json.Decoder
	raw   []byte
	lines *diag.Lines
}

// token returns the next token and the place where it starts.
func (d *jsonDecoder) token() (json.Token, diag.Pos, error) {
	off := int(d.dec.InputOffset())
	for off < len(d.raw) && strings.IndexByte(" \t\r\n,:", d.raw[off]) >= 0 {
		off++
	}
	pos := d.lines.Pos(off)
	tok, err := d.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// The decoder's offset inside a value is not one into the
			// text; a whole decode gives one that is.
			var whole any
			if err := json.Unmarshal(d.raw, &whole); errors.As(err, &se) {
				pos = d.lines.Pos(max(int(se.Offset)-1, 0))
			}
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, pos, &syntaxError{pos: pos, msg: "front matter (JSON): " + err.Error()}
	}
	return tok, pos, nil
}

func (d *jsonDecoder) value() (Value, error) {
	tok, pos, err := d.token()
	if err != nil {
		return Value{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			v := Value{Kind: KindList, Pos: pos}
			for d.dec.More() {
				item, err := d.value()
				if err != nil {
					return v, err
				}
				v.Items = append(v.Items, item)
			}
			_, _, err := d.token()
			return v, err
		}
		v := Value{Kind: KindMap, Pos: pos}
		for d.dec.More() {
			kt, kpos, err := d.token()
			if err != nil {
				return v, err
			}
			key, _ := kt.(string)
			if _, dup := v.Get(key); dup {
				return v, &syntaxError{pos: kpos, msg: fmt.Sprintf("front matter (JSON): field %q is given twice", key)}
			}
			fv, err := d.value()
			if err != nil {
				return v, err
			}
			v.Fields = append(v.Fields, Field{Key: key, KeyPos: kpos, Value: fv})
		}
		_, _, err := d.token()
		return v, err
	case nil:
		return Value{Kind: KindNull, Pos: pos}, nil
	case string:
		return Value{Kind: KindScalar, Text: t, Pos: pos}, nil
	case json.Number:
		return Value{Kind: KindScalar, Text: t.String(), Pos: pos}, nil
	case bool:
		return Value{Kind: KindScalar, Text: strconv.FormatBool(t), Pos: pos}, nil
	}
	return Value{Kind: KindNull, Pos: pos}, nil
}

func decodeTOML(raw []byte, first int, _ *strblock.Chunks) ([]Field, error) {
	var m map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(raw)).Decode(&m)
	if err != nil {
		pos := diag.Pos{Line: first}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos = diag.Pos{Line: pe.Position.Line + first - 1, Col: pe.Position.Col}
			err = errors.New(pe.Message)
		}
		return nil, &syntaxError{pos: pos, msg: "front matter (TOML): " + err.Error()}
	}
	loc := tomlLocator{raw: raw, lines: diag.NewLines(raw, first)}
	var fields []Field
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		key := k[0]
		kpos, vpos, off := loc.key(key)
		fields = append(fields, Field{Key: key, KeyPos: kpos, Value: loc.value(m[key], vpos, off)})
	}
	return fields, nil
}

// tomlLocator finds where TOML keys and values were written. BurntSushi/toml
// does not expose positions, so it scans the text: exact for the usual
// one-line `key = value` and `[[key]]` forms, the key's line otherwise.
type tomlLocator struct {
	raw   []byte
	lines *diag.Lines
}

// key returns the places of a key and of its value, and the value's byte offset.
func (l tomlLocator) key(key string) (keyPos, valuePos diag.Pos, valueOff int) {
	names := []string{key, strconv.Quote(key)}
	off := 0
	for _, line := range bytes.SplitAfter(l.raw, []byte{'\n'}) {
		t := bytes.TrimLeft(line, " \t")
		indent := len(line) - len(t)
		for _, name := range names {
			if rest, ok := bytes.CutPrefix(t, []byte(name)); ok {
				if r := bytes.TrimLeft(rest, " \t"); len(r) > 0 && r[0] == '=' {
					v := off + indent + len(name) + (len(rest) - len(r)) + 1
					for v < len(l.raw) && (l.raw[v] == ' ' || l.raw[v] == '\t') {
						v++
					}
					return l.lines.Pos(off + indent), l.lines.Pos(v), v
				}
			}
			if bytes.HasPrefix(t, []byte("[["+name+"]]")) || bytes.HasPrefix(t, []byte("["+name+"]")) {
				p := l.lines.Pos(off + indent)
				return p, p, off + indent
			}
		}
		off += len(line)
	}
	return l.lines.Pos(0), l.lines.Pos(0), 0
}

// value converts a decoded TOML value; list items get the place where
// their text first appears after the key.
func (l tomlLocator) value(x any, pos diag.Pos, off int) Value {
	switch t := x.(type) {
	case []any:
		v := Value{Kind: KindList, Pos: pos}
		for _, item := range t {
			ipos, ioff := pos, off
			if s, ok := item.(string); ok {
				if i := bytes.Index(l.raw[off:], []byte(strconv.Quote(s))); i >= 0 {
					ioff = off + i
					ipos = l.lines.Pos(ioff)
					off = ioff + 1
				}
			}
			v.Items = append(v.Items, l.value(item, ipos, ioff))
		}
		return v
	case []map[string]any:
		v := Value{Kind: KindList, Pos: pos}
		for _, item := range t {
			v.Items = append(v.Items, l.value(item, pos, off))
		}
		return v
	case map[string]any:
		v := Value{Kind: KindMap, Pos: pos}
		for _, k := range slices.Sorted(maps.Keys(t)) {
			v.Fields = append(v.Fields, Field{Key: k, KeyPos: pos, Value: l.value(t[k], pos, off)})
		}
		return v
	case nil:
		return Value{Kind: KindNull, Pos: pos}
	}
	return Value{Kind: KindScalar, Text: tomlScalar(x), Pos: pos}
}

// tomlScalar writes a TOML scalar as text; dates keep only the parts given.
func tomlScalar(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case time.Time:
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format("2006-01-02")
		}
		return t.Format(time.RFC3339)
	}
	return fmt.Sprint(x)
}
