package render

import (
	"html/template"
	"strings"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
	"github.com/kbgen/kb/generator/timeline"
)

// Site is what every template knows of the site.
type Site struct {
	Title       string
	Description string
	Language    string
	Base        string // the base path: "/" or "/kb/"
	Nav         []NavItem
	AsOf        string // the latest "updated" date of any page, for readers
}

// NavItem is an entry of the site's navigation.
type NavItem struct {
	Label, URL, Key string
}

// PageLink is what a page shows of another page it links to.
type PageLink struct {
	ID, Title, URL string
	Type           string // the type's name, "page" for plain pages
	TypeLabel      string // "Initiative"
	Summary        string
	// HTML is the link as the built-in templates show it, made in Go:
	// pages list thousands of links, and html/template costs a
	// microsecond an action.
	HTML template.HTML
}

// Fact is a row of a page's fact box.
type Fact struct {
	Label, Value string
	Class        string // "enum", "date", "bool", "unknown"...
	URL          string // for url fields
}

// Group is a relation group as shown: a label and the pages under it.
type Group struct {
	Label   string
	Inverse bool
	Pages   []PageLink
}

// Backlink is a page that links here, with the sentences that do.
type Backlink struct {
	Page     PageLink
	Contexts []markdown.Context
}

// Entry is a timeline entry as shown.
type Entry struct {
	Date     string // "26 July 2025", or "26–28 July 2025" for a span
	DateISO  string
	EndISO   string
	Label    string
	What     string
	Page     PageLink
	Span     bool
	Own      bool   // on a page's timeline: the entry is the page's own
	Filter   string // the entry's data for the timeline's filters
	Year     int
	Month    string
	Upcoming bool // on the home page: after the latest "updated" date of the site
	// HTML is the entry as the built-in templates show it; see PageLink.HTML.
	HTML template.HTML
}

// Heading is a line of a table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Source is a numbered citation.
type Source struct {
	Title, URL, Publisher, Date string
}

// Tag is a tag with its page.
type Tag struct {
	Name, Slug, URL string
	Count           int
}

// PageView is the data of one page's template.
type PageView struct {
	Site      *Site
	Key       string // the navigation key of the page's section
	Page      PageLink
	Facts     []Fact
	Aliases   []string
	Tags      []Tag
	Body      template.HTML
	TOC       []Heading
	Relations []Group
	Backlinks []Backlink
	Timeline  []Entry
	Sources   []Source
	Updated   string
	Date      string
}

// pageLink is what other pages show of n.
func (r *Renderer) pageLink(n *graph.Node) PageLink {
	p := PageLink{
		ID: n.ID, Title: n.Title, URL: r.url(n.URL()),
		Type: n.Meta.Type, TypeLabel: typeLabel(n.Type), Summary: summaryOf(n),
	}
	var b strings.Builder
	b.Grow(len(p.URL) + len(p.Title) + len(p.Summary) + 96)
	b.WriteString(`<a class="pagelink type-`)
	escape(&b, p.Type)
	b.WriteString(`" href="`)
	escape(&b, p.URL)
	b.WriteByte('"')
	if p.Summary != "" {
		b.WriteString(` title="`)
		escape(&b, p.Summary)
		b.WriteByte('"')
	}
	b.WriteString(`><span class="dot" aria-hidden="true"></span>`)
	escape(&b, p.Title)
	b.WriteString(`</a>`)
	p.HTML = template.HTML(b.String())
	return p
}

// escape writes s with the characters HTML reserves escaped, as
// html/template does in text and attributes.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case 0:
			rep = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

func typeLabel(t *schema.Type) string {
	if t == nil {
		return "Page"
	}
	return t.Singular
}

// summaryOf is the page's summary, or the start of its first paragraph.
func summaryOf(n *graph.Node) string {
	if n.Meta.Summary != "" {
		return n.Meta.Summary
	}
	if n.Doc != nil {
		return n.Doc.Lead
	}
	return ""
}

func (r *Renderer) facts(n *graph.Node) []Fact {
	facts := []Fact{{Label: "Type", Value: typeLabel(n.Type), Class: "type"}}
	if !n.Meta.Date.IsZero() {
		label := "Date"
		d := n.Meta.Date.Display()
		if !n.Meta.End.IsZero() {
			d = dateRange(n.Meta.Date, n.Meta.End)
			label = "Dates"
		}
		facts = append(facts, Fact{Label: label, Value: d, Class: "date"})
	}
	for _, v := range n.Meta.Values {
		if n.Type != nil && v.Field.Name == n.Type.End {
			continue // shown with the date
		}
		f := Fact{Label: v.Field.Label, Value: v.Display(), Class: string(v.Field.Kind)}
		if v.Field.Kind == schema.KindEnum {
			f.Value = humanize(f.Value)
		}
		if v.Field.Kind == schema.KindURL {
			f.URL = v.Text
		}
		if v.Unknown {
			f.Class = "unknown"
		}
		facts = append(facts, f)
	}
	return facts
}

// dateRange writes a span compactly: "26–28 July 2025", "July–August 2025".
func dateRange(a, b schema.Date) string {
	if b.IsZero() || a == b {
		return a.Display()
	}
	da, db := a.Display(), b.Display()
	if a.Year == b.Year && a.Month == b.Month && a.Day > 0 && b.Day > 0 {
		return strings.SplitN(da, " ", 2)[0] + "–" + db
	}
	if a.Year == b.Year && a.Day == 0 && b.Day == 0 && a.Month > 0 && b.Month > 0 {
		return strings.TrimSuffix(da, " "+itoa(a.Year)) + "–" + db
	}
	return da + " – " + db
}

func (r *Renderer) tags(names []string) []Tag {
	var out []Tag
	for _, t := range names {
		s := slug.Make(t)
		if s == "" {
			continue
		}
		out = append(out, Tag{Name: t, Slug: s, URL: r.url("/tags/" + s + "/")})
	}
	return out
}

func (r *Renderer) toc(n *graph.Node) []Heading {
	if n.Doc == nil {
		return nil
	}
	var out []Heading
	for _, h := range n.Doc.Headings {
		if h.Level >= 2 && h.Level <= 3 {
			out = append(out, Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if len(out) < 3 {
		return nil // a short page needs no contents
	}
	return out
}

func (r *Renderer) groups(n *graph.Node) []Group {
	var out []Group
	for _, g := range n.Groups() {
		v := Group{Label: g.Label, Inverse: g.Inverse}
		for _, id := range g.Pages {
			v.Pages = append(v.Pages, r.pageLink(r.g.Node(id)))
		}
		out = append(out, v)
	}
	return out
}

func (r *Renderer) backlinks(n *graph.Node) []Backlink {
	var out []Backlink
	for _, b := range n.Backlinks {
		if len(out) > 0 && out[len(out)-1].Page.ID == b.Page {
			last := &out[len(out)-1]
			if len(last.Contexts) < 3 {
				last.Contexts = append(last.Contexts, b.Context)
			}
			continue
		}
		out = append(out, Backlink{Page: r.pageLink(r.g.Node(b.Page)), Contexts: []markdown.Context{b.Context}})
	}
	return out
}

func (r *Renderer) entry(e timeline.Entry) Entry {
	n := r.g.Node(e.Page)
	v := Entry{
		Date: dateRange(e.Date, e.End), DateISO: e.Date.String(), Label: e.Label(), What: e.What,
		Page: r.pageLink(n), Span: e.IsSpan(), Year: e.Date.Year,
	}
	if v.Span {
		v.EndISO = e.End.String()
	}
	if e.Date.Month > 0 {
		v.Month = monthName(e.Date.Month)
	}
	return v
}

func (r *Renderer) sources(n *graph.Node) []Source {
	var out []Source
	for _, s := range n.Meta.Sources {
		out = append(out, Source{Title: s.Title, URL: s.URL, Publisher: s.Publisher, Date: s.Date.Display()})
	}
	return out
}

// pageView builds the data of a page's template.
func (r *Renderer) pageView(n *graph.Node) *PageView {
	v := &PageView{
		Site: r.site, Key: n.Section, Page: r.pageLink(n), Facts: r.facts(n),
		Aliases: n.Meta.Aliases, Tags: r.tags(n.Meta.Tags), TOC: r.toc(n),
		Relations: r.groups(n), Backlinks: r.backlinks(n), Sources: r.sources(n),
		Updated: n.Meta.Updated.Display(), Date: dateRange(n.Meta.Date, n.Meta.End),
	}
	for _, e := range r.g.TimelineOf(n) {
		ev := r.entry(e)
		ev.Own = e.Page == n.ID
		v.Timeline = append(v.Timeline, ev)
	}
	v.Timeline = finish(mergeDays(v.Timeline, false))
	v.Body = template.HTML(r.body(n))
	return v
}

// humanize shows an enum value as words: "action-plan" -> "Action plan".
func humanize(v string) string {
	v = strings.ReplaceAll(v, "-", " ")
	if v == "" {
		return v
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// finish makes the HTML of each entry, once its data is final.
func finish(entries []Entry) []Entry {
	for i := range entries {
		e := &entries[i]
		var b strings.Builder
		b.Grow(256 + len(e.Filter))
		b.WriteString(`<li class="entry type-`)
		escape(&b, e.Page.Type)
		for _, c := range []struct {
			on   bool
			name string
		}{{e.Span, " span"}, {e.Own, " own"}, {e.Upcoming, " upcoming"}} {
			if c.on {
				b.WriteString(c.name)
			}
		}
		b.WriteByte('"')
		if e.Filter != "" {
			b.WriteString(` data-f="`)
			escape(&b, e.Filter)
			b.WriteByte('"')
		}
		b.WriteString(">\n  <time datetime=\"")
		escape(&b, e.DateISO)
		b.WriteString(`">`)
		escape(&b, e.Date)
		b.WriteString("</time>\n  <span class=\"entry-body\"><a href=\"")
		escape(&b, e.Page.URL)
		b.WriteString(`">`)
		escape(&b, e.Page.Title)
		b.WriteString(`</a>`)
		if e.What != "" {
			b.WriteString(` <span class="what">`)
			escape(&b, e.What)
			b.WriteString(`</span>`)
		}
		b.WriteString(` <span class="badge type-`)
		escape(&b, e.Page.Type)
		b.WriteString(`">`)
		escape(&b, e.Page.TypeLabel)
		b.WriteString("</span></span>\n</li>")
		e.HTML = template.HTML(b.String())
	}
	return entries
}

// mergeDays joins a page's entries of one day into one line: "Action
// Plan: announced, adopted". Entries come in order, newest first or not.
func mergeDays(entries []Entry, newestFirst bool) []Entry {
	var out []Entry
	for _, e := range entries {
		if k := len(out) - 1; k >= 0 && !e.Span && !out[k].Span && out[k].Page.ID == e.Page.ID && out[k].DateISO == e.DateISO {
			a, b := out[k].What, e.What
			if newestFirst {
				a, b = b, a
			}
			switch {
			case a == "":
				out[k].What = b
			case b != "":
				out[k].What = a + ", " + b
			}
			continue
		}
		out = append(out, e)
	}
	return out
}
