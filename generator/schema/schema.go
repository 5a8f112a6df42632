// Package schema knows the types of pages, their fields and relations, and
// checks each page against its type. The built-in AI-governance schema is
// written in the same YAML a site's kb.yaml uses, so anything it does a
// site can do with its own types.
package schema

import (
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/diag"
)

// FieldKind is what values a field takes.
type FieldKind string

const (
	KindText   FieldKind = "text"   // one line of free text
	KindEnum   FieldKind = "enum"   // one of Values
	KindDate   FieldKind = "date"   // YYYY, YYYY-MM or YYYY-MM-DD
	KindBool   FieldKind = "bool"   // true or false
	KindNumber FieldKind = "number" // an integer or a decimal
	KindURL    FieldKind = "url"    // an http(s) address
	KindList   FieldKind = "list"   // a list of text values
)

// fieldKinds lists the kinds a schema may name, for its error messages.
func fieldKinds() []FieldKind {
	return []FieldKind{KindText, KindEnum, KindDate, KindBool, KindNumber, KindURL, KindList}
}

// Field describes one field of a type.
type Field struct {
	Name     string
	Label    string // shown name: "In force" for in_force
	Kind     FieldKind
	Values   []string          // the allowed values of an enum
	Labels   map[string]string // how readers see some enum values; others are shown as words
	Required bool
	Timeline string // for dates: the label of the timeline entry it makes ("adopted"), or ""
}

// Relation describes a field whose values are links to pages of one type.
type Relation struct {
	Name      string
	Label     string // shown on the page that has the field: "Proposed by"
	Target    string // the type the values must be
	Inverse   string // shown on the target: "Proposed"
	Symmetric bool   // shown under Label on both pages (risk "related")
	// Pos and TargetPos are where the relation and its target are
	// defined in kb.yaml, for problems that only the whole schema shows.
	Pos, TargetPos diag.Pos
}

// Show is how readers see an enum value: its label, or the value as
// words ("action-plan" -> "Action plan").
func (f *Field) Show(value string) string {
	if l, ok := f.Labels[value]; ok {
		return l
	}
	v := strings.ReplaceAll(value, "-", " ")
	if v == "" {
		return v
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// Type is a kind of page, kept in one folder of content/.
type Type struct {
	Name      string // "initiative"
	Folder    string // "initiatives"
	Label     string // "Initiatives", for headings and navigation
	Singular  string // "Initiative"
	End       string // the date field that ends a page's span (event "end"), or ""
	Columns   []string
	Fields    []Field
	Relations []Relation
	Pos       diag.Pos // where the type is defined in kb.yaml; zero for built-in types
}

// Field returns the field named name.
func (t *Type) Field(name string) (Field, bool) {
	i := slices.IndexFunc(t.Fields, func(f Field) bool { return f.Name == name })
	if i < 0 {
		return Field{}, false
	}
	return t.Fields[i], true
}

// Relation returns the relation named name, shared by every edge of it.
func (t *Type) Relation(name string) (*Relation, bool) {
	i := slices.IndexFunc(t.Relations, func(r Relation) bool { return r.Name == name })
	if i < 0 {
		return nil, false
	}
	return &t.Relations[i], true
}

// PageType is the type of pages outside the typed folders: only the
// common fields apply.
const PageType = "page"

// Schema is the set of types of a site, in the order they are listed.
type Schema struct {
	Types []*Type
}

// Type returns the type named name, or nil.
func (s *Schema) Type(name string) *Type {
	for _, t := range s.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TypeOfFolder returns the type kept in content/<folder>, or nil for plain pages.
func (s *Schema) TypeOfFolder(folder string) *Type {
	for _, t := range s.Types {
		if t.Folder == folder {
			return t
		}
	}
	return nil
}

// Merge returns a schema with the types of over added to those of s; a type
// of over with the name of one of s replaces it.
func (s *Schema) Merge(over *Schema) *Schema {
	out := &Schema{Types: slices.Clone(s.Types)}
	for _, t := range over.Types {
		if i := slices.IndexFunc(out.Types, func(u *Type) bool { return u.Name == t.Name }); i >= 0 {
			out.Types[i] = t
		} else {
			out.Types = append(out.Types, t)
		}
	}
	return out
}
