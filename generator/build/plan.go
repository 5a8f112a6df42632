package build

import (
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
)

// Effect says which outputs an edit of one page can change. It is decided
// from the page before and after the edit alone, as plain data, so that it
// can be tested with a table; which pages are neighbours is then read
// from the graphs.
type Effect uint8

const (
	// Self is the page's own output.
	Self Effect = 1 << iota
	// Neighbours are the pages that show something of it: those it links
	// to or relates to, and those that link or relate to it, before or
	// after the edit.
	Neighbours
	// Namesakes are the pages whose links or relations name one of its
	// names, before or after: a rename or a new page may resolve or break them.
	Namesakes
	// Lists are the pages made of many pages: type indexes, home,
	// timeline, tags, the feed and the sitemap.
	Lists
	// Search is the search index.
	Search
	// Data is graph.json and timeline.json.
	Data

	// Everything is what creating or deleting a page can change.
	Everything = Self | Neighbours | Namesakes | Lists | Search | Data
)

// Plan decides what an edit of one page can change. old is nil for a new
// page, new is nil for a deleted one.
func Plan(old, new *graph.Page) Effect {
	if old == nil || new == nil {
		return Everything
	}
	if old.IsHome() || old.IsSectionIndex() {
		return Lists // their text is only shown on the home page or a type index
	}
	if old.ID != new.ID || old.Draft != new.Draft {
		return Everything
	}
	e := Self
	if !graph.SameNames(old, new) {
		e |= Neighbours | Namesakes | Lists | Search | Data
	}
	if old.Summary() != new.Summary() {
		e |= Neighbours | Lists | Search | Data
	}
	if !sameDates(old.Meta, new.Meta) {
		e |= Neighbours | Lists | Data
	}
	if !slices.EqualFunc(old.Meta.Values, new.Meta.Values, sameValue) {
		e |= Lists | Data
	}
	if old.Meta.Updated != new.Meta.Updated {
		e |= Lists
	}
	if !slices.Equal(old.Meta.Tags, new.Meta.Tags) {
		e |= Lists | Search | Data
	}
	if !slices.EqualFunc(old.Meta.Refs, new.Meta.Refs, func(a, b schema.Ref) bool {
		return a.Relation == b.Relation && a.Target == b.Target
	}) {
		e |= Neighbours | Lists | Data
	}
	if !slices.EqualFunc(links(old), links(new), sameLink) || !sameContexts(old, new) {
		e |= Neighbours | Data
	}
	if !slices.Equal(headings(old), headings(new)) || !slices.Equal(blocks(old), blocks(new)) {
		e |= Neighbours
	}
	if text(old) != text(new) {
		e |= Search
	}
	return e
}

// sameDates compares all that puts a page on timelines: its date and end,
// its milestones and the date fields that join the timeline.
func sameDates(a, b *schema.Meta) bool {
	return a.Date == b.Date && a.End == b.End && slices.Equal(a.Timeline, b.Timeline) &&
		slices.EqualFunc(timelineValues(a), timelineValues(b), sameValue)
}

func timelineValues(m *schema.Meta) []schema.FieldValue {
	var out []schema.FieldValue
	for _, v := range m.Values {
		if v.Field.Timeline != "" {
			out = append(out, v)
		}
	}
	return out
}

func sameValue(a, b schema.FieldValue) bool {
	return a.Field.Name == b.Field.Name && a.Text == b.Text && a.Date == b.Date &&
		a.Bool == b.Bool && slices.Equal(a.List, b.List) && a.Unknown == b.Unknown
}

func links(p *graph.Page) []markdown.Link {
	if p.Doc == nil {
		return nil
	}
	return p.Doc.Links()
}

// sameLink compares where a link goes and how; its place in the file does
// not matter.
func sameLink(a, b markdown.Link) bool {
	return a.Target == b.Target && a.Heading == b.Heading && a.Label == b.Label && a.Embed == b.Embed && a.Kind == b.Kind
}

// sameContexts compares the sentences around two versions of a page's
// links, which their targets show.
func sameContexts(a, b *graph.Page) bool {
	if a.Doc == nil || b.Doc == nil {
		return a.Doc == b.Doc
	}
	return a.Doc.SameContexts(b.Doc)
}

func blocks(p *graph.Page) []string {
	if p.Doc == nil {
		return nil
	}
	return p.Doc.Blocks
}

func headings(p *graph.Page) []markdown.Heading {
	if p.Doc == nil {
		return nil
	}
	return p.Doc.Headings
}

func text(p *graph.Page) string {
	if p.Doc == nil {
		return ""
	}
	t, _ := p.Doc.PlainText() // pages of a live site are never spooled
	return t
}

// String names the effects, for tests and logs: "Self|Search".
func (e Effect) String() string {
	names := []string{"Self", "Neighbours", "Namesakes", "Lists", "Search", "Data"}
	var parts []string
	for i, n := range names {
		if e&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "|")
}
