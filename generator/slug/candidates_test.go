package slug

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// FuzzCandidates checks Candidates.Nearest, which gives up on names by
// their length and letters before weighing them, against the reference,
// with and without a name it must not allow.
func FuzzCandidates(f *testing.F) {
	f.Add("deep-fake", "deep-fakes", "deep-fade", "dee", false)
	f.Add("deep-fake", "deep-fakes", "deep-fade", "dee", true)
	f.Add("cat", "cut", "bat", "cat", true)
	f.Add("中国", "中华", "中国人", "x", false)
	f.Add("abcdef", "abxxef", "abcdex", "abcdef", true)
	f.Add("ab", "ba", "a\xffb", "", false)
	f.Fuzz(func(t *testing.T, key, a, b, c string, dropB bool) {
		names := []string{a, b, c, a}
		var allow func(string) bool
		if dropB {
			allow = func(s string) bool { return s != b }
		}
		want := nearestReference(key, slices.DeleteFunc(slices.Clone(names), func(s string) bool { return dropB && s == b }))
		if got := NewCandidates(names).Nearest(key, allow); got != want {
			t.Errorf("Nearest(%q) of %q (without %q: %v) = %q, want %q", key, names, b, dropB, got, want)
		}
	})
}

// TestCandidatesMany compares Candidates.Nearest with Nearest on names
// close enough to each other that many are weighed in full.
func TestCandidatesMany(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := words(rng, 3000, 3, 12, "abcde-fgh")
	cs := NewCandidates(names)
	found := 0
	for _, key := range words(rng, 500, 3, 12, "abcde-fgh") {
		want := Nearest(key, names)
		if got := cs.Nearest(key, nil); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", key, got, want)
		}
		if want != "" {
			found++
		}
	}
	if found < 100 {
		t.Errorf("only %d of 500 keys had a nearest name: the test weighs too little", found)
	}
}

func BenchmarkCandidates(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz-"
	names, keys := words(rng, 30000, 8, 30, letters), words(rng, 100, 8, 30, letters)
	b.Run("Near", func(b *testing.B) {
		for b.Loop() {
			for _, k := range keys {
				Nearest(k, names)
			}
		}
	})
	cs := NewCandidates(names)
	b.Run("Candidates", func(b *testing.B) {
		for b.Loop() {
			for _, k := range keys {
				cs.Nearest(k, nil)
			}
		}
	})
}

// words makes n random words of min to min+spread-1 letters.
func words(rng *rand.Rand, n, min, spread int, letters string) []string {
	out := make([]string, n)
	for i := range out {
		b := make([]byte, min+rng.IntN(spread))
		for j := range b {
			b[j] = letters[rng.IntN(len(letters))]
		}
		out[i] = string(b)
	}
	return out
}

// TestBitKeyDistance compares bitKey.distance with the distance table
// for keys of every length it takes, 1 to 64 runes, over letters that
// repeat often and runes beyond ASCII.
func TestBitKeyDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	letters := []rune("ab-中é")
	word := func(n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		return w
	}
	for m := 1; m <= 64; m++ {
		for range 40 {
			key, c := word(m), word(rng.IntN(m+10))
			n := NewNear(string(key))
			n.cand = c
			want := n.distance(1 << 20)
			b := newBitKey(key)
			if got := b.distance(string(c), len(c), 1<<20); got != want {
				t.Errorf("distance(%q, %q) = %d, want %d", string(key), string(c), got, want)
			}
			// With a limit, any number above it will do when the distance is.
			limit := rng.IntN(m + 1)
			if got := b.distance(string(c), len(c), limit); got != want && (got <= limit || want <= limit) {
				t.Errorf("distance(%q, %q) within %d = %d, want %d", string(key), string(c), limit, got, want)
			}
		}
	}
	if newBitKey(nil) != nil || newBitKey(make([]rune, 65)) != nil {
		t.Error("newBitKey takes keys of 1 to 64 runes only")
	}
}

// TestBagBound checks bagBound, which sums lanes in words, against the
// same sums made lane by lane, and that it is at most the distance.
func TestBagBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	letters := []rune("abcdefghijklmnopqrstuvwxyz-0123456789é中")
	word := func() string {
		w := make([]rune, rng.IntN(70))
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		return string(w)
	}
	lanes := func(s string) (l [16]int) {
		for _, r := range s {
			l[uint32(r)%16] = min(l[uint32(r)%16]+1, 31)
		}
		return l
	}
	for range 5000 {
		a, b := word(), word()
		la, lb := lanes(a), lanes(b)
		over, under := 0, 0
		for i := range la {
			over += max(0, la[i]-lb[i])
			under += max(0, lb[i]-la[i])
		}
		got := bagBound(countLetters(a), countLetters(b))
		if want := max(over, under); got != want {
			t.Fatalf("bagBound(%q, %q) = %d, want %d", a, b, got, want)
		}
		n := NewNear(a)
		n.cand = []rune(b)
		if d := n.distance(1 << 20); got > d {
			t.Fatalf("bagBound(%q, %q) = %d, more than the distance %d", a, b, got, d)
		}
	}
}
