package schema

import (
	"github.com/kbgen/kb/generator/chunk"
	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
)

// Kept holds the Metas of many pages, and their lists, side by side (see
// package chunk): a one-off build keeps every page's Meta to its end, and
// made while pages are read each would be objects of their own among the
// reading's garbage. A Kept is not safe for concurrent use: keep one for
// each core.
type Kept struct {
	metas      chunk.Of[Meta]
	values     chunk.Of[FieldValue]
	strings    chunk.Of[string]
	sources    chunk.Of[Source]
	milestones chunk.Of[Milestone]
	refs       chunk.Of[Ref]
}

// ValidateKeeping is Validate with the Meta it returns kept in k; with a
// nil k it is Validate.
func (s *Schema) ValidateKeeping(p *content.Page, k *Kept) (*Meta, diag.List) {
	m, problems := s.Validate(p)
	if k == nil {
		return m, problems
	}
	return k.keep(m), problems
}

// keep returns a copy of m, its lists copied too, in k's chunks.
func (k *Kept) keep(m *Meta) *Meta {
	c := k.metas.New()
	*c = *m
	c.Aliases, c.Tags = k.strings.Copy(m.Aliases), k.strings.Copy(m.Tags)
	c.Sources, c.Timeline = k.sources.Copy(m.Sources), k.milestones.Copy(m.Timeline)
	c.Refs, c.Values = k.refs.Copy(m.Refs), k.values.Copy(m.Values)
	for i := range c.Values {
		c.Values[i].List = k.strings.Copy(c.Values[i].List)
	}
	return c
}
