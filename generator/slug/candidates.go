package slug

import (
	"cmp"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// Candidates are names prepared for many searches for the nearest of
// them (Near): a site's "did you mean" hints weigh every name of the site
// for each name that matched nothing. With the names sorted by length,
// and each one's letters summed up in a word and counted in byte lanes, a
// search reads only the names of about the key's length, and gives most
// of those up with two population counts and a few word operations,
// before any distance is computed. A folder renamed on the 10,000-page
// corpus left 3,500 names unmatched, each weighed against 26,000 names:
// 11.5 CPU s, as long as the rest of the build five times over; 50,000
// links to notes not yet written took kb check 35 s, now 2.2.
type Candidates struct {
	names []candidate // by runes, then name
}

type candidate struct {
	name  string
	runes int
	// letters has bit r%64 set for each rune r of the name: each edit
	// adds or takes away at most one bit of what either name has and the
	// other lacks, so the count of those bits is a lower bound of the
	// edit distance.
	letters uint64
	counts  [2]uint64 // see countLetters
}

// NewCandidates prepares the names, which may repeat, for Nearest.
func NewCandidates(names []string) *Candidates {
	cs := make([]candidate, 0, len(names))
	for _, s := range names {
		cs = append(cs, candidate{name: s, runes: utf8.RuneCountInString(s), letters: letters(s), counts: countLetters(s)})
	}
	slices.SortFunc(cs, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.runes, b.runes), cmp.Compare(a.name, b.name))
	})
	cs = slices.CompactFunc(cs, func(a, b candidate) bool { return a.name == b.name })
	return &Candidates{names: cs}
}

// letters is a candidate's letters (see candidate).
func letters(s string) uint64 {
	var w uint64
	for _, r := range s {
		w |= 1 << (uint32(r) % 64)
	}
	return w
}

// countLetters counts a name's runes by r%16 in sixteen lanes of a byte,
// each at most 31: an edit adds or takes away one rune, so the runes one
// name has over the other's, lane by lane, are a lower bound of their
// distance (the bag distance, blurred by the lanes, which only lowers it),
// and bagBound sums them in a few word operations.
func countLetters(s string) [2]uint64 {
	var lanes [16]uint8
	for _, r := range s {
		if l := &lanes[uint32(r)%16]; *l < 31 {
			*l++
		}
	}
	var w [2]uint64
	for i, n := range lanes {
		w[i/8] |= uint64(n) << (8 * (i % 8))
	}
	return w
}

// bagBound is the lower bound of the distance countLetters gives: the
// more of the runes one name has over the other's, lane by lane.
func bagBound(a, b [2]uint64) int {
	return max(excess(a[0], b[0])+excess(a[1], b[1]), excess(b[0], a[0])+excess(b[1], a[1]))
}

// excess sums, over eight byte lanes of at most 31, by how much a's lane
// exceeds b's. Each lane of (a | 128) - b is 128 + a - b, between 97
// and 159, so no lane borrows from the next, and its top bit says
// whether a's lane is at least b's; the lanes' sum, at most 248, is the
// top byte of their product with 0x0101...
func excess(a, b uint64) int {
	const top = 0x8080808080808080
	d := (a | top) - b
	over := d &^ top & ((d & top >> 7) * 0xff)
	return int(over * 0x0101010101010101 >> 56)
}

// Nearest is Nearest(key, names) of the names for which allow is true (of
// all, when allow is nil). allow is asked only of a name that would be
// the nearest so far.
func (c *Candidates) Nearest(key string, allow func(name string) bool) string {
	n := NewNear(key)
	runes, keyLetters, keyCounts := len(n.keyRunes), letters(key), countLetters(key)
	// No name whose length differs by more than the limit can be near
	// enough; the limit only shrinks as the search goes on.
	from, _ := slices.BinarySearchFunc(c.names, runes-n.limit, func(x candidate, r int) int { return cmp.Compare(x.runes, r) })
	for _, x := range c.names[from:] {
		if x.runes > runes+n.limit {
			break
		}
		limit := n.limitFor(x.name)
		if bits.OnesCount64(keyLetters&^x.letters) > limit || bits.OnesCount64(x.letters&^keyLetters) > limit ||
			bagBound(keyCounts, x.counts) > limit {
			continue
		}
		if d, ok := n.closer(x.name, x.runes); ok && (allow == nil || allow(x.name)) {
			n.take(x.name, d)
		}
	}
	return n.Best()
}
