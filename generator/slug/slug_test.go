package slug

import (
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "china", "china"},
		{"title case and spaces", "Global AI Governance Initiative", "global-ai-governance-initiative"},
		{"punctuation runs", "EU  AI Act (2024/1689)", "eu-ai-act-2024-1689"},
		{"leading and trailing", "  --Hello, world!-- ", "hello-world"},
		{"underscores", "deep_fakes", "deep-fakes"},
		{"apostrophe dropped", "America's AI Action Plan", "americas-ai-action-plan"},
		{"chinese kept", "人工智能 全球治理", "人工智能-全球治理"},
		{"accents kept", "Déclaration de Paris", "déclaration-de-paris"},
		{"devanagari marks kept", "कृत्रिम बुद्धि", "कृत्रिम-बुद्धि"},
		{"digits", "Executive Order 14110", "executive-order-14110"},
		{"empty", "", ""},
		{"only punctuation", "?!", ""},
		// Fixed bugs.
		{"already a slug with double dash", "a--b", "a-b"},
		{"upper-case slug-looking", "ABC", "abc"},
		// A decomposed "é" ("e" and U+0301), as macOS writes file names,
		// makes the slug the composed one does.
		{"decomposed accents composed", "Cafe\u0301 Risks", "caf\u00e9-risks"},
		{"decomposed hangul composed", "\u1112\u1161\u11ab\u1100\u116e\u11a8", "\ud55c\uad6d"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("%s: Make(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"deep-fakes", "digital-divide", "china", "chile", "machine-hallucinations"}
	tests := []struct {
		key, want string
	}{
		{"deep-fake", "deep-fakes"},
		{"chna", "china"},
		{"machine-halucinations", "machine-hallucinations"},
		{"united-states", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.key, keys); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestMakeIsIdempotent(t *testing.T) {
	for _, s := range []string{
		"Global AI Governance Initiative", "EU  AI Act (2024/1689)", "人工智能 全球治理",
		"Déclaration de Paris", "कृत्रिम बुद्धि", "a--b", "-x-", "Q&A", "China’s plan", "ÅNGSTRÖM",
	} {
		once := Make(s)
		if twice := Make(once); twice != once {
			t.Errorf("Make(Make(%q)) = %q, want %q", s, twice, once)
		}
	}
}

func TestMakeMore(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"typographic apostrophe dropped", "China’s plan", "chinas-plan"},
		{"upper-case non-Latin letters lowered", "ÅNGSTRÖM Über", "ångström-über"},
		{"greek", "Τεχνητή Νοημοσύνη", "τεχνητή-νοημοσύνη"},
		{"ampersand", "Q&A", "q-a"},
		{"dots", "Regulation 2024.1689", "regulation-2024-1689"},
		{"file extension is punctuation", "figure.png", "figure-png"},
		{"tabs and newlines", "a\tb\nc", "a-b-c"},
		{"emoji are punctuation", "AI 🤖 safety", "ai-safety"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("%s: Make(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNearestMore(t *testing.T) {
	tests := []struct {
		name       string
		key        string
		candidates []string
		want       string
	}{
		{"an exact match is no suggestion", "china", []string{"china"}, ""},
		{"exact match skipped, next nearest kept", "china", []string{"china", "chinas"}, "chinas"},
		{"ties go to the smaller key", "cat", []string{"cut", "bat"}, "bat"},
		{"the nearer wins over order", "abcdef", []string{"abxxef", "abcdex"}, "abcdex"},
		{"short keys allow two edits", "abc", []string{"axy"}, "axy"},
		{"a suggestion keeps something of the key", "ab", []string{"xy"}, ""},
		{"three edits too many for short keys", "abc", []string{"xyz"}, ""},
		{"long keys allow a third of their length", "machine-learning", []string{"machine-learn"}, "machine-learn"},
		{"runes, not bytes", "中国", []string{"中华"}, "中华"},
		{"no candidates", "x", nil, ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.key, tt.candidates); got != tt.want {
			t.Errorf("%s: Nearest(%q, %q) = %q, want %q", tt.name, tt.key, tt.candidates, got, tt.want)
		}
	}
}

// FuzzMakeASCII checks the ASCII fast path against the Unicode one, which
// any string may take.
func FuzzMakeASCII(f *testing.F) {
	for _, s := range []string{"Global AI Governance Initiative", "America's AI Action Plan", "  --Hello, world!-- ", "EU  AI Act (2024/1689)", "a_b\tc", "ABC", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ascii := make([]byte, len(s))
		for i := range len(s) {
			ascii[i] = s[i] & 0x7f
		}
		in := string(ascii)
		if got, want := Make(in), makeUnicode(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	})
}

// nearestReference is Nearest as first written, without Near's pruning:
// every candidate's whole distance, each in its own allocations.
func nearestReference(key string, candidates []string) string {
	best, bestDist := "", 0
	limit := max(2, utf8.RuneCountInString(key)/3)
	for _, c := range candidates {
		if c == key {
			continue
		}
		ra, rb := []rune(key), []rune(c)
		prev, cur := make([]int, len(rb)+1), make([]int, len(rb)+1)
		for j := range prev {
			prev[j] = j
		}
		for i := 1; i <= len(ra); i++ {
			cur[0] = i
			for j := 1; j <= len(rb); j++ {
				cost := 1
				if ra[i-1] == rb[j-1] {
					cost = 0
				}
				cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			}
			prev, cur = cur, prev
		}
		d := prev[len(rb)]
		if d >= len(ra) || d >= len(rb) {
			continue
		}
		if d <= limit && (best == "" || d < bestDist || d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// FuzzNearest checks Nearest, which gives up on candidates that cannot
// win, against the reference, with the candidates in either order.
func FuzzNearest(f *testing.F) {
	f.Add("deep-fake", "deep-fakes", "deep-fade", "dee")
	f.Add("cat", "cut", "bat", "cat")
	f.Add("中国", "中华", "中国人", "x")
	f.Add("abcdef", "abxxef", "abcdex", "abcdef")
	f.Fuzz(func(t *testing.T, key, a, b, c string) {
		for _, cands := range [][]string{{a, b, c}, {c, b, a}, {b, c, a}} {
			if got, want := Nearest(key, cands), nearestReference(key, cands); got != want {
				t.Errorf("Nearest(%q, %q) = %q, want %q", key, cands, got, want)
			}
		}
	})
}
