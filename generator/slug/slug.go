// Package slug turns names into the URL-safe keys that identify pages and
// headings, keeping the letters of every script, and suggests the nearest
// known key when a name matches none.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Make lower-cases s and turns every run of spaces and punctuation into one
// "-", keeping letters, marks and digits of every script:
// "Global AI Governance Initiative" -> "global-ai-governance-initiative",
// "人工智能 全球治理" -> "人工智能-全球治理".
func Make(s string) string {
	if isSlug(s) {
		return s
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return makeUnicode(s)
		}
	}
	return makeASCII(s)
}

// makeASCII is Make for ASCII, where letters and digits are a-z, A-Z and
// 0-9 and there are no marks: titles and targets as links write them,
// slugified for every link a site resolves, without Unicode's tables.
func makeASCII(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue
		default:
			dash = true
			continue
		}
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		b = append(b, c)
	}
	return string(b)
}

// makeUnicode is Make for text beyond ASCII. It composes the text first
// (Unicode NFC): "é" may come as one character or as "e" and a combining
// accent, as macOS writes file names, and a page's file and a link to it
// must make one slug.
func makeUnicode(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "China's" -> "chinas", as Hugo and Zola do
		}
		dash = true
	}
	return b.String()
}

// isSlug reports whether s is already what Make would return, the common
// case for file names, so that Make costs no allocation then.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	prevDash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevDash = false
		case c == '-' && !prevDash:
			prevDash = true
		default:
			return false
		}
	}
	return true
}

// Nearest returns the candidate closest to key by edit distance, if it is
// close enough to be a likely typo ("deep-fake" for "deep-fakes"), or "".
// Of candidates equally close, the first in byte order wins, so the order
// they come in does not matter.
func Nearest(key string, candidates []string) string {
	n := NewNear(key)
	for _, c := range candidates {
		n.Consider(c)
	}
	return n.Best()
}

// Near is Nearest with the candidates offered one at a time. A broken
// link's suggestion weighs every name of the site, tens of thousands, so
// a candidate costs no allocation, and one that cannot beat the best so
// far is given up as soon as that is certain.
type Near struct {
	key, best      string
	keyRunes, cand []rune
	limit          int // the farthest a suggestion may be
	bestDist       int
	prev, cur      []int // rows of the distance table
	// keyBytes counts the key's bytes when it is ASCII (asciiKey): a
	// candidate's bag distance, the letters one has and the other lacks,
	// is a lower bound of its edit distance that costs a pass over it.
	keyBytes [128]uint16
	asciiKey bool
	bits     *bitKey // the key for bitKey.distance, when it has 1 to 64 runes
}

// NewNear starts a search for the candidate nearest to key.
func NewNear(key string) *Near {
	r := []rune(key)
	n := &Near{key: key, keyRunes: r, limit: max(2, len(r)/3), asciiKey: len(key) < 1<<16, bits: newBitKey(r)}
	for i := 0; i < len(key) && n.asciiKey; i++ {
		if key[i] >= utf8.RuneSelf {
			n.asciiKey = false
		} else {
			n.keyBytes[key[i]]++
		}
	}
	return n
}

// bagDistance is a lower bound of the edit distance between the ASCII key
// and c, or -1 when c is not ASCII: each edit adds, drops or changes one
// letter, so it changes what either string lacks of the other by one.
func (n *Near) bagDistance(c string) int {
	left := n.keyBytes // the key's letters c has not matched yet
	missing, extra := len(n.key), 0
	for i := 0; i < len(c); i++ {
		b := c[i]
		if b >= utf8.RuneSelf {
			return -1
		}
		if left[b] > 0 {
			left[b]--
			missing--
		} else {
			extra++
		}
	}
	return max(missing, extra)
}

// Consider weighs one candidate.
func (n *Near) Consider(c string) {
	if d, ok := n.closer(c, -1); ok {
		n.take(c, d)
	}
}

// closer reports whether c would be the best candidate so far, and its
// distance: runes is c's number of runes, or -1 to count them.
func (n *Near) closer(c string, runes int) (int, bool) {
	if c == n.key {
		return 0, false
	}
	limit := n.limitFor(c)
	if limit < 0 {
		return 0, false
	}
	if runes < 0 {
		runes = utf8.RuneCountInString(c)
	}
	if abs(runes-len(n.keyRunes)) > limit {
		return 0, false // the distance is at least the difference in length
	}
	var d int
	if n.bits != nil {
		d = n.bits.distance(c, runes, limit)
	} else {
		if n.asciiKey && n.bagDistance(c) > limit {
			return 0, false
		}
		n.cand = n.cand[:0]
		for _, r := range c {
			n.cand = append(n.cand, r)
		}
		d = n.distance(limit)
	}
	// A suggestion must keep something of what was written: "x" is not a
	// typo of "a".
	if d >= len(n.keyRunes) || d >= runes || d > limit {
		return 0, false
	}
	return d, true
}

// limitFor is the farthest c may be from the key to be the best so far,
// or -1. A candidate farther than the best so far cannot win, nor one as
// far that comes later in byte order.
func (n *Near) limitFor(c string) int {
	if n.best == "" {
		return n.limit
	}
	if c > n.best {
		return n.bestDist - 1
	}
	return n.bestDist
}

// take makes c, at distance d, the best so far: nearer than it, or as
// near and first in byte order (see limitFor).
func (n *Near) take(c string, d int) { n.best, n.bestDist = c, d }

// Best is the nearest candidate considered, or "" if none is near enough.
func (n *Near) Best() string { return n.best }

// distance is the Levenshtein distance between the key and n.cand, or a
// number above limit as soon as it is known to exceed it.
func (n *Near) distance(limit int) int {
	a, b := n.keyRunes, n.cand
	if cap(n.prev) < len(b)+1 {
		n.prev, n.cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := n.prev[:len(b)+1], n.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
