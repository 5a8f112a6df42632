// Package graph links pages to each other: it resolves relations and
// wikilinks by id, slug, alias or title, adds every relation's inverse,
// collects backlinks with their sentences, and derives timeline entries.
// Pages are kept by id and numbered by slot; edges, targets and
// backlinks name pages by slot, which an update keeps for each id, so
// that replacing one page on an edit replaces one entry.
package graph

import (
	"iter"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/parallel"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/seen"
	"github.com/kbgen/kb/generator/slug"
	"github.com/kbgen/kb/generator/timeline"
)

// Page is one page as the earlier stages made it: the file split, the
// front matter checked against its type, the body converted.
type Page struct {
	*content.Page
	Meta *schema.Meta
	Doc  *markdown.Document
}

// Summary is the page's summary, or the start of its first paragraph.
func (p *Page) Summary() string {
	if p.Meta != nil && p.Meta.Summary != "" {
		return p.Meta.Summary
	}
	if p.Doc != nil {
		return p.Doc.Lead
	}
	return ""
}

// Options changes how strictly links are checked.
type Options struct {
	WarnBrokenLinks bool // a link to nothing is a warning, not an error
	Drafts          bool // publish drafts
	// Live keeps what Update needs: the index of page names and, for
	// Mentioning, the names every page's links and relations wrote. A
	// one-off build lets them go once links are resolved.
	Live bool
}

// Graph is the whole knowledge base, linked.
type Graph struct {
	Schema   *schema.Schema
	Home     *Node            // content/index.md, or nil
	Sections map[string]*Node // content/<folder>/_index.md, by folder
	Problems diag.List        // problems of resolution, sorted

	duplicates diag.List // pages left out because another has their id

	nodes    map[string]*Node
	slots    []*Node          // regular pages by Node.Slot; nil where a page was deleted
	slotIDs  []string         // their ids, by slot: read without reaching each node (see ID)
	slotOf   map[string]int32 // the slot of every id a live graph has had
	shuffled bool             // an update gave a new id a slot, so slot order is no longer id order
	ids      []string         // published pages, in id order
	idSlots  []int32          // their slots, in the same order (see Nth)
	names    *names
	assets   map[string][]string // asset paths relative to content/, by lower-cased base name
	assetSet map[string]string   // composed path relative to content/ -> the file's own path (see composed)
	mentions map[string][]string // lookup key of every written link or relation target -> ids of the pages that wrote it
	renamed  map[string]string   // path relative to content/ -> id, of the pages whose id is not their file's (a slug field)
	relinked []string            // see Relinked
	opts     Options
}

// Node is a page with its place in the graph.
//
// Its Slot numbers it among the graph's regular pages: edges and
// backlinks name the page they reach by slot, targets by slot and id, so
// that rendering finds that page's data by index rather than by hashing
// its id (at 100,000 pages, millions of lookups that miss the cache). A build
// numbers pages in id order; an update keeps every id's slot and gives a
// new id the next one.
type Node struct {
	*Page
	Slot      int32        // see Graph.At; -1 for the home page's and sections' texts
	Type      *schema.Type // nil for plain pages
	Published bool         // false for drafts left out
	Out       []Edge       // relations this page states, in schema order
	In        []Edge       // relations other pages state about it
	Links     []Target     // what each of the document's links resolved to
	Backlinks []Backlink   // links from other pages' prose, in id order
	Entries   []timeline.Entry
	related   []int32        // see RelatedSlots
	broken    map[int]string // why each broken link is broken, by its index in Links
	problems  diag.List      // of resolving its links and relations
}

// Edge is a relation between this page and another.
type Edge struct {
	Relation *schema.Relation // the schema's, shared by every edge of it
	To       int32            // the other page, by slot (Graph.At, Graph.ID)
}

// Label is how the edge is shown on the page that has it: the relation's
// label for its own relations (and for symmetric ones), its inverse label
// for relations stated by others.
func (e Edge) Label(inverse bool) string {
	if inverse && !e.Relation.Symmetric {
		return e.Relation.Inverse
	}
	return e.Relation.Label
}

// LinkState says what a wikilink resolved to.
type LinkState uint8

const (
	Resolved    LinkState = iota
	Broken                // no page, heading or file matches; or several do
	Unpublished           // the target is a draft left out of this build
	Asset                 // a file of content/, such as an image
	SamePage              // a heading of the linking page itself: [[#Heading]]
	AsWritten             // a Markdown link to no file of content/, kept as written
	SitePath              // a Markdown link to the home page's or a folder's text: Page is the URL path
)

// Target is what a wikilink resolved to. Why a broken link is broken is
// kept by its node (BrokenReason): a site has a million targets and few
// broken ones.
type Target struct {
	Page   string // the page's id, for Resolved and Unpublished; the file, relative to content/, for Asset
	Anchor string // the heading's id, or ""
	State  LinkState
	Slot   int32 // the page's slot, for Resolved and Unpublished
}

// Release drops what only the page's own rendering reads, once a one-off
// build has written the page: its links' targets and its document's
// links, holes and headings, some 200 MB of the 820 MB a 100,000-page
// build keeps while it renders. No other page's rendering reads them (the
// sentences around the links stay); a live site, which renders pages
// again, must not release them.
func (n *Node) Release() {
	n.Links, n.broken = nil, nil
	if n.Doc != nil {
		n.Doc.Release()
	}
}

// BrokenReason says why the node's link i is broken, for the reader's
// tooltip; "" when it is not.
func (n *Node) BrokenReason(i int) string { return n.broken[i] }

// Backlink is a link to this page from another page's prose: the page,
// by its slot (Graph.At), and the index of the link in its document (whose
// LinkContext and AppendLinkContext read the sentence around it). It
// holds no pointer, so that the collector never reads a page's backlinks,
// 1.5 million of them at 100,000 pages.
//
// Start and End are where that sentence lies in the document's
// Sentences, taken while the linking page's document is at hand: a page
// shows a dozen sentences of pages all over the heap, and reaching each
// document for where its sentence lies was two cache misses more a
// sentence (7 µs of CPU a page at 100,000 pages).
type Backlink struct {
	From       int32
	Link       int32
	Start, End int32
}

// FirstBacklinks yields, of the links from each page to n, the first: a
// page shows one sentence from each page that links to it, and a build
// that gathers those sentences beforehand must pick the same ones.
func (n *Node) FirstBacklinks() iter.Seq[Backlink] {
	return func(yield func(Backlink) bool) {
		for i, b := range n.Backlinks {
			if i > 0 && n.Backlinks[i-1].From == b.From {
				continue // grouped by page
			}
			if !yield(b) {
				return
			}
		}
	}
}

// Node returns the page with the id, or nil.
func (g *Graph) Node(id string) *Node { return g.nodes[id] }

// At returns the page in a slot (Node.Slot), or nil for a page deleted
// since: the slots of the pages an edge, target or backlink of the graph
// reaches are all filled.
func (g *Graph) At(slot int32) *Node { return g.slots[slot] }

// ID returns the id of the page in a slot, as At(slot).ID does (or of
// the page deleted from it, which keeps the slot should it come back).
// The ids are in a table of their own, by slot: graph.json names the
// pages behind 1.5 million backlinks at 100,000 pages, and reaching each
// page's node for its id was three cache misses.
func (g *Graph) ID(slot int32) string { return g.slotIDs[slot] }

// Slots is one more than the largest slot: a slice of so many elements
// holds something for every page, indexed by slot.
func (g *Graph) Slots() int { return len(g.slots) }

// put places a regular page's node, by id and by slot.
func (g *Graph) put(n *Node) {
	g.nodes[n.ID] = n
	g.slots[n.Slot] = n
	g.slotIDs[n.Slot] = n.ID
}

// IDs returns the ids of the published pages, sorted.
func (g *Graph) IDs() []string { return g.ids }

// Nth returns the page of IDs()[i]. A whole-site pass goes through the
// pages by index rather than looking each id up in the map of all pages:
// at 100,000 pages each look-up is a few cache misses, and a build makes
// half a dozen such passes.
func (g *Graph) Nth(i int) *Node { return g.slots[g.idSlots[i]] }

// Build links pages. assets lists the other files of content/, relative to
// the site root. Pages may come in any order.
func Build(s *schema.Schema, pages []*Page, assets []string, o Options) *Graph {
	g := &Graph{
		Schema: s, Sections: map[string]*Node{}, nodes: make(map[string]*Node, len(pages)), names: newNames(len(pages)),
		assets: map[string][]string{}, assetSet: map[string]string{}, mentions: map[string][]string{}, renamed: map[string]string{}, opts: o,
	}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	for _, a := range assets {
		rel := strings.TrimPrefix(a, "content/")
		g.assetSet[composed(rel)] = rel
		base := strings.ToLower(composed(path.Base(rel)))
		g.assets[base] = append(g.assets[base], rel)
	}
	var regular []*Node
	for _, p := range sorted {
		n := g.newNode(p)
		switch {
		case p.IsHome():
			g.Home = n
			continue
		case p.IsSectionIndex():
			g.Sections[p.ID] = n
			continue
		case p.ID == "":
			continue // a file with no slug, already reported
		}
		if other, dup := g.nodes[p.ID]; dup {
			g.duplicates.Errorf(p.Path, diag.Pos{}, "the id %q is also the id of %s; give one of them another file name or a slug", p.ID, other.Path)
			continue
		}
		g.nodes[p.ID] = n
		g.noteRename(p)
		regular = append(regular, n)
	}
	slices.SortFunc(regular, func(a, b *Node) int { return strings.Compare(a.ID, b.ID) })
	g.slots = slices.Clone(regular)
	g.slotIDs = make([]string, len(regular))
	for i, n := range regular {
		n.Slot = int32(i)
		g.slotIDs[i] = n.ID
	}
	if o.Live {
		g.slotOf = make(map[string]int32, len(regular))
		for _, n := range regular {
			g.slotOf[n.ID] = n.Slot
		}
	}
	named := make([]pageNames, len(regular))
	parallel.For(len(regular), func(i int) {
		n := regular[i]
		named[i] = namesOf(n.ID, n.Slug, n.Title, n.Meta.Aliases)
	})
	g.names.addAll(regular, named)
	for _, n := range regular {
		if n.Published {
			g.ids, g.idSlots = append(g.ids, n.ID), append(g.idSlots, n.Slot)
		}
	}
	all := append(regular, g.special()...)
	// Each page's links and relations are resolved on their own, on every
	// core; what they mention is gathered after, in order.
	parallel.For(len(all), func(i int) { g.resolve(all[i]) })
	mentioned := map[string][]string{}
	for _, n := range all {
		g.mention(mentioned, n)
	}
	g.addMentions(mentioned)
	// Every page's inverse edges and backlinks come from all the others:
	// each core reads all the pages in order and adds to its share of the
	// pages they point to, so that each list is still made in page order.
	shares := runtime.GOMAXPROCS(0)
	parallel.For(shares, func(share int) {
		mine := func(slot int32) *Node {
			if int(slot)%shares != share {
				return nil
			}
			return g.slots[slot]
		}
		for _, n := range all {
			g.contribute(n, mine, false)
		}
	})
	parallel.For(len(regular), func(i int) {
		if n := regular[i]; n.Published {
			n.Entries = timeline.Of(n.ID, n.Title, n.Type, n.Meta)
			n.related = g.relatedOf(n)
		}
	})
	g.gather()
	if !o.Live {
		g.names = nil // only updates look up more names
	}
	return g
}

// fileKey is the id key of a page's file ("risks/Deep Fakes.md" ->
// "risks/deep-fakes"): its id, unless a slug field gives another.
func fileKey(p *Page) string { return idKey(strings.TrimPrefix(p.Path, "content/")) }

// noteRename remembers a page whose id is not its file's, for Markdown
// links, which name the file.
func (g *Graph) noteRename(p *Page) {
	if fileKey(p) != p.ID {
		g.renamed[composed(strings.TrimPrefix(p.Path, "content/"))] = p.ID
	}
}

// newNode makes the node of a page, before it is linked.
func (g *Graph) newNode(p *Page) *Node {
	return &Node{Page: p, Slot: -1, Published: g.opts.Drafts || !p.Draft, Type: TypeOf(g.Schema, p)}
}

// TypeOf is a page's type: its folder's, unless its front matter says
// otherwise (an error reported by the schema); nil for plain pages.
func TypeOf(s *schema.Schema, p *Page) *schema.Type {
	if p.IsSectionIndex() || p.ID == "" && !p.IsHome() {
		return nil
	}
	t := s.TypeOfFolder(p.Section)
	if t != nil && p.Meta != nil && t.Name != p.Meta.Type {
		return nil
	}
	return t
}

// resolve works out a node's own relations and links, and their problems,
// with the names as they are.
func (g *Graph) resolve(n *Node) {
	n.Out, n.Links, n.problems = nil, nil, nil
	if n.Published {
		g.relate(n)
		g.link(n)
	}
}

// contribute records a resolved node's relations and links on the pages
// they reach: inverse edges and backlinks. In order, each page's list is
// in the order of the pages that contribute, as a full build makes it;
// an update contributes out of order and so inserts in place. node
// returns nil for the pages this call is not to change.
func (g *Graph) contribute(n *Node, node func(slot int32) *Node, inPlace bool) {
	if !n.Published {
		return
	}
	for _, e := range n.Out {
		t := node(e.To)
		if t == nil {
			continue // another core's
		}
		in := Edge{Relation: e.Relation, To: n.Slot}
		if inPlace {
			t.In = insertBlock(t.In, in, func(x Edge) string { return g.ID(x.To) })
		} else {
			t.In = append(t.In, in)
		}
	}
	if n.ID == "" || n.IsSectionIndex() {
		return // the home page's and sections' texts give no backlinks
	}
	for i, t := range n.Links {
		if t.State != Resolved || t.Page == n.ID {
			continue
		}
		target := node(t.Slot)
		if target == nil {
			continue
		}
		b := Backlink{From: n.Slot, Link: int32(i)}
		b.Start, b.End = n.Doc.ContextSpan(i)
		if inPlace {
			target.Backlinks = insertBlock(target.Backlinks, b, func(x Backlink) string { return g.ID(x.From) })
		} else {
			target.Backlinks = append(target.Backlinks, b)
		}
	}
}

// insertBlock inserts x after the last element from the same page or
// before the first from a later one, keeping a list in page order and,
// within a page, in the order contributed. The place is found by binary
// search: scanning back from the end, 5,000 pages saved at once in a
// 100,000-page site (a checkout) compared ids across the backlinks of
// the pages they all link to, 5.9 of the update's 18 CPU s.
func insertBlock[T any](list []T, x T, page func(T) string) []T {
	p := page(x)
	i := sort.Search(len(list), func(i int) bool { return page(list[i]) > p })
	return slices.Insert(list, i, x)
}

// gather collects every node's problems into the graph's sorted list.
func (g *Graph) gather() {
	problems := slices.Clone(g.duplicates)
	for _, n := range g.nodes {
		problems = append(problems, n.problems...)
	}
	for _, n := range g.special() {
		problems = append(problems, n.problems...)
	}
	g.Problems = problems.Sort()
}

// special returns the home page's and sections' own texts, in path order.
func (g *Graph) special() []*Node {
	var out []*Node
	if g.Home != nil {
		out = append(out, g.Home)
	}
	for _, k := range slices.Sorted(maps.Keys(g.Sections)) {
		out = append(out, g.Sections[k])
	}
	return out
}

// relate resolves a page's relations and records each on both ends.
func (g *Graph) relate(n *Node) {
	problems := &n.problems
	if n.Type == nil {
		return
	}
	var made seen.Set[Edge]
	for _, ref := range n.Meta.Refs {
		rel, _ := n.Type.Relation(ref.Relation)
		ofType := func(slot int32) bool {
			t := g.slots[slot]
			return t.Type != nil && t.Type.Name == rel.Target
		}
		found := g.names.resolve(ref.Target, ofType)
		switch {
		case len(found) > 1:
			problems.Errorf(n.Path, ref.Pos, "relation %q: %q matches %d pages: %s; write the id to choose", ref.Relation, ref.Target, len(found), g.someOfSlots(found))
			continue
		case len(found) == 0:
			if any := g.names.resolve(ref.Target, nil); len(any) > 0 {
				problems.Errorf(n.Path, ref.Pos, "relation %q: %q is %s, not %s", ref.Relation, ref.Target, g.describe(any), article(rel.Target))
			} else {
				problems.Errorf(n.Path, ref.Pos, "relation %q: no page matches %q%s", ref.Relation, ref.Target, didYouMean(g.names.suggest(ref.Target, rel.Target, ofType)))
			}
			continue
		}
		target := g.slots[found[0]]
		if !target.Published || target.Slot == n.Slot {
			continue
		}
		if e := (Edge{Relation: rel, To: target.Slot}); made.First(e) {
			n.Out = append(n.Out, e)
		}
	}
}

// describe names what the pages a target matched are: "a participant".
func (g *Graph) describe(slots []int32) string {
	var kinds []string
	for _, slot := range slots {
		name := schema.PageType
		if t := g.slots[slot].Type; t != nil {
			name = t.Name
		}
		if k := article(name); !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return strings.Join(kinds, " or ")
}

func article(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// Group is the pages a node is related to under one label.
type Group struct {
	Label    string
	Relation string  // the relation's name
	Inverse  bool    // the label is the inverse: others state the relation
	Slots    []int32 // the pages, by slot (Graph.At, Graph.ID)
}

// Groups returns a page's relations as readers see them: its own in schema
// order, then those others state about it, each under its inverse label;
// a symmetric relation shows both directions under one label.
func (g *Graph) Groups(n *Node) []Group {
	var groups []Group
	var in []seen.Set[int32] // by group: the pages in it
	add := func(e Edge, inverse bool) {
		label := e.Label(inverse)
		inv := inverse && !e.Relation.Symmetric
		i := slices.IndexFunc(groups, func(g Group) bool { return g.Label == label && g.Inverse == inv })
		if i < 0 {
			groups = append(groups, Group{Label: label, Relation: e.Relation.Name, Inverse: inv})
			in = append(in, seen.Set[int32]{})
			i = len(groups) - 1
		}
		if in[i].First(e.To) {
			groups[i].Slots = append(groups[i].Slots, e.To)
		}
	}
	for _, e := range n.Out {
		add(e, false)
	}
	for _, e := range n.In {
		add(e, true)
	}
	return groups
}

// Related returns the ids of the pages related to n in either direction,
// sorted, without repeats.
func (g *Graph) Related(n *Node) []string {
	ids := make([]string, len(n.related))
	for i, s := range n.related {
		ids[i] = g.ID(s)
	}
	return ids
}

// RelatedSlots returns the slots of the pages Related returns, in its
// order. The slice is the node's: not to be changed.
func (n *Node) RelatedSlots() []int32 { return n.related }

// relatedOf computes Related once the relations are all known.
func (g *Graph) relatedOf(n *Node) []int32 {
	var slots []int32
	for _, e := range n.Out {
		slots = append(slots, e.To)
	}
	for _, e := range n.In {
		slots = append(slots, e.To)
	}
	if g.shuffled {
		slices.SortFunc(slots, func(a, b int32) int { return strings.Compare(g.ID(a), g.ID(b)) })
	} else {
		slices.Sort(slots) // the same, without reading the pages
	}
	// Clipped, so that appending to what RelatedSlots returns never
	// writes into the node's own list.
	return slices.Clip(slices.Compact(slots))
}

// Names are the keys a page can be found by: its id, slug, aliases and title.
func Names(p *Page) []string {
	names := []string{p.ID, p.Slug, slug.Make(p.Title)}
	if k := fileKey(p); k != p.ID {
		names = append(names, k) // what Markdown links to its file are mentioned by
	}
	if p.Meta != nil {
		for _, a := range p.Meta.Aliases {
			names = append(names, slug.Make(a))
		}
	}
	return names
}

// Mentioning returns the pages whose links or relations name any of the
// keys, whether or not they resolved: the pages a renamed, new or deleted
// page may change. The home page's text is "", a section's its folder.
func (g *Graph) Mentioning(keys []string) []string {
	var ids []string
	for _, k := range keys {
		ids = append(ids, g.mentions[k]...)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Neighbours returns the pages whose output shows something of page id:
// those it relates to or is related from, links to or is linked from.
func (g *Graph) Neighbours(id string) []string {
	n := g.nodes[id]
	if n == nil {
		return nil
	}
	ids := g.Related(n) // appended to and sorted below
	for _, t := range n.Links {
		if t.State == Resolved || t.State == Unpublished {
			ids = append(ids, t.Page)
		}
	}
	for _, b := range n.Backlinks {
		ids = append(ids, g.ID(b.From))
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
