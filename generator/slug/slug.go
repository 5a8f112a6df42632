// Package slug turns names into the URL-safe keys that identify pages and
// headings, keeping the letters of every script, and suggests the nearest
// known key when a name matches none.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"
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

func makeUnicode(s string) string {
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
func Nearest(key string, candidates []string) string {
	best, bestDist := "", 0
	limit := max(2, utf8.RuneCountInString(key)/3)
	for _, c := range candidates {
		if c == key {
			continue
		}
		d := distance(key, c, limit)
		// A suggestion must keep something of what was written: "x" is
		// not a typo of "a".
		if d >= utf8.RuneCountInString(key) || d >= utf8.RuneCountInString(c) {
			continue
		}
		if d <= limit && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, or a number above
// limit as soon as it is known to exceed it.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
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
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
