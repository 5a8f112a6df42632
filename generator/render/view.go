package render

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/parallel"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
)

// Site is what every template knows of the site.
type Site struct {
	Title       string
	Description string
	Language    string
	Base        string // the base path: "/" or "/kb/"
	Nav         []NavItem
	AsOf        string // the latest "updated" date of any page, for readers

	parts    *parts // see Cached
	baseHref string // Base as printed at the start of an href (see baseHref)
}

// Cached is the template name, defined in base.html or partials.html,
// run once with the site and key (a page's section, for the navigation's
// current link) and then reused, like Hugo's partialCached. The header
// and footer are the same on thousands of pages, and html/template costs
// about a microsecond an action; the built-in base.html prints them with
// {{.Site.Cached "header" .Key}}.
func (s *Site) Cached(name, key string) (template.HTML, error) {
	if s.parts == nil {
		return "", fmt.Errorf("Cached %q: no templates", name)
	}
	return s.parts.get(s, name, key)
}

// PartData is what a part run by Site.Cached sees.
type PartData struct {
	Site *Site
	Key  string
}

// parts keeps the parts Site.Cached has run.
type parts struct {
	tpl  *template.Template
	mu   sync.Mutex
	done map[[2]string]template.HTML
}

func (p *parts) get(s *Site, name, key string) (template.HTML, error) {
	p.mu.Lock()
	h, ok := p.done[[2]string{name, key}]
	p.mu.Unlock()
	if ok {
		return h, nil
	}
	var b strings.Builder
	if err := p.tpl.ExecuteTemplate(&b, name, PartData{Site: s, Key: key}); err != nil {
		return "", err
	}
	h = template.HTML(b.String())
	p.mu.Lock()
	p.done[[2]string{name, key}] = h
	p.mu.Unlock()
	return h, nil
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
	// hrefAt and hrefEnd are where the escaped URL starts and ends in
	// HTML: wikilinks and timeline entries are cut from it (see
	// wikilinkTo and Entry.write).
	hrefAt, hrefEnd int
}

// escapedType is p.Type, escaped, cut from p.HTML.
func (p *PageLink) escapedType() string {
	return string(p.HTML[len(pageLinkOpen) : p.hrefAt-len(pageLinkHref)])
}

// PageLink.HTML is pageLinkOpen, the type's name, pageLinkHref, the
// URL, and the title in the link.
const (
	pageLinkOpen = `<a class="pagelink type-`
	pageLinkHref = `" href="`
)

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
	Pages   []*PageLink
}

// Backlink is a page that links here, with the sentences that do.
type Backlink struct {
	Page     *PageLink
	Contexts []markdown.Context
}

// Entry is a timeline entry as shown.
type Entry struct {
	Date     string // "26 July 2025", or "26–28 July 2025" for a span
	DateISO  string
	EndISO   string
	What     string
	Page     *PageLink
	Span     bool
	Own      bool   // on a page's timeline: the entry is the page's own
	Filter   string // the entry's data for the timeline's filters
	Year     int
	Month    string
	Upcoming bool // on the home page: after the latest "updated" date of the site

	badge bool // shows the page's type: on the timeline page
}

// Label is the entry as a reader sees it: "EU AI Act: in force", or the
// page's title alone for its own date. It is made when asked for, as the
// built-in templates do not show it.
func (e Entry) Label() string {
	if e.What == "" {
		return e.Page.Title
	}
	return e.Page.Title + ": " + e.What
}

// HTML is the entry as the built-in templates show it; see PageLink.HTML.
// It is made when asked for: a page's own timeline is written straight
// into its fragment instead.
func (e Entry) HTML() template.HTML {
	var b strings.Builder
	b.Grow(e.sizeHint())
	e.write(&b)
	return template.HTML(b.String())
}

func (e *Entry) sizeHint() int {
	return 160 + len(e.Filter) + len(e.Page.URL) + len(e.Page.Title) + len(e.What)
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
	Page      *PageLink
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
	HTML      Fragments // the lists above, as the built-in template shows them
}

// PrepareLinks makes what other pages show of every page, at once, for a
// renderer that renders the whole site: its link and its timeline lines.
// A page shows dozens of others, and a plain map, read-only from here on,
// is cheaper to look them up in than the concurrent caches that a
// renderer of a few pages fills.
func (r *Renderer) PrepareLinks() {
	ids := r.g.IDs()
	all := make([]prepared, r.g.Slots())
	parallel.For(len(ids), func(i int) {
		n := r.g.Nth(i)
		all[n.Slot] = prepared{link: r.makePageLink(n), lines: makeDayLines(n), doc: n.Doc, made: true}
		if n.Doc != nil {
			all[n.Slot].sentences = n.Doc.Sentences()
		}
	})
	r.prepared = all
	// graph.json and timeline.json name a dozen pages for each page, from
	// all over the site: read from each page's own string, each id was a
	// cache miss, and escaped again every time.
	r.idAt = make([]int32, r.g.Slots()+1)
	j := jsonw{b: make([]byte, 0, 48*len(ids))}
	for s := range int32(r.g.Slots()) {
		r.idAt[s] = int32(len(j.b))
		j.str(r.g.ID(s))
	}
	r.idAt[r.g.Slots()] = int32(len(j.b))
	r.ids = j.b
}

// writeID writes the id of the page in a slot as a JSON string.
func (r *Renderer) writeID(w *jsonw, slot int32) {
	if int(slot)+1 < len(r.idAt) {
		w.quoted(r.ids[r.idAt[slot]:r.idAt[slot+1]])
		return
	}
	w.string(r.g.ID(slot))
}

// prepared is what PrepareLinks makes of a page.
type prepared struct {
	made  bool // false for the slots of drafts left out; first, in the cache line the link starts in
	link  PageLink
	lines []dayLine
	doc   *markdown.Document // for the sentences of its links, shown as backlinks, when spilled
	// sentences are the document's Sentences, when in memory: a
	// backlink's sentence is read from them without reaching the
	// document.
	sentences string
}

// preparedAt is what PrepareLinks made of the page in a slot, or nil.
func (r *Renderer) preparedAt(slot int32) *prepared {
	if int(slot) < len(r.prepared) && r.prepared[slot].made {
		return &r.prepared[slot]
	}
	return nil
}

// linkTo is pageLink of the page in a slot: in a full build, read by
// index rather than through the node and a lookup by its id.
func (r *Renderer) linkTo(slot int32) *PageLink {
	if p := r.preparedAt(slot); p != nil {
		return &p.link
	}
	return r.pageLink(r.g.At(slot))
}

// typeOf is the type's name (Meta.Type) of the page in a slot: in a full
// build, from what PrepareLinks made, which the page's links read too,
// rather than from its node and its Meta, two cache misses more.
func (r *Renderer) typeOf(slot int32) string {
	if p := r.preparedAt(slot); p != nil {
		return p.link.Type
	}
	return r.g.At(slot).Meta.Type
}

// source is the page a backlink comes from: what other pages show of it,
// the sentences around its links when they are in memory (else ""), and
// its document. A page reads a dozen sentences from as many pages across
// the site, each a few cache misses away; in a full build one lookup
// finds them all.
func (r *Renderer) source(slot int32) (*PageLink, string, *markdown.Document) {
	if p := r.preparedAt(slot); p != nil {
		return &p.link, p.sentences, p.doc
	}
	n := r.g.At(slot)
	if n.Doc == nil {
		return r.pageLink(n), "", nil
	}
	return r.pageLink(n), n.Doc.Sentences(), n.Doc
}

// pageLink is what other pages show of n, shared: a page shows dozens.
func (r *Renderer) pageLink(n *graph.Node) *PageLink {
	if p := r.preparedAt(n.Slot); p != nil {
		return &p.link
	}
	if p, ok := r.links.Load(n.ID); ok {
		return p.(*PageLink)
	}
	p := r.makePageLink(n)
	r.links.Store(n.ID, &p)
	return &p
}

func (r *Renderer) makePageLink(n *graph.Node) PageLink {
	return newPageLink(PageLink{
		ID: n.ID, Title: n.Title, URL: r.url(n.URL()),
		Type: n.Meta.Type, TypeLabel: typeLabel(n.Type), Summary: n.Summary(),
	})
}

// newPageLink returns p with its HTML made from its other fields.
func newPageLink(p PageLink) PageLink {
	var b strings.Builder
	b.Grow(len(p.URL) + len(p.Title) + 96)
	b.WriteString(pageLinkOpen)
	escape(&b, p.Type)
	b.WriteString(pageLinkHref)
	p.hrefAt = b.Len()
	escape(&b, p.URL)
	p.hrefEnd = b.Len()
	b.WriteString(`">`)
	escape(&b, p.Title)
	b.WriteString(`</a>`)
	p.HTML = template.HTML(b.String())
	return p
}

// Card is the page as a card of a tag page, as the built-in "card"
// template shows it, made in Go for the same reason as HTML: a tag page
// shows every page of its tag, a site some three cards a page.
func (p *PageLink) Card() template.HTML {
	var b strings.Builder
	b.Grow(len(p.URL) + len(p.Title) + len(p.Summary) + 192)
	p.writeCard(&b)
	return template.HTML(b.String())
}

// writeCard writes the page's card.
func (p *PageLink) writeCard(b stringWriter) {
	b.WriteString(`<li class="card-item"><a class="card type-`)
	escape(b, p.Type)
	b.WriteString(`" href="`)
	escape(b, p.URL)
	b.WriteString(`"><span class="card-type">`)
	escape(b, p.TypeLabel)
	b.WriteString(`</span><span class="card-title">`)
	escape(b, p.Title)
	b.WriteString(`</span>`)
	if p.Summary != "" {
		b.WriteString(`<span class="card-summary">`)
		escape(b, p.Summary)
		b.WriteString(`</span>`)
	}
	b.WriteString(`</a></li>`)
}

// stringWriter is a strings.Builder or a bytes.Buffer.
type stringWriter interface {
	WriteString(s string) (int, error)
}

// escape writes s with the characters HTML reserves escaped, as
// html/template does in text and attributes.
func escape(b stringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		rep := htmlEscapes[s[i]]
		if rep == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// htmlEscapes is what escape writes for each byte that needs it: a table
// rather than a switch, since every title, label and sentence of a page
// passes through escape byte by byte.
var htmlEscapes = [256]string{
	'&':  "&amp;",
	'<':  "&lt;",
	'>':  "&gt;",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	0:    "\uFFFD",
}

func typeLabel(t *schema.Type) string {
	if t == nil {
		return "Page"
	}
	return t.Singular
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
			f.Value = v.Field.Show(v.Text)
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
	var buf [64]byte
	return string(appendDateRange(buf[:0], a, b))
}

// appendDateRange appends a..b as dateRange writes it, without the
// strings in between: timelines show hundreds of thousands of dates.
func appendDateRange(dst []byte, a, b schema.Date) []byte {
	switch {
	case b.IsZero() || a == b:
		return a.AppendDisplay(dst)
	case a.Year == b.Year && a.Month == b.Month && a.Day > 0 && b.Day > 0:
		dst = strconv.AppendInt(dst, int64(a.Day), 10) // 26–28 July 2025
	case a.Year == b.Year && a.Day == 0 && b.Day == 0 && a.Month > 0 && b.Month > 0:
		dst = append(dst, monthName(a.Month)...) // July–August 2025
	default:
		return b.AppendDisplay(append(a.AppendDisplay(dst), " – "...))
	}
	return b.AppendDisplay(append(dst, "–"...))
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
	for _, g := range r.g.Groups(n) {
		v := Group{Label: g.Label, Inverse: g.Inverse}
		for _, s := range g.Slots {
			v.Pages = append(v.Pages, r.linkTo(s))
		}
		out = append(out, v)
	}
	return out
}

// backlinks are the pages linking to n, each with the sentence around its
// first link. The sentences are read into the page's arena.
func (r *Renderer) backlinks(n *graph.Node, a *arena) ([]Backlink, error) {
	// The sentences come gathered in one read when a build gathered them
	// (markdown.Gather), else from each linking page's document.
	var gathered []byte
	var isGathered bool
	if n.Doc != nil {
		start := len(a.text)
		var err error
		if a.text, isGathered, err = n.Doc.AppendGathered(a.text); err != nil {
			return nil, err
		}
		gathered = a.text[start:len(a.text):len(a.text)]
	}
	out, contexts := a.backlinks[:0], a.contexts[:0]
	for b := range n.FirstBacklinks() {
		link, sentences, doc := r.source(b.From)
		var sentence string
		switch {
		case isGathered:
			s, rest, ok := markdown.NextGathered(gathered)
			if !ok {
				return nil, gatheredMismatch(n.ID)
			}
			sentence, gathered = arenaText(s), rest
		case sentences != "":
			sentence = sentences[b.Start:b.End] // the linking page's, kept to the end of the build
		default:
			start := len(a.text)
			var err error
			if a.text, err = doc.AppendLinkContext(a.text, int(b.Link)); err != nil {
				return nil, err
			}
			sentence = arenaText(a.text[start:])
		}
		c, err := markdown.SplitContext(sentence)
		if err != nil {
			return nil, err
		}
		contexts = append(contexts, c)
		out = append(out, Backlink{Page: link, Contexts: contexts[len(contexts)-1 : len(contexts) : len(contexts)]})
	}
	a.backlinks, a.contexts = out, contexts
	if len(gathered) > 0 {
		return nil, gatheredMismatch(n.ID)
	}
	return out, nil
}

// gatheredMismatch is the error of a page whose gathered sentences are
// more or fewer than its backlinks: a fault of the build, not the site's.
func gatheredMismatch(id string) error {
	return fmt.Errorf("spool: the sentences gathered for %s do not match its backlinks", id)
}

// entry is a timeline line as shown, but for what lineEntry adds: whether
// the line is the page's own, its filter data and its type's badge.
func (r *Renderer) entry(l *dayLine) Entry {
	date, end := l.date(), schema.Date{}
	if l.span {
		end = schema.DateOfKey(l.end)
	}
	v := Entry{
		Date: dateRange(date, end), DateISO: date.String(), What: l.what,
		Page: r.linkTo(l.slot), Span: l.span, Year: date.Year,
	}
	if v.Span {
		v.EndISO = end.String()
	}
	if date.Month > 0 {
		v.Month = monthName(date.Month)
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
func (r *Renderer) pageView(n *graph.Node, a *arena) (*PageView, error) {
	a.touched ^= r.touch(n)
	v := &PageView{
		Site: r.site, Key: n.Section, Page: r.pageLink(n), Facts: r.facts(n),
		Aliases: n.Meta.Aliases, Tags: r.tags(n.Meta.Tags), TOC: r.toc(n),
		Relations: r.groups(n), Sources: r.sources(n),
		Updated: n.Meta.Updated.Display(), Date: dateRange(n.Meta.Date, n.Meta.End),
	}
	v.Timeline = r.pageTimeline(n, a)
	var err error
	if v.Backlinks, err = r.backlinks(n, a); err != nil {
		return nil, err
	}
	if v.Body, err = r.body(n, a); err != nil {
		return nil, err
	}
	v.HTML = fragments(v, a)
	return v, nil
}

// touch reads a byte of what the page will show of the pages it links
// to, relates to and is linked from: their prepared links, timeline
// lines and sentences. Each is a cache miss or two away at 100,000 pages,
// and met one at a time while the page is written, the misses come one
// after another; read here in tight loops, where no read waits for
// another, they overlap, and the writing finds the lines in the cache.
// 10,000 pages, 8 alternating builds each: the page views 47.6 -> 43.0
// µs a page, build CPU 3.18 -> 3.09 s; at 100,000 pages the backlinks'
// sentences 0.77-0.99 -> 0.22-0.37 s, for 0.34-0.50 s here.
//
// A list longer than touchAhead is touched only so far: the lines of a
// hub's thousands of backlinks would not stay in the cache until used.
// The result means nothing; pageView keeps it so that the reads are not
// compiled away.
func (r *Renderer) touch(n *graph.Node) byte {
	var x byte
	link := func(p *prepared) {
		if len(p.link.HTML) > 0 {
			x ^= p.link.HTML[0]
		}
	}
	for _, t := range n.Links[:min(len(n.Links), touchAhead)] {
		if p := r.preparedAt(t.Slot); p != nil {
			link(p)
		}
	}
	related := n.RelatedSlots()
	for _, s := range related[:min(len(related), touchAhead)] {
		if p := r.preparedAt(s); p != nil {
			link(p)
			if len(p.lines) > 0 {
				x ^= byte(p.lines[0].day)
			}
		}
	}
	for _, b := range n.Backlinks[:min(len(n.Backlinks), touchAhead)] {
		if p := r.preparedAt(b.From); p != nil {
			link(p)
			if int(b.Start) < len(p.sentences) {
				x ^= p.sentences[b.Start]
			}
		}
	}
	return x
}

// touchAhead is how far touch reads into each of a page's lists.
const touchAhead = 256
