package slug

import "slices"

// bitKey is a key of 1 to 64 runes prepared for Myers' bit-parallel edit
// distance (G. Myers, "A fast bit-vector algorithm for approximate string
// matching based on dynamic programming", J. ACM 46(3), 1999, in H.
// Hyyrö's form for the distance between two whole strings). The key's
// column of the distance table is kept as two words of its differences
// from row to row, and each rune of a candidate advances the whole column
// in a dozen word operations, where Near.distance fills a row of the
// table.
type bitKey struct {
	m     int
	ascii [128]uint64 // by rune: the key's positions holding it
	other []runeMask  // the same for the key's other runes
}

type runeMask struct {
	r    rune
	mask uint64
}

// newBitKey prepares key, or returns nil when it is empty or longer than
// 64 runes.
func newBitKey(key []rune) *bitKey {
	if len(key) == 0 || len(key) > 64 {
		return nil
	}
	b := &bitKey{m: len(key)}
	for i, r := range key {
		if r >= 0 && r < 128 {
			b.ascii[r] |= 1 << i
			continue
		}
		j := slices.IndexFunc(b.other, func(x runeMask) bool { return x.r == r })
		if j < 0 {
			b.other = append(b.other, runeMask{r: r})
			j = len(b.other) - 1
		}
		b.other[j].mask |= 1 << i
	}
	return b
}

// positions returns the key's positions holding r, as bits.
func (b *bitKey) positions(r rune) uint64 {
	if r >= 0 && r < 128 {
		return b.ascii[r]
	}
	for _, x := range b.other {
		if x.r == r {
			return x.mask
		}
	}
	return 0
}

// distance is the edit distance between the key and c, which has so many
// runes, or a number above limit as soon as it is known to exceed it.
func (b *bitKey) distance(c string, runes, limit int) int {
	pv, mv := ^uint64(0), uint64(0) // the column's differences: +1, -1
	last := uint64(1) << (b.m - 1)
	score := b.m // the distance between the key and c's runes so far
	left := runes
	for _, r := range c {
		eq := b.positions(r)
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1 // the first row grows by one a rune: D[0][j] = j
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		// Each rune left can lower the distance by one at most.
		if left--; score-left > limit {
			return limit + 1
		}
	}
	return score
}
