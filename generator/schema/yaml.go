package schema

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/slug"
)

//go:embed builtin.yaml
var builtinYAML []byte

// Builtin returns the built-in AI-governance schema.
func Builtin() *Schema {
	var doc yaml.Node
	if err := yaml.Unmarshal(builtinYAML, &doc); err != nil {
		panic("schema: builtin.yaml: " + err.Error()) // a bug in the binary, not in user input
	}
	s, problems := FromYAML("builtin.yaml", doc.Content[0])
	if len(problems) > 0 {
		panic("schema: builtin.yaml: " + problems.String())
	}
	return s
}

// FromYAML reads types from a YAML map of type names to their
// descriptions, as builtin.yaml and the "types:" of kb.yaml hold them.
// Problems carry places in file.
func FromYAML(file string, n *yaml.Node) (*Schema, diag.List) {
	r := &reader{file: file}
	s := &Schema{}
	r.mapping(n, "types", func(name *yaml.Node, v *yaml.Node) {
		if t := r.typ(name.Value, v); t != nil {
			t.Pos = pos(name)
			s.Types = append(s.Types, t)
		}
	})
	return s, r.problems
}

// reader collects the problems of one YAML description.
type reader struct {
	file     string
	problems diag.List
}

func (r *reader) errorf(n *yaml.Node, format string, args ...any) {
	r.problems.Errorf(r.file, pos(n), format, args...)
}

func pos(n *yaml.Node) diag.Pos { return diag.Pos{Line: n.Line, Col: n.Column} }

// mapping calls fn for each key of a YAML map, in the order written.
func (r *reader) mapping(n *yaml.Node, what string, fn func(key *yaml.Node, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		r.errorf(n, "%s must be a map", what)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i], n.Content[i+1])
	}
}

func (r *reader) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, "%s must be text", what)
		return ""
	}
	return n.Value
}

func (r *reader) strs(n *yaml.Node, what string) []string {
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, "%s must be a list", what)
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, r.str(c, what))
	}
	return out
}

func (r *reader) boolean(n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode || (n.Value != "true" && n.Value != "false") {
		r.errorf(n, "%s must be true or false", what)
		return false
	}
	return n.Value == "true"
}

func (r *reader) typ(name string, n *yaml.Node) *Type {
	t := &Type{Name: name, Folder: name + "s"}
	if slug.Make(name) != name || name == PageType {
		r.errorf(n, "type name %q must be a lower-case slug other than %q", name, PageType)
	}
	r.mapping(n, "type "+name, func(k *yaml.Node, v *yaml.Node) {
		switch key := k.Value; key {
		case "folder":
			t.Folder = r.str(v, "folder")
		case "label":
			t.Label = r.str(v, "label")
		case "singular":
			t.Singular = r.str(v, "singular")
		case "end":
			t.End = r.str(v, "end")
		case "columns":
			t.Columns = r.strs(v, "columns")
		case "fields":
			r.mapping(v, "fields", func(fname *yaml.Node, fv *yaml.Node) {
				t.Fields = append(t.Fields, r.field(fname.Value, fv))
			})
		case "relations":
			r.mapping(v, "relations", func(rname *yaml.Node, rv *yaml.Node) {
				rel := r.relation(rname.Value, rv)
				rel.Pos = pos(rname)
				t.Relations = append(t.Relations, rel)
			})
		default:
			r.errorf(k, "type %s: unknown setting %q (folder, label, singular, end, columns, fields, relations)", name, key)
		}
	})
	if t.Label == "" {
		t.Label = titleCase(t.Folder)
	}
	if t.Singular == "" {
		t.Singular = titleCase(name)
	}
	if t.End != "" {
		if f, ok := t.Field(t.End); !ok || f.Kind != KindDate {
			r.errorf(n, "type %s: end %q must name one of its date fields", name, t.End)
		}
	}
	for _, c := range t.Columns {
		if _, ok := t.Field(c); !ok {
			r.errorf(n, "type %s: column %q is not one of its fields", name, c)
		}
	}
	return t
}

func (r *reader) field(name string, n *yaml.Node) Field {
	f := Field{Name: name, Kind: KindText, Label: labelOf(name)}
	r.mapping(n, "field "+name, func(k *yaml.Node, v *yaml.Node) {
		switch key := k.Value; key {
		case "type":
			f.Kind = FieldKind(r.str(v, "type"))
			if !slices.Contains(fieldKinds(), f.Kind) {
				r.errorf(v, "field %s: unknown type %q (one of %s)", name, f.Kind, joinKinds())
			}
		case "label":
			f.Label = r.str(v, "label")
		case "values":
			f.Values = r.strs(v, "values")
		case "labels":
			f.Labels = map[string]string{}
			r.mapping(v, "labels", func(k *yaml.Node, lv *yaml.Node) {
				f.Labels[k.Value] = r.str(lv, "label")
			})
		case "required":
			f.Required = r.boolean(v, "required")
		case "timeline":
			f.Timeline = r.str(v, "timeline")
		default:
			r.errorf(k, "field %s: unknown setting %q (type, label, values, labels, required, timeline)", name, key)
		}
	})
	if f.Kind == KindEnum && len(f.Values) == 0 {
		r.errorf(n, "field %s: an enum needs values", name)
	}
	for v := range f.Labels {
		if !slices.Contains(f.Values, v) {
			r.errorf(n, "field %s: a label for %q, which is not one of its values", name, v)
		}
	}
	if f.Timeline != "" && f.Kind != KindDate {
		r.errorf(n, "field %s: only a date field can join the timeline", name)
	}
	if isCommon(name) {
		r.errorf(n, "field %s: %q is a common field of every page and cannot be redefined", name, name)
	}
	return f
}

func (r *reader) relation(name string, n *yaml.Node) Relation {
	rel := Relation{Name: name, Label: labelOf(name)}
	r.mapping(n, "relation "+name, func(k *yaml.Node, v *yaml.Node) {
		switch key := k.Value; key {
		case "target":
			rel.Target, rel.TargetPos = r.str(v, "target"), pos(v)
		case "label":
			rel.Label = r.str(v, "label")
		case "inverse":
			rel.Inverse = r.str(v, "inverse")
		case "symmetric":
			rel.Symmetric = r.boolean(v, "symmetric")
		default:
			r.errorf(k, "relation %s: unknown setting %q (target, label, inverse, symmetric)", name, key)
		}
	})
	if rel.Target == "" {
		r.errorf(n, "relation %s: needs a target type", name)
	}
	if rel.Inverse == "" && !rel.Symmetric {
		rel.Inverse = rel.Label + " (inverse)"
	}
	return rel
}

// Check reports what is wrong with a whole schema once its types are
// merged: folders used twice, relations to types that do not exist.
func (s *Schema) Check(file string) diag.List {
	var problems diag.List
	var names []string
	for _, t := range s.Types {
		names = append(names, t.Name)
	}
	folders := map[string]string{}
	for _, t := range s.Types {
		if other, ok := folders[t.Folder]; ok {
			problems.Errorf(file, t.Pos, "types %s and %s both use the folder %q", other, t.Name, t.Folder)
		}
		folders[t.Folder] = t.Name
		for _, rel := range t.Relations {
			switch {
			case s.Type(rel.Target) == nil:
				hint := " (the types are " + strings.Join(names, ", ") + ")"
				if near := slug.Nearest(rel.Target, names); near != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", near)
				}
				problems.Errorf(file, rel.TargetPos, "type %s: relation %s: target type %q does not exist%s", t.Name, rel.Name, rel.Target, hint)
			case rel.Symmetric && rel.Target != t.Name:
				problems.Errorf(file, rel.TargetPos, "type %s: relation %s: a symmetric relation must target its own type", t.Name, rel.Name)
			}
			if _, clash := t.Field(rel.Name); clash {
				problems.Errorf(file, rel.Pos, "type %s: %q is both a field and a relation", t.Name, rel.Name)
			}
		}
	}
	return problems
}

// labelOf makes a shown name of a field name: "in_force" -> "In force".
func labelOf(name string) string {
	return titleCase(strings.ReplaceAll(name, "_", " "))
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func joinKinds() string {
	var names []string
	for _, k := range fieldKinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// Describe is a one-line summary of a type's fields, used by kb new.
func (f Field) Describe() string {
	switch f.Kind {
	case KindEnum:
		return fmt.Sprintf("one of: %s", strings.Join(f.Values, ", "))
	case KindDate:
		return "YYYY, YYYY-MM or YYYY-MM-DD"
	case KindBool:
		return "true or false"
	case KindList:
		return "a list"
	case KindURL:
		return "an http(s) address"
	case KindNumber:
		return "a number"
	}
	return "text"
}
