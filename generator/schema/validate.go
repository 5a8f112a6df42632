package schema

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/slug"
)

// Meta is what a page's front matter says, checked against its type.
type Meta struct {
	Type     string // a schema type's name, or PageType
	Summary  string
	Date     Date
	End      Date // the end of the page's span, for types with an end field
	Updated  Date
	Aliases  []string
	Tags     []string
	Sources  []Source
	Timeline []Milestone
	Values   []FieldValue // the type's fields that are set, in schema order, then the unknown ones
	Refs     []Ref        // relation targets as written, in schema order
}

// FieldValue is one field's checked value.
type FieldValue struct {
	Field   *Field   // the schema's field, shared by every page that sets it
	Text    string   // as written, for text, enum, number and url
	Date    Date     // for dates
	Bool    bool     // for bools
	List    []string // for lists
	Unknown bool     // the schema does not name this field
}

// Display is the value as readers see it.
func (v FieldValue) Display() string {
	switch v.Field.Kind {
	case KindDate:
		return v.Date.Display()
	case KindBool:
		if v.Bool {
			return "yes"
		}
		return "no"
	case KindList:
		return strings.Join(v.List, ", ")
	}
	return v.Text
}

// Ref is one relation target as written in front matter, before the
// graph resolves it.
type Ref struct {
	Relation string
	Target   string // "china", from "china" or "[[China]]"
	Pos      diag.Pos
}

// Source is a citation.
type Source struct {
	Title, URL, Publisher string
	Date                  Date
}

// Milestone is one entry of a page's timeline: field; with an End it is a
// span, such as a law's staged application.
type Milestone struct {
	Date, End Date
	Title     string
}

// commonFields lists the fields every page may have.
func commonFields() []string {
	return []string{"title", "slug", "summary", "date", "aliases", "tags", "sources", "timeline", "draft", "updated"}
}

func isCommon(name string) bool { return slices.Contains(commonFields(), name) }

// Validate checks a page's front matter against the type of its folder
// and returns what it says. Every problem is reported, not only the first.
func (s *Schema) Validate(p *content.Page) (*Meta, diag.List) {
	v := &validator{path: p.Path}
	t := s.TypeOfFolder(p.Section)
	m := &Meta{Type: PageType}
	if t != nil && !p.IsSectionIndex() {
		m.Type = t.Name
	} else {
		t = nil
	}
	if p.Broken {
		return m, nil // its front matter's problem is all there is to say
	}
	// A field left empty ("date:" as kb new writes it) is a field not given.
	// Most pages have none, and keep their own slice: a copy for each page
	// was a third of what validation allocated.
	null := func(f content.Field) bool { return f.Value.Kind == content.KindNull }
	fields := p.Fields
	if slices.ContainsFunc(fields, null) {
		fields = slices.DeleteFunc(slices.Clone(fields), null)
	}
	given := func(name string) (content.Field, bool) { return content.Value{Fields: fields}.Get(name) }
	for _, f := range fields {
		v.common(m, f)
	}
	if t != nil {
		for i := range t.Fields {
			spec := &t.Fields[i]
			f, ok := given(spec.Name)
			if !ok {
				if spec.Required {
					v.problems.Errorf(p.Path, diag.Pos{Line: 1, Col: 1}, "missing required field %q (%s)", spec.Name, spec.Describe())
				}
				continue
			}
			if fv, ok := v.value(spec, f.Value); ok {
				m.Values = append(m.Values, fv)
				if spec.Name == t.End {
					m.End = fv.Date
				}
			}
		}
		for _, rel := range t.Relations {
			if f, ok := given(rel.Name); ok {
				m.Refs = append(m.Refs, v.refs(rel.Name, f.Value)...)
			}
		}
	}
	for _, f := range fields {
		if isCommon(f.Key) {
			continue
		}
		if t != nil {
			if _, ok := t.Field(f.Key); ok {
				continue
			}
			if _, ok := t.Relation(f.Key); ok {
				continue
			}
		}
		v.unknown(m, t, f)
	}
	if !m.End.IsZero() && !m.Date.IsZero() && m.End.Compare(m.Date) < 0 {
		f, _ := given(t.End)
		v.problems.Errorf(p.Path, f.Value.Pos, "%s %s is before the date %s", t.End, m.End, m.Date)
	}
	return m, v.problems
}

type validator struct {
	path     string
	problems diag.List
}

func (v *validator) errorf(pos diag.Pos, format string, args ...any) {
	v.problems.Errorf(v.path, pos, format, args...)
}

// unknown keeps a field the schema does not name, with a warning.
func (v *validator) unknown(m *Meta, t *Type, f content.Field) {
	where := "plain pages"
	var names []string
	names = append(names, commonFields()...)
	if t != nil {
		where = "type " + t.Name
		for _, x := range t.Fields {
			names = append(names, x.Name)
		}
		for _, x := range t.Relations {
			names = append(names, x.Name)
		}
	}
	hint := ""
	if near := slug.Nearest(f.Key, names); near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	v.problems.Warnf(v.path, f.KeyPos, "field %q is not in the schema of %s; it is kept and shown%s", f.Key, where, hint)
	fv := FieldValue{Field: &Field{Name: f.Key, Label: labelOf(f.Key), Kind: KindText}, Unknown: true}
	switch f.Value.Kind {
	case content.KindScalar:
		fv.Text = f.Value.Text
	case content.KindList:
		fv.Field.Kind = KindList
		for _, it := range f.Value.Items {
			fv.List = append(fv.List, flatText(it))
		}
	default:
		fv.Text = flatText(f.Value)
	}
	m.Values = append(m.Values, fv)
}

// flatText writes any value as one line, for unknown fields.
func flatText(val content.Value) string {
	switch val.Kind {
	case content.KindScalar:
		return val.Text
	case content.KindList:
		var parts []string
		for _, it := range val.Items {
			parts = append(parts, flatText(it))
		}
		return strings.Join(parts, ", ")
	case content.KindMap:
		var parts []string
		for _, f := range val.Fields {
			parts = append(parts, f.Key+": "+flatText(f.Value))
		}
		return strings.Join(parts, "; ")
	}
	return ""
}

func (v *validator) common(m *Meta, f content.Field) {
	switch f.Key {
	case "summary":
		m.Summary = v.text(f.Key, f.Value)
	case "date":
		m.Date = v.date(f.Key, f.Value)
	case "updated":
		m.Updated = v.date(f.Key, f.Value)
	case "aliases":
		m.Aliases = v.texts(f.Key, f.Value)
	case "tags":
		tags := v.texts(f.Key, f.Value)
		for _, tag := range tags {
			if slug.Make(tag) == "" {
				v.errorf(f.Value.Pos, "tag %q has no letters or digits", tag)
			}
		}
		m.AddTags(tags...)
	case "sources":
		m.Sources = v.sources(f.Value)
	case "timeline":
		m.Timeline = v.milestones(f.Value)
	}
}

// AddTags adds tags to the page's, each once: tags are one when their
// slugs are ("AI Safety", "ai-safety"), as their pages are, and the
// first spelling is kept. A tag with no slug, an error, is kept as given.
func (m *Meta) AddTags(tags ...string) {
	have := make(map[string]bool, len(m.Tags)+len(tags))
	for _, t := range m.Tags {
		have[slug.Make(t)] = true
	}
	for _, t := range tags {
		s := slug.Make(t)
		if s != "" && have[s] {
			continue
		}
		have[s] = true
		m.Tags = append(m.Tags, t)
	}
}

func (v *validator) text(name string, val content.Value) string {
	if val.Kind != content.KindScalar {
		v.errorf(val.Pos, "%s must be text, not %s", name, val.Kind)
		return ""
	}
	return val.Text
}

// texts reads a list of text values; a single value is a list of one.
func (v *validator) texts(name string, val content.Value) []string {
	switch val.Kind {
	case content.KindNull:
		return nil
	case content.KindScalar:
		return []string{val.Text}
	case content.KindList:
		out := make([]string, 0, len(val.Items))
		for _, it := range val.Items {
			out = append(out, v.text(name, it))
		}
		return out
	}
	v.errorf(val.Pos, "%s must be a list, not %s", name, val.Kind)
	return nil
}

func (v *validator) date(name string, val content.Value) Date {
	if val.Kind != content.KindScalar {
		v.errorf(val.Pos, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not %s", name, val.Kind)
		return Date{}
	}
	d, err := ParseDate(val.Text)
	if err != nil {
		v.errorf(val.Pos, "%s: %v", name, err)
	}
	return d
}

func (v *validator) url(name string, val content.Value) string {
	s := v.text(name, val)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.errorf(val.Pos, "%s: %q is not an http(s) address", name, s)
	}
	return s
}

// value checks one field of the type.
func (v *validator) value(spec *Field, val content.Value) (FieldValue, bool) {
	fv := FieldValue{Field: spec}
	n := len(v.problems)
	name := fmt.Sprintf("field %q", spec.Name)
	switch spec.Kind {
	case KindText:
		fv.Text = v.text(name, val)
	case KindEnum:
		fv.Text = v.text(name, val)
		if len(v.problems) == n && !slices.Contains(spec.Values, fv.Text) {
			hint := ""
			if near := slug.Nearest(fv.Text, spec.Values); near != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", near)
			}
			v.errorf(val.Pos, "%s: %q is not one of %s%s", name, fv.Text, strings.Join(spec.Values, ", "), hint)
		}
	case KindDate:
		fv.Date = v.date(name, val)
	case KindBool:
		s := v.text(name, val)
		if s != "true" && s != "false" && len(v.problems) == n {
			v.errorf(val.Pos, "%s: %q is not true or false", name, s)
		}
		fv.Bool = s == "true"
	case KindNumber:
		fv.Text = v.text(name, val)
		if _, err := strconv.ParseFloat(fv.Text, 64); err != nil && len(v.problems) == n {
			v.errorf(val.Pos, "%s: %q is not a number", name, fv.Text)
		}
	case KindURL:
		fv.Text = v.url(name, val)
	case KindList:
		fv.List = v.texts(name, val)
	}
	return fv, len(v.problems) == n
}

// refs reads a relation's targets: a list, or a single value. "[[China]]"
// and a YAML flow list [[China]] written without quotes both mean "China".
func (v *validator) refs(rel string, val content.Value) []Ref {
	items := []content.Value{val}
	switch val.Kind {
	case content.KindNull:
		return nil
	case content.KindList:
		items = val.Items
	}
	var out []Ref
	for _, it := range items {
		if it.Kind == content.KindList && len(it.Items) == 1 && it.Items[0].Kind == content.KindList &&
			len(it.Items[0].Items) == 1 && it.Items[0].Items[0].Kind == content.KindScalar {
			it = it.Items[0].Items[0] // [[China]] unquoted in a YAML list
		}
		if it.Kind == content.KindList && len(it.Items) == 1 && it.Items[0].Kind == content.KindScalar {
			it = it.Items[0]
		}
		if it.Kind != content.KindScalar {
			v.errorf(it.Pos, "relation %q: a target must be a page name, not %s", rel, it.Kind)
			continue
		}
		target := strings.TrimSpace(it.Text)
		if inner, ok := strings.CutPrefix(target, "[["); ok {
			target = strings.TrimSuffix(inner, "]]")
			if i := strings.IndexByte(target, '|'); i >= 0 {
				target = target[:i] // a label has no place in a relation
			}
		}
		if target == "" {
			v.errorf(it.Pos, "relation %q: empty target", rel)
			continue
		}
		out = append(out, Ref{Relation: rel, Target: target, Pos: it.Pos})
	}
	return out
}

func (v *validator) sources(val content.Value) []Source {
	if val.Kind != content.KindList {
		v.errorf(val.Pos, "sources must be a list of {title, url, publisher, date}")
		return nil
	}
	var out []Source
	for _, it := range val.Items {
		if it.Kind != content.KindMap {
			v.errorf(it.Pos, "a source must be a map of title, url, publisher and date")
			continue
		}
		var s Source
		for _, f := range it.Fields {
			if f.Value.Kind == content.KindNull {
				continue // left empty
			}
			switch f.Key {
			case "title":
				s.Title = v.text("source title", f.Value)
			case "url":
				s.URL = v.url("source url", f.Value)
			case "publisher":
				s.Publisher = v.text("source publisher", f.Value)
			case "date":
				s.Date = v.date("source date", f.Value)
			default:
				v.problems.Warnf(v.path, f.KeyPos, "a source has title, url, publisher and date; %q is ignored", f.Key)
			}
		}
		if _, ok := it.Get("url"); !ok {
			v.errorf(it.Pos, "a source needs a url")
		}
		if s.Title == "" {
			s.Title = s.URL
		}
		out = append(out, s)
	}
	return out
}

func (v *validator) milestones(val content.Value) []Milestone {
	if val.Kind != content.KindList {
		v.errorf(val.Pos, "timeline must be a list of {date, title}")
		return nil
	}
	var out []Milestone
	for _, it := range val.Items {
		if it.Kind != content.KindMap {
			v.errorf(it.Pos, "a timeline entry must be a map of date and title")
			continue
		}
		var ms Milestone
		d, okD := it.Get("date")
		t, okT := it.Get("title")
		if !okD || !okT {
			v.errorf(it.Pos, "a timeline entry needs a date and a title")
			continue
		}
		ms.Date = v.date("timeline date", d.Value)
		ms.Title = v.text("timeline title", t.Value)
		for _, f := range it.Fields {
			switch f.Key {
			case "date", "title":
			case "end":
				ms.End = v.date("timeline end", f.Value)
				if !ms.End.IsZero() && ms.End.Compare(ms.Date) < 0 {
					v.errorf(f.Value.Pos, "timeline end %s is before its date %s", ms.End, ms.Date)
				}
			default:
				v.problems.Warnf(v.path, f.KeyPos, "a timeline entry has a date, a title and an optional end; %q is ignored", f.Key)
			}
		}
		if !ms.Date.IsZero() {
			out = append(out, ms)
		}
	}
	return out
}
