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
// or a title, all compared after slugifying.
type names struct {
	keys [levels]map[string][]string // key -> ids, in id order
	// suggested keeps suggest's answers, by scope and key: a missing page
	// is often linked from many pages (a [[TODO]], an unwritten topic),
	// and each answer weighs every name of the site. Links are resolved
	// after the index is made, on a copy in serve (clone), so the answers
	// hold; put and remove forget them all the same.
	suggested    sync.Map
	anySuggested atomic.Bool // whether suggested holds any, so that forgetting costs nothing when not
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
		n.keys[l] = make(map[string][]string, room)
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
// nodes[i], which come in id order. Each level's keys are a map of their
// own, so each level is filled on a core of its own: filling the maps is
// what is left of making the index once slugs are made on every core.
func (n *names) addAll(nodes []*Node, named []pageNames) {
	n.forgetSuggestions()
	parallel.For(int(levels), func(l int) {
		for i, p := range named {
			for j, pl := range p.levels {
				if pl == level(l) {
					n.insert(pl, p.keys[j], nodes[i].ID)
				}
			}
		}
	})
}

// insert appends id to key's ids, which come in id order; an id that is
// already last is not added again.
func (n *names) insert(l level, key, id string) {
	if key == "" {
		return
	}
	ids := n.keys[l][key]
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return // an alias that repeats the title, say
	}
	n.keys[l][key] = append(ids, id)
}

// clone copies the index, sharing the lists of ids until they change.
func (n *names) clone() *names {
	c := &names{}
	for i := range n.keys {
		c.keys[i] = maps.Clone(n.keys[i])
	}
	return c
}

// remove takes a page's names out of the index.
func (n *names) remove(id, pageSlug, title string, aliases []string) {
	n.forgetSuggestions()
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		ids := slices.DeleteFunc(slices.Clone(n.keys[l][key]), func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(n.keys[l], key)
		} else {
			n.keys[l][key] = ids
		}
	})
}

// addSorted adds a page's names, keeping each key's ids in order.
func (n *names) addSorted(id, pageSlug, title string, aliases []string) {
	eachName(id, pageSlug, title, aliases, func(l level, key string) {
		ids := n.keys[l][key]
		if i, found := slices.BinarySearch(ids, id); !found {
			n.keys[l][key] = slices.Insert(slices.Clone(ids), i, id)
		}
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

// resolve returns the pages the target names at the first level where it
// names any, keeping only those for which keep is true. The slice must
// not be changed.
func (n *names) resolve(target string, keep func(id string) bool) []string {
	keys := keysOf(target)
	if keep == nil {
		for l := byID; l < levels; l++ {
			if ids := n.keys[l][keys[l]]; len(ids) > 0 {
				return ids
			}
		}
		return nil
	}
	for l := byID; l < levels; l++ {
		var found []string
		for _, id := range n.keys[l][keys[l]] {
			if keep == nil || keep(id) {
				found = append(found, id)
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
func (n *names) suggest(target, scope string, keep func(id string) bool) string {
	key := slug.Make(target)
	cacheKey := scope + "\x00" + key
	if s, ok := n.suggested.Load(cacheKey); ok {
		return s.(string)
	}
	near := slug.NewNear(key)
	for l := bySlug; l < levels; l++ {
		for k, ids := range n.keys[l] {
			for _, id := range ids {
				if keep == nil || keep(id) {
					near.Consider(k)
					break
				}
			}
		}
	}
	best := near.Best()
	n.suggested.Store(cacheKey, best)
	n.anySuggested.Store(true)
	return best
}

// shownMatches is how many of the pages (or files) an ambiguous name
// matches a message lists. The message is also the broken link's tooltip
// on every page that links so: a name shared by a thousand notes (every
// folder's "README") would otherwise write a thousand ids for each link.
const shownMatches = 5

// someOf lists the first shownMatches of ids, and how many more there are.
func someOf(ids []string) string {
	if len(ids) <= shownMatches {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:shownMatches], ", "), len(ids)-shownMatches)
}

// didYouMean formats a suggestion for a problem message.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s)
}
