package graph

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbgen/kb/generator/parallel"
	"github.com/kbgen/kb/generator/slug"
)

// level is a rule of resolution, in the order the rules are tried.
type level int

const (
	byID level = iota
	bySlug
	byAlias
	byTitle
	levels
)

// names finds pages by what a link may call them: an id, a slug, an alias
// or a title, all compared after slugifying. It gives their slots (see
// Graph.At), from which a link reaches its page and id without looking
// either up again by id: at 100,000 pages that look-up, a cache miss in
// a map of every page, was a third of resolving links.
type names struct {
	keys [levels]map[string][]int32 // key -> slots, in the order of their ids
	// suggested keeps suggest's answers, by scope and key: a missing page
	// is often linked from many pages (a [[TODO]], an unwritten topic),
	// and each answer weighs every name of the site. An update's copy
	// (clone) keeps them, and forget and offer change only those a
	// page's names can change: renaming a page relinks every page with a
	// broken link, whose answers would otherwise all be sought again (1.7 s
	// with 1,000 of them at 10,000 pages).
	suggested    sync.Map
	anySuggested atomic.Bool // whether suggested holds any, so that forgetting costs nothing when not
	// cands are the names suggest weighs, made when first needed
	// since the keys last changed.
	cands   atomic.Pointer[slug.Candidates]
	candsMu sync.Mutex // held while cands are made
}

// forgetSuggestions empties suggested, when it holds anything.
func (n *names) forgetSuggestions() {
	if n.anySuggested.Swap(false) {
		n.suggested.Clear()
	}
}

// newNames makes an empty index with room for so many pages' ids, slugs
// and titles, which a large site's index would otherwise be rehashed for
// again and again as it grows.
func newNames(pages int) *names {
	n := &names{}
	for l := range n.keys {
		room := pages
		if level(l) == byAlias {
			room = 0 // few pages have aliases
		}
		n.keys[l] = make(map[string][]int32, room)
	}
	return n
}

// pageNames is a page's names as eachName makes them.
type pageNames struct {
	levels []level
	keys   []string
}

// namesOf makes a page's names, to be added with addAll: slugifying
// them, which is most of the work, can then go on every core.
func namesOf(id, pageSlug, title string, aliases []string) pageNames {
	var p pageNames
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		p.levels, p.keys = append(p.levels, l), append(p.keys, key)
	})
	return p
}

// addAll registers the names namesOf made of each node, named[i] of
// nodes[i], which come in id order, as their slots do. Each level's keys
// are a map of their own, so each level is filled on a core of its own:
// filling the maps is what is left of making the index once slugs are
// made on every core.
func (n *names) addAll(nodes []*Node, named []pageNames) {
	n.forgetSuggestions()
	n.cands.Store(nil)
	parallel.For(int(levels), func(l int) {
		for i, p := range named {
			for j, pl := range p.levels {
				if pl == level(l) {
					n.insert(pl, p.keys[j], nodes[i].Slot)
				}
			}
		}
	})
}

// insert appends slot to key's slots, which come in id order; a slot
// that is already last is not added again.
func (n *names) insert(l level, key string, slot int32) {
	if key == "" {
		return
	}
	slots := n.keys[l][key]
	if len(slots) > 0 && slots[len(slots)-1] == slot {
		return // an alias that repeats the title, say
	}
	n.keys[l][key] = append(slots, slot)
}

// clone copies the index, sharing the lists of slots until they change,
// with the answers suggest has given.
func (n *names) clone() *names {
	c := &names{}
	for i := range n.keys {
		c.keys[i] = maps.Clone(n.keys[i])
	}
	n.suggested.Range(func(k, v any) bool {
		c.suggested.Store(k, v)
		return true
	})
	c.anySuggested.Store(n.anySuggested.Load())
	c.cands.Store(n.cands.Load())
	return c
}

// suggestable lists the keys of a page's names that suggest weighs: all
// but its id's.
func suggestable(id, pageSlug, title string, aliases []string) []string {
	var keys []string
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		if l != byID && key != "" {
			keys = append(keys, key)
		}
	})
	return keys
}

// remove takes the names of the page in a slot out of the index. The
// answers of suggest that were one of them are then to be forgotten
// (forget), once for all the pages of an update.
func (n *names) remove(slot int32, id, pageSlug, title string, aliases []string) {
	n.cands.Store(nil)
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		slots := slices.DeleteFunc(slices.Clone(n.keys[l][key]), func(x int32) bool { return x == slot })
		if len(slots) == 0 {
			delete(n.keys[l], key)
		} else {
			n.keys[l][key] = slots
		}
	})
}

// addSorted adds the names of the page in a slot, keeping each key's
// slots in the order of their ids, which idOf gives: after an update has
// given a new page a slot, slot order is no longer id order. The names
// are then to be offered (offer) to the answers of suggest, once for all
// the pages of an update.
func (n *names) addSorted(slot int32, id, pageSlug, title string, aliases []string, idOf func(int32) string) {
	n.cands.Store(nil)
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		slots := n.keys[l][key]
		i, found := slices.BinarySearchFunc(slots, id, func(s int32, id string) int { return strings.Compare(idOf(s), id) })
		if !found {
			n.keys[l][key] = slices.Insert(slices.Clone(slots), i, slot)
		}
	})
}

// forget drops the answers of suggest that are one of the names gone,
// to be sought again when asked for. An update forgets for all its pages
// at once, in one pass over the answers rather than one a page.
func (n *names) forget(gone []string) {
	if len(gone) == 0 || !n.anySuggested.Load() {
		return
	}
	names := make(map[string]bool, len(gone))
	for _, g := range gone {
		names[g] = true
	}
	n.suggested.Range(func(k, best any) bool {
		if names[best.(string)] {
			n.suggested.Delete(k)
		}
		return true
	})
}

// offer brings the answers suggest has given up to date with new names:
// the nearest name is the old answer or the nearest of the new ones,
// whichever is nearer (the old answer was the nearest of all the others).
// An answer for a scope (a relation's target type) is forgotten instead:
// which pages it keeps is not known here. An update offers the names of
// all its pages at once: offered page by page, 3,000 pages added to a
// site with 3,000 links to notes not yet written weighed each page's
// names against each answer anew: 5.9-8.5 s in kb serve.
func (n *names) offer(added []string) {
	if len(added) == 0 || !n.anySuggested.Load() {
		return
	}
	candidates := slug.NewCandidates(added)
	n.suggested.Range(func(k, v any) bool {
		scope, key, _ := strings.Cut(k.(string), "\x00")
		if scope != "" {
			n.suggested.Delete(k)
			return true
		}
		best := v.(string)
		near := slug.NewNear(key)
		if best != "" {
			near.Consider(best)
		}
		if c := candidates.Nearest(key, nil); c != "" {
			near.Consider(c)
		}
		if near.Best() != best {
			n.suggested.Store(k, near.Best())
		}
		return true
	})
}

// eachName calls fn for each level and key a page is found by.
func eachName(id, pageSlug, title string, aliases []string, fn func(level, string)) {
	fn(byID, id)
	fn(bySlug, pageSlug)
	for _, a := range aliases {
		if k := slug.Make(a); k != "" {
			fn(byAlias, k)
		}
	}
	if k := slug.Make(title); k != "" {
		fn(byTitle, k)
	}
}

// idKey normalises a written id: "Participants/China.md" -> "participants/china".
func idKey(target string) string {
	target = strings.TrimSuffix(target, ".md")
	parts := strings.Split(strings.Trim(target, "/"), "/")
	for i, p := range parts {
		parts[i] = slug.Make(p)
	}
	return path.Join(parts...)
}

// keysOf returns the keys a written target is looked up by at each level.
// It is made for every link and relation anew: slugifying a target costs
// less than looking it up in a cache as large as a large site's targets.
func keysOf(target string) [levels]string {
	s := slug.Make(strings.TrimSuffix(target, ".md"))
	id := s // the id key of a target without folders, the most written
	if strings.Contains(target, "/") {
		id = idKey(target)
	}
	return [levels]string{id, s, s, s}
}

// resolve returns the slots of the pages the target names at the first
// level where it names any, keeping only those for which keep is true.
// The slice must not be changed.
func (n *names) resolve(target string, keep func(slot int32) bool) []int32 {
	keys := keysOf(target)
	if keep == nil {
		for l := byID; l < levels; l++ {
			if slots := n.keys[l][keys[l]]; len(slots) > 0 {
				return slots
			}
		}
		return nil
	}
	for l := byID; l < levels; l++ {
		var found []int32
		for _, slot := range n.keys[l][keys[l]] {
			if keep(slot) {
				found = append(found, slot)
			}
		}
		if len(found) > 0 {
			return found
		}
	}
	return nil
}

// suggest returns the known key nearest to a target that matched nothing,
// among pages for which keep is true, for "did you mean" hints. scope
// names what keep keeps ("" for every page), for the answer to be kept.
func (n *names) suggest(target, scope string, keep func(slot int32) bool) string {
	key := slug.Make(target)
	cacheKey := scope + "\x00" + key
	if s, ok := n.suggested.Load(cacheKey); ok {
		return s.(string)
	}
	var allow func(string) bool
	if keep != nil {
		allow = func(k string) bool {
			for l := bySlug; l < levels; l++ {
				if slices.ContainsFunc(n.keys[l][k], keep) {
					return true
				}
			}
			return false
		}
	}
	best := n.allCandidates().Nearest(key, allow)
	n.suggested.Store(cacheKey, best)
	n.anySuggested.Store(true)
	return best
}

// allCandidates returns the names suggest weighs, the keys of every level
// but the ids', made once for all the searches of a build or an update.
func (n *names) allCandidates() *slug.Candidates {
	if c := n.cands.Load(); c != nil {
		return c
	}
	n.candsMu.Lock()
	defer n.candsMu.Unlock()
	if c := n.cands.Load(); c != nil {
		return c
	}
	var keys []string
	for l := bySlug; l < levels; l++ {
		keys = slices.AppendSeq(keys, maps.Keys(n.keys[l]))
	}
	c := slug.NewCandidates(keys)
	n.cands.Store(c)
	return c
}

// shownMatches is how many of the pages (or files) an ambiguous name
// matches a message lists. The message is also the broken link's tooltip
// on every page that links so: a name shared by a thousand notes (every
// folder's "README") would otherwise write a thousand ids for each link.
const shownMatches = 5

// someOf lists the first shownMatches of ids, and how many more there are.
func someOf(ids []string) string {
	return firstOf(ids[:min(len(ids), shownMatches)], len(ids))
}

// someOfSlots is someOf of the ids of the pages in the slots, reading no
// more of them than it shows: every link to a name that a thousand notes
// share asked for them all (a tenth of such a site's build).
func (g *Graph) someOfSlots(slots []int32) string {
	ids := make([]string, min(len(slots), shownMatches))
	for i := range ids {
		ids[i] = g.ID(slots[i])
	}
	return firstOf(ids, len(slots))
}

// firstOf lists the first of total ids, and how many more there are.
func firstOf(first []string, total int) string {
	if total <= len(first) {
		return strings.Join(first, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(first, ", "), total-len(first))
}

// didYouMean formats a suggestion for a problem message.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s)
}
