package render

import (
	"cmp"
	"io"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
	"github.com/kbgen/kb/generator/timeline"
)

// Option is a choice of a timeline filter.
type Option struct {
	Value, Label string
}

// Filter is one of the timeline's filters.
type Filter struct {
	Name, Label string
	Options     []Option
}

// YearView is a year of the timeline.
type YearView struct {
	Year   int
	Months []MonthView
}

// MonthView is a month of a year of the timeline; Name is "" for entries
// known only to the year.
type MonthView struct {
	Name    string
	Entries []Entry
}

// TimelineView is the data of the timeline page.
type TimelineView struct {
	Site    *Site
	Key     string
	Filters []Filter
	Years   iter.Seq[YearView] // made one at a time, as the page is written
	Count   int
}

// allLines returns every page's timeline lines, oldest first, made once:
// the home page and the timeline both need them. They point to the lines
// each page keeps (dayLines), which its related pages' timelines show.
func (r *Renderer) allLines() []*dayLine {
	r.allLinesOnce.Do(func() {
		ids := r.g.IDs()
		pages := make([][]dayLine, len(ids))
		n := 0
		for i := range ids {
			pages[i] = r.dayLines(r.g.Nth(i).Slot)
			n += len(pages[i])
		}
		lines := make([]*dayLine, 0, n)
		for _, own := range pages {
			for i := range own {
				lines = append(lines, &own[i])
			}
		}
		slices.SortFunc(lines, compareLines) // no ties: see timeline.Compare
		r.allLinesCache = lines
	})
	return r.allLinesCache
}

// Timeline renders the timeline of everything, newest first. The page is
// made a year at a time as it is written, so that a large site's
// timeline is never all in memory.
func (r *Renderer) Timeline(w io.Writer) error {
	v := &TimelineView{Site: r.site, Key: "timeline"}
	dims := r.filterTypes()
	// seen[k] marks, by slot, the pages an entry names of dims[k]'s type:
	// the filter's options.
	seen := make([][]bool, len(dims))
	for k := range dims {
		seen[k] = make([]bool, r.g.Slots())
	}
	types := map[string]bool{}
	tags := map[string]string{}
	filters := make([]string, r.g.Slots()) // a page's filter data, by slot, shared by its lines
	lines := r.allLines()                  // oldest first; the page is written newest first
	var relatedTypes []string
	var attrs []byte // the filter data being written, "type:risk participant:china tag:x"
	for _, l := range lines {
		if filters[l.slot] != "" {
			continue
		}
		n := r.g.At(l.slot)
		types[n.Meta.Type] = true
		attrs = append(append(attrs[:0], "type:"...), n.Meta.Type...)
		// The page itself and the pages related to it, by type: each
		// related page's type read once, not once a type.
		related := n.RelatedSlots()
		relatedTypes = relatedTypes[:0]
		for _, s := range related {
			relatedTypes = append(relatedTypes, r.typeOf(s))
		}
		for k, d := range dims {
			add := func(slot int32) {
				seen[k][slot] = true
				attrs = append(append(append(append(attrs, ' '), d.Name...), ':'), shortID(r.g.ID(slot), d)...)
			}
			if n.Meta.Type == d.Name {
				add(l.slot)
			}
			for i, s := range related {
				if relatedTypes[i] == d.Name {
					add(s)
				}
			}
		}
		for _, t := range n.Meta.Tags {
			s := slug.Make(t)
			if _, ok := tags[s]; !ok {
				tags[s] = t
			}
			attrs = append(append(attrs, " tag:"...), s...)
		}
		filters[l.slot] = string(attrs)
	}
	v.Count = len(lines)
	v.Years = func(yield func(YearView) bool) {
		for i := len(lines) - 1; i >= 0; {
			y := YearView{Year: lines[i].date().Year}
			for ; i >= 0 && lines[i].date().Year == y.Year; i-- {
				name := "During the year"
				if m := lines[i].date().Month; m > 0 {
					name = monthName(m)
				}
				if len(y.Months) == 0 || y.Months[len(y.Months)-1].Name != name {
					y.Months = append(y.Months, MonthView{Name: name, Entries: make([]Entry, 0, monthRun(lines, i))})
				}
				mv := &y.Months[len(y.Months)-1]
				mv.Entries = append(mv.Entries, r.lineEntry(lines[i], false, filters[lines[i].slot], true))
			}
			if !yield(y) {
				return
			}
		}
	}
	typeFilter := Filter{Name: "type", Label: "Type"}
	for _, t := range r.cfg.Schema.Types {
		if types[t.Name] {
			typeFilter.Options = append(typeFilter.Options, Option{Value: t.Name, Label: t.Label})
		}
	}
	if types[schema.PageType] {
		typeFilter.Options = append(typeFilter.Options, Option{Value: schema.PageType, Label: "Pages"})
	}
	v.Filters = append(v.Filters, typeFilter)
	for k, d := range dims {
		f := Filter{Name: d.Name, Label: d.Singular}
		for s, ok := range seen[k] {
			if ok {
				f.Options = append(f.Options, Option{Value: shortID(r.g.ID(int32(s)), d), Label: r.g.At(int32(s)).Title})
			}
		}
		slices.SortFunc(f.Options, compareOptions)
		v.Filters = append(v.Filters, f)
	}
	tagFilter := Filter{Name: "tag", Label: "Tag"}
	for s, name := range tags {
		tagFilter.Options = append(tagFilter.Options, Option{Value: s, Label: name})
	}
	slices.SortFunc(tagFilter.Options, compareOptions)
	v.Filters = append(v.Filters, tagFilter)
	return r.write("timeline", v, w)
}

// monthRun is how many lines, from lines[i] back to the oldest, share
// its year and month: the entries of its month on the timeline page,
// whose slice is then made once. Appended one by one, a large site's
// months (hundreds of entries each at 100,000 pages) were copied as
// they grew.
func monthRun(lines []*dayLine, i int) int {
	d := lines[i].date()
	n := 0
	for ; i >= 0; i-- {
		if e := lines[i].date(); e.Year != d.Year || e.Month != d.Month {
			break
		}
		n++
	}
	return n
}

func compareOptions(a, b Option) int {
	if c := compareLower(a.Label, b.Label); c != 0 {
		return c
	}
	return strings.Compare(a.Value, b.Value)
}

// compareLower is strings.Compare(strings.ToLower(a), strings.ToLower(b))
// without making the lower-cased strings: sorting a list by title calls
// it n log n times. UTF-8 orders as its code points do, so comparing the
// lower-cased runes one by one gives the same answer.
func compareLower(a, b string) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := rune(a[0]), 1
		if ra >= utf8.RuneSelf {
			ra, na = utf8.DecodeRuneInString(a)
		}
		rb, nb := rune(b[0]), 1
		if rb >= utf8.RuneSelf {
			rb, nb = utf8.DecodeRuneInString(b)
		}
		if ra != rb {
			if c := cmp.Compare(unicode.ToLower(ra), unicode.ToLower(rb)); c != 0 {
				return c
			}
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// filterTypes are the types a reader can narrow the timeline by: those
// that other types' relations point at (participants, risks, events).
func (r *Renderer) filterTypes() []*schema.Type {
	var out []*schema.Type
	for _, t := range r.cfg.Schema.Types {
		for _, u := range r.cfg.Schema.Types {
			if u == t {
				continue
			}
			if slices.ContainsFunc(u.Relations, func(rel schema.Relation) bool { return rel.Target == t.Name }) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// shortID is a page's id without its type's folder, as the timeline's
// filters write it in the URL: ?participant=china.
func shortID(id string, t *schema.Type) string {
	if f := t.Folder; len(id) > len(f) && id[len(f)] == '/' && id[:len(f)] == f {
		return id[len(f)+1:] // strings.TrimPrefix(id, f+"/"), without making f+"/" each time
	}
	return id
}

// dayLine is a page's timeline entries of one day, shown as one line:
// "Action Plan — announced, adopted".
//
// A page shows the lines of every page related to it, and the timeline
// every line: what a line shows but its page's link is kept in it, so
// that showing it reads no entry (at 100,000 pages the entry was a cache
// miss a line shown).
type dayLine struct {
	first *timeline.Entry // in the page's Entries; orders the line among others
	what  string          // the entries' whats, joined
	slot  int32           // the page's
	at, n int32           // the line's entries are the page's Entries[at:at+n]
	span  bool            // first is a span (its line has no other entry)
	day   int64           // first's Date.Key, which orders most lines without reading first
	end   int64           // first's End.Key, for a span
}

// date is the day of the line's entries.
func (l *dayLine) date() schema.Date { return schema.DateOfKey(l.day) }

// compareLines orders lines as timeline.Compare orders their first
// entries. The timeline page sorts every line of the site, and most
// differ by day: comparing the days kept in the lines reads no entry.
func compareLines(a, b *dayLine) int {
	if a.day != b.day {
		return cmp.Compare(a.day, b.day)
	}
	return timeline.Compare(*a.first, *b.first)
}

// dayLines returns the timeline lines of the page in a slot, oldest
// first, made once.
func (r *Renderer) dayLines(slot int32) []dayLine {
	if p := r.preparedAt(slot); p != nil {
		return p.lines
	}
	n := r.g.At(slot)
	if l, ok := r.lines.Load(n.ID); ok {
		return l.([]dayLine)
	}
	l := makeDayLines(n)
	r.lines.Store(n.ID, l)
	return l
}

func makeDayLines(n *graph.Node) []dayLine {
	var out []dayLine
	for i := range n.Entries { // oldest first
		e := &n.Entries[i]
		if k := len(out) - 1; k >= 0 && !e.IsSpan() && !out[k].first.IsSpan() && out[k].first.Date == e.Date {
			out[k].n++
			switch {
			case out[k].what == "":
				out[k].what = e.What
			case e.What != "":
				out[k].what += daySeparator(&n.Entries[i-1], e) + e.What
			}
			continue
		}
		l := dayLine{first: e, what: e.What, slot: n.Slot, at: int32(i), n: 1, day: e.Date.Key()}
		if e.IsSpan() {
			l.span, l.end = true, e.End.Key()
		}
		out = append(out, l)
	}
	return out
}

// daySeparator goes between two entries of one day on one line: a comma
// between the schema's labels ("announced, adopted"), a semicolon before
// or after a milestone's own words, which may be a sentence ("adopted;
// Released at the opening of WAIC 2025").
func daySeparator(prev, e *timeline.Entry) string {
	if prev.Source == timeline.FromMilestone || e.Source == timeline.FromMilestone {
		return "; "
	}
	return ", "
}

// lineEntry is a timeline line as shown, with its HTML.
func (r *Renderer) lineEntry(l *dayLine, own bool, filter string, badge bool) Entry {
	e := r.entry(l)
	e.Own, e.Filter, e.badge = own, filter, badge
	return e
}

// pageTimeline is a page's own timeline: its entries and those of the
// pages related to it, oldest first.
func (r *Renderer) pageTimeline(n *graph.Node, a *arena) []Entry {
	lines := a.lines[:0]
	own := r.dayLines(n.Slot)
	for i := range own {
		lines = append(lines, timelineLine{&own[i], own[i].day, true})
	}
	for _, s := range n.RelatedSlots() {
		related := r.dayLines(s)
		for i := range related {
			lines = append(lines, timelineLine{&related[i], related[i].day, false})
		}
	}
	slices.SortFunc(lines, func(a, b timelineLine) int {
		if a.day != b.day {
			return cmp.Compare(a.day, b.day)
		}
		return timeline.Compare(*a.first, *b.first) // no ties: see Compare
	})
	out := slices.Grow(a.entries[:0], len(lines))[:len(lines)]
	for i, l := range lines {
		out[i] = r.lineEntry(l.dayLine, l.own, "", false)
	}
	a.lines, a.entries = lines, out
	return out
}

// timelineLine is a line of a page's timeline.
type timelineLine struct {
	*dayLine
	day int64 // the line's, beside the pointer: most comparisons need nothing else
	own bool
}

// write writes the entry's HTML.
func (e *Entry) write(b stringWriter) {
	// The page's type, URL and title are cut from its link's HTML, as
	// wikilinks are (see wikilinkTo): the timeline page has an entry for
	// each date of every page.
	h := string(e.Page.HTML)
	b.WriteString(`<li class="entry type-`)
	b.WriteString(e.Page.escapedType())
	for _, c := range []struct {
		on   bool
		name string
	}{{e.Span, " span"}, {e.Own, " own"}, {e.Upcoming, " upcoming"}} {
		if c.on {
			b.WriteString(c.name)
		}
	}
	b.WriteString(`"`)
	if e.Filter != "" {
		b.WriteString(` data-f="`)
		escape(b, e.Filter)
		b.WriteString(`"`)
	}
	b.WriteString(`><time datetime="`)
	escape(b, e.DateISO)
	b.WriteString(`">`)
	escape(b, e.Date)
	b.WriteString(`</time> <a href="`)
	b.WriteString(h[e.Page.hrefAt:]) // url">title</a>
	if e.What != "" {
		b.WriteString(` <span class="what">`)
		escape(b, e.What)
		b.WriteString(`</span>`)
	}
	if e.badge {
		b.WriteString(` <span class="badge type-`)
		b.WriteString(e.Page.escapedType())
		b.WriteString(`">`)
		escape(b, e.Page.TypeLabel)
		b.WriteString(`</span>`)
	}
	b.WriteString("</li>")
}
