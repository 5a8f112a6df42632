package render

import (
	"strings"
	"testing"
)

func TestCompareLower(t *testing.T) {
	tests := []struct{ a, b string }{
		{"", ""},
		{"", "a"},
		{"a", "A"},
		{"Apple", "apple pie"},
		{"AI Act", "ai act"},
		{"Zeta", "alpha"},
		{"Éclair", "eclair"},
		{"éclair", "Éclairs"},
		{"\u212A", "k"},        // Kelvin sign lowers to k, in fewer bytes
		{"\u0130x", "iy"},      // İ lowers to i
		{"a\xffb", "a\uFFFDb"}, // invalid UTF-8 lowers to U+FFFD
		{"\xff", "\xfe"},
		{"straße", "STRASSE"},
	}
	for _, tt := range tests {
		for _, p := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			want := strings.Compare(strings.ToLower(p[0]), strings.ToLower(p[1]))
			if got := compareLower(p[0], p[1]); got != want {
				t.Errorf("compareLower(%q, %q) = %d, want %d", p[0], p[1], got, want)
			}
		}
	}
}

func FuzzCompareLower(f *testing.F) {
	f.Add("Apple", "apple pie")
	f.Add("\u212A", "k")
	f.Add("a\xffb", "A\uFFFDB")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
