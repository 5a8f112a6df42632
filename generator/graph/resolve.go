package graph

import (
	"fmt"
	"path"
	"strings"

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
}

func newNames() *names {
	n := &names{}
	for i := range n.keys {
		n.keys[i] = map[string][]string{}
	}
	return n
}

// add registers a page's names. Pages must be added in id order.
func (n *names) add(id, pageSlug, title string, aliases []string) {
	n.put(byID, id, id)
	n.put(bySlug, pageSlug, id)
	for _, a := range aliases {
		n.put(byAlias, slug.Make(a), id)
	}
	n.put(byTitle, slug.Make(title), id)
}

func (n *names) put(l level, key, id string) {
	if key == "" {
		return
	}
	ids := n.keys[l][key]
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return // an alias that repeats the title, say
	}
	n.keys[l][key] = append(ids, id)
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

// Keys returns the keys a written target is looked up by at each level.
func lookupKeys(target string) [levels]string {
	s := slug.Make(strings.TrimSuffix(target, ".md"))
	return [levels]string{idKey(target), s, s, s}
}

// resolve returns the pages the target names at the first level where it
// names any, keeping only those for which keep is true.
func (n *names) resolve(target string, keep func(id string) bool) []string {
	keys := lookupKeys(target)
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
// among pages for which keep is true, for "did you mean" hints.
func (n *names) suggest(target string, keep func(id string) bool) string {
	key := slug.Make(target)
	var candidates []string
	for l := bySlug; l < levels; l++ {
		for k, ids := range n.keys[l] {
			for _, id := range ids {
				if keep == nil || keep(id) {
					candidates = append(candidates, k)
					break
				}
			}
		}
	}
	return slug.Nearest(key, candidates)
}

// didYouMean formats a suggestion for a problem message.
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s)
}
