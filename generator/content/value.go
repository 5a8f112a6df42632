package content

import (
	"bytes"

	"github.com/kbgen/kb/generator/diag"
)

// Kind says what shape a front-matter value has.
type Kind int

const (
	KindNull Kind = iota
	KindScalar
	KindList
	KindMap
)

func (k Kind) String() string {
	return [...]string{"nothing", "a single value", "a list", "a map"}[k]
}

// Value is one front-matter value and where it was written, whatever the
// format it came from. Scalars keep the text as written ("2025-07",
// "true", "14110"), so that the schema, not the YAML library, decides
// what a date or a number is.
type Value struct {
	Kind   Kind
	Text   string  // KindScalar
	Items  []Value // KindList
	Fields []Field // KindMap, in the order written
	Pos    diag.Pos
}

// Field is a key and its value.
type Field struct {
	Key    string
	KeyPos diag.Pos
	Value  Value
}

// Get returns the field named key of a map value.
func (v Value) Get(key string) (Field, bool) {
	for _, f := range v.Fields {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// countLines is the number of newlines in b.
func countLines(b []byte) int { return bytes.Count(b, []byte{'\n'}) }
