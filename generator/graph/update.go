package graph

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/timeline"
)

// Change is one page of an edit: Old is nil for a new page, New is nil
// for a deleted one.
type Change struct {
	Old, New *Page
}

// Update returns the graph with changes applied, resolving again only the
// links and relations they can affect: those of the changed pages, of the
// pages that linked or related to them, and of the pages that name them.
// g is left as it was, so that an edit with errors can be thrown away.
// It reports false when the changes need a full Build: a clash of ids, a
// page without an id, or a graph not built to be updated (Options.Live).
func (g *Graph) Update(changes []Change) (*Graph, bool) {
	if g.names == nil {
		return nil, false
	}
	u := &updater{old: g, owned: map[string]bool{}, mentioned: map[string][]string{}}
	for _, c := range changes {
		for _, p := range []*Page{c.Old, c.New} {
			if p != nil && p.ID == "" && !p.IsHome() {
				return nil, false
			}
		}
	}
	if !u.idsAreFree(changes) {
		return nil, false
	}
	n := *g
	n.nodes = maps.Clone(g.nodes)
	n.Sections = maps.Clone(g.Sections)
	n.names = g.names.clone()
	n.mentions = maps.Clone(g.mentions)
	n.renamed = maps.Clone(g.renamed)
	n.ids, n.idSlots = slices.Clone(g.ids), slices.Clone(g.idSlots)
	n.slots = slices.Clone(g.slots)
	n.slotIDs = slices.Clone(g.slotIDs)
	n.slotOf = maps.Clone(g.slotOf)
	u.g = &n

	dirty := u.dirty(changes)
	u.withdraw(dirty)
	for _, c := range changes {
		u.replace(c)
	}
	u.g.names.forget(u.unnamed)
	u.g.names.offer(u.named)
	var resolved []*Node
	u.g.relinked = nil
	for _, id := range dirty {
		node := u.own(id)
		if node == nil {
			continue
		}
		u.g.resolve(node)
		u.g.mention(u.mentioned, node)
		resolved = append(resolved, node)
		if old := u.old.node(id); old != nil && !maps.Equal(old.broken, node.broken) {
			u.g.relinked = append(u.g.relinked, id)
		}
	}
	u.g.addMentions(u.mentioned)
	ownSlot := func(slot int32) *Node {
		if n := u.g.slots[slot]; n != nil {
			return u.own(n.ID)
		}
		return nil
	}
	for _, node := range resolved {
		u.g.contribute(node, ownSlot, true)
	}
	for id := range u.owned {
		if node := u.g.nodes[id]; node != nil && node.Published {
			node.related = u.g.relatedOf(node)
		}
	}
	u.g.gather()
	return u.g, true
}

// updater carries an update from the old graph to the new one.
type updater struct {
	old, g *Graph
	owned  map[string]bool // nodes of g already copied from old, free to change
	// mentioned gathers, by key, the ids of the relinked pages that write
	// the key, for addMentions to add to the key's list in one pass.
	mentioned map[string][]string
	// named and unnamed gather the names of the pages added to the index
	// and taken out of it, for names.offer and names.forget.
	named, unnamed []string
}

// idsAreFree reports whether every new page's id is its own: a clash is
// left to a full build, which reports it.
func (u *updater) idsAreFree(changes []Change) bool {
	leaving := map[string]string{} // id -> path of pages whose old version goes
	for _, c := range changes {
		if c.Old != nil {
			leaving[c.Old.ID] = c.Old.Path
		}
	}
	taken := map[string]bool{}
	for _, c := range changes {
		p := c.New
		if p == nil || p.IsHome() || p.IsSectionIndex() {
			continue
		}
		if taken[p.ID] {
			return false
		}
		taken[p.ID] = true
		if n := u.old.nodes[p.ID]; n != nil && n.Path != p.Path && leaving[p.ID] != n.Path {
			return false
		}
	}
	return len(u.old.duplicates) == 0
}

// node finds a page by id in a graph: a regular page, a section's text
// (by its folder), or the home page's text ("").
func (g *Graph) node(id string) *Node {
	if n := g.nodes[id]; n != nil {
		return n
	}
	if id == "" {
		return g.Home
	}
	return g.Sections[id]
}

// dirty lists the pages whose links and relations an edit can change, by
// id, in order: the changed pages and, unless a page is found as before
// (foundAsBefore), the pages that related or linked to it and those that
// name it.
func (u *updater) dirty(changes []Change) []string {
	set := map[string]bool{}
	for _, c := range changes {
		kept := foundAsBefore(c)
		for _, p := range []*Page{c.Old, c.New} {
			if p == nil {
				continue
			}
			set[p.ID] = true
			if kept {
				continue
			}
			if old := u.old.node(p.ID); old != nil {
				for _, e := range old.In {
					set[u.old.ID(e.To)] = true
				}
				for _, b := range old.Backlinks {
					set[u.old.ID(b.From)] = true
				}
			}
			if !p.IsHome() && !p.IsSectionIndex() {
				for _, id := range u.old.Mentioning(Names(p)) {
					set[id] = true
				}
			}
		}
	}
	if slices.ContainsFunc(changes, namesChange) {
		// A broken link's "did you mean" is the nearest of all names:
		// a name that comes or goes may change any of them.
		mark := func(n *Node) {
			if n.broken != nil {
				set[n.ID] = true
			}
		}
		for _, n := range u.old.nodes {
			mark(n)
		}
		for _, n := range u.old.special() {
			mark(n)
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// foundAsBefore reports whether a change leaves all that other pages'
// links and relations read of the page as it was: its names and file
// (and so its type, its folder's), whether it is published, and its
// headings and block ids (a link's "#..."). The pages that link to it,
// relate to it or name it then keep their targets, their messages and
// what they gave it, and only the page itself is resolved again.
//
// Most saves are such: text edited under the same headings. Relinking
// every neighbour of every saved page made 5,000 pages saved at once (a
// checkout) in a 100,000-page site relink tens of thousands more.
func foundAsBefore(c Change) bool {
	if !namesKept(c) || c.Old.Path != c.New.Path || c.Old.Draft != c.New.Draft {
		return false
	}
	anchors := func(p *Page) ([]markdown.Heading, []string) {
		if p.Doc == nil {
			return nil, nil
		}
		return p.Doc.Headings, p.Doc.Blocks
	}
	oldHeadings, oldBlocks := anchors(c.Old)
	newHeadings, newBlocks := anchors(c.New)
	return slices.Equal(oldHeadings, newHeadings) && slices.Equal(oldBlocks, newBlocks)
}

// namesChange reports whether a change adds, removes or renames a page
// that links find by name.
func namesChange(c Change) bool {
	regular := func(p *Page) bool { return p != nil && !p.IsHome() && !p.IsSectionIndex() }
	switch {
	case regular(c.Old) != regular(c.New):
		return true
	case !regular(c.Old):
		return false
	}
	return !SameNames(c.Old, c.New)
}

// namesKept reports whether a change leaves a regular page with the names
// it had, under the same id.
func namesKept(c Change) bool {
	return c.Old != nil && c.New != nil && !namesChange(c) && !c.Old.IsHome() && !c.Old.IsSectionIndex()
}

// SameNames reports whether two versions of a page have the names links
// find it by: its id, slug, title and aliases.
func SameNames(a, b *Page) bool {
	return a.ID == b.ID && a.Slug == b.Slug && a.Title == b.Title && slices.Equal(a.Meta.Aliases, b.Meta.Aliases)
}

// Relinked lists the pages whose broken links say something else after
// the update that made g (a "did you mean" that changed with the names of
// the site), for the live site to render again.
func (g *Graph) Relinked() []string { return g.relinked }

// own returns the new graph's node for id, copied from the old graph the
// first time so that the old one is never changed.
func (u *updater) own(id string) *Node {
	n := u.g.node(id)
	if n == nil || u.owned[id] {
		return n
	}
	c := *n
	c.In, c.Backlinks = slices.Clone(n.In), slices.Clone(n.Backlinks)
	switch {
	case id == "":
		u.g.Home = &c
	case n.IsSectionIndex():
		u.g.Sections[id] = &c
	default:
		u.g.put(&c)
	}
	u.owned[id] = true
	return &c
}

// withdraw takes back what the pages' links and relations gave other
// pages: inverse edges, backlinks and their mentions of names. Each list
// is gone through once for all the pages: a page that thousands of pages
// relate to, link to or name is dirty with all of them when it is
// edited, and taking each one's share back on its own was the square of
// their number (30,000 pages naming one: a save not done after 35 s).
func (u *updater) withdraw(ids []string) {
	gone := map[int32]bool{}              // the slots of the pages whose edges and backlinks go
	edges := map[string]bool{}            // the pages those have inverse edges on
	links := map[string]bool{}            // the pages those have backlinks on
	wrote := map[string]map[string]bool{} // by key, the pages that write it
	for _, id := range ids {
		n := u.old.node(id)
		if n == nil {
			continue
		}
		if n.Slot >= 0 {
			gone[n.Slot] = true
		}
		for _, e := range n.Out {
			edges[u.old.ID(e.To)] = true
		}
		for _, t := range n.Links {
			if t.State == Resolved && t.Page != id {
				links[t.Page] = true
			}
		}
		for _, target := range n.written() {
			for _, k := range keysOf(target) {
				if wrote[k] == nil {
					wrote[k] = map[string]bool{}
				}
				wrote[k][id] = true
			}
		}
	}
	// A page's inverse edges and backlinks from another page exist only
	// when that page relates or links to it, so taking every one from a
	// page in gone, on the pages they point to, takes what they gave.
	for _, id := range slices.Sorted(maps.Keys(edges)) {
		if t := u.own(id); t != nil {
			t.In = slices.DeleteFunc(t.In, func(x Edge) bool { return gone[x.To] })
		}
	}
	for _, id := range slices.Sorted(maps.Keys(links)) {
		if t := u.own(id); t != nil {
			t.Backlinks = slices.DeleteFunc(t.Backlinks, func(b Backlink) bool { return gone[b.From] })
		}
	}
	for k, writers := range wrote {
		if ids, ok := u.g.mentions[k]; ok {
			ids = slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return writers[x] })
			if len(ids) == 0 {
				delete(u.g.mentions, k)
			} else {
				u.g.mentions[k] = ids
			}
		}
	}
}

// written lists the targets a node's links and relations name.
func (n *Node) written() []string {
	var out []string
	if n.Meta != nil {
		for _, r := range n.Meta.Refs {
			out = append(out, r.Target)
		}
	}
	if n.Doc != nil {
		for i := range n.Doc.LinkCount() {
			l := n.Doc.Link(i)
			if l.Kind != markdown.Wiki {
				if p := pathTarget(n, l); strings.EqualFold(path.Ext(p), ".md") {
					out = append(out, p) // found by its id key, as an id is
				}
				continue
			}
			out = append(out, l.Target)
		}
	}
	return out
}

// mentionKeys calls fn with each key a node's links and relations write.
func mentionKeys(n *Node, fn func(k string)) {
	for _, target := range n.written() {
		if target == "" {
			continue
		}
		keys := keysOf(target)
		for i, k := range keys {
			if i == 0 || k != keys[i-1] {
				fn(k)
			}
		}
	}
}

// mention notes, by key, the id of a node under each name its links and
// relations write, for addMentions. Only a live graph keeps them: only
// updates look names up.
func (g *Graph) mention(into map[string][]string, n *Node) {
	if g.opts.Live {
		mentionKeys(n, func(k string) { into[k] = append(into[k], n.ID) })
	}
}

// addMentions adds the ids mention gathered to each key's list of the
// pages that write it, kept sorted and without repeats, in one pass a
// key, into a new list: in an update the old one is the old graph's too,
// and copying it for each id, as a page that thousands name is relinked
// with all of them, was the square of their number.
func (g *Graph) addMentions(mentioned map[string][]string) {
	for k, add := range mentioned {
		slices.Sort(add)
		add = slices.Compact(add)
		old := g.mentions[k]
		if len(old) == 0 {
			g.mentions[k] = add // Build's, or a name no page wrote before
			continue
		}
		ids := make([]string, 0, len(old)+len(add))
		for len(old) > 0 && len(add) > 0 {
			switch c := strings.Compare(old[0], add[0]); {
			case c < 0:
				ids, old = append(ids, old[0]), old[1:]
			case c > 0:
				ids, add = append(ids, add[0]), add[1:]
			default:
				ids, old, add = append(ids, old[0]), old[1:], add[1:]
			}
		}
		g.mentions[k] = append(append(ids, old...), add...)
	}
}

// replace puts a changed page's new version in place of the old.
func (u *updater) replace(c Change) {
	g := u.g
	// A page saved with the names it had (most saves) keeps its place in
	// the index of names, and the answers of suggest all stand.
	renamed := !namesKept(c)
	if c.Old != nil {
		if c.Old.IsHome() || c.Old.IsSectionIndex() {
			if c.New == nil {
				if c.Old.IsHome() {
					g.Home = nil
				} else {
					delete(g.Sections, c.Old.ID)
				}
			}
		} else {
			if renamed {
				g.names.remove(g.slotOf[c.Old.ID], c.Old.ID, c.Old.Slug, c.Old.Title, c.Old.Meta.Aliases)
				u.unnamed = append(u.unnamed, suggestable(c.Old.ID, c.Old.Slug, c.Old.Title, c.Old.Meta.Aliases)...)
			}
			delete(g.renamed, composed(strings.TrimPrefix(c.Old.Path, "content/")))
			if i, found := slices.BinarySearch(g.ids, c.Old.ID); found {
				g.ids, g.idSlots = slices.Delete(g.ids, i, i+1), slices.Delete(g.idSlots, i, i+1)
			}
			if c.New == nil || c.New.ID != c.Old.ID {
				delete(g.nodes, c.Old.ID)
				g.slots[g.slotOf[c.Old.ID]] = nil
			}
		}
	}
	if c.New == nil {
		return
	}
	n := g.newNode(c.New)
	if prev := g.node(c.New.ID); prev != nil && c.Old != nil && c.Old.ID == c.New.ID {
		// What other pages gave the old version is the new one's too.
		prev = u.own(c.New.ID)
		n.In, n.Backlinks = prev.In, prev.Backlinks
	}
	u.owned[c.New.ID] = true
	switch {
	case c.New.IsHome():
		g.Home = n
		return
	case c.New.IsSectionIndex():
		g.Sections[c.New.ID] = n
		return
	}
	n.Slot = g.slotFor(c.New.ID)
	g.put(n)
	g.noteRename(c.New)
	if renamed {
		g.names.addSorted(n.Slot, c.New.ID, c.New.Slug, c.New.Title, c.New.Meta.Aliases, g.ID)
		u.named = append(u.named, suggestable(c.New.ID, c.New.Slug, c.New.Title, c.New.Meta.Aliases)...)
	}
	if n.Published {
		i, _ := slices.BinarySearch(g.ids, c.New.ID)
		g.ids, g.idSlots = slices.Insert(g.ids, i, c.New.ID), slices.Insert(g.idSlots, i, n.Slot)
		n.Entries = timeline.Of(n.ID, n.Title, n.Type, n.Meta)
	}
}

// slotFor returns the slot of an id: the one it had, or a new one.
func (g *Graph) slotFor(id string) int32 {
	if s, ok := g.slotOf[id]; ok {
		return s
	}
	s := int32(len(g.slots))
	g.slots, g.slotIDs = append(g.slots, nil), append(g.slotIDs, id)
	g.slotOf[id] = s
	g.shuffled = true
	return s
}
