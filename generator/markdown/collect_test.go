package markdown

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/slug"
)

func convert(t *testing.T, src string, firstLine int) *Document {
	t.Helper()
	d, err := New(Options{}).Convert([]byte(src), firstLine)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "level id text"
	}{
		{"repeats", "# Intro\n## Intro\n## Intro\n", []string{"1 intro Intro", "2 intro-1 Intro", "2 intro-2 Intro"}},
		{"a repeat of a made id", "## Intro\n## Intro\n## Intro 1\n", []string{"2 intro Intro", "2 intro-1 Intro", "2 intro-1-1 Intro 1"}},
		{"punctuation", "## What's new? (2025)\n", []string{"2 whats-new-2025 What's new? (2025)"}},
		{"chinese", "## 人工智能 全球治理\n", []string{"2 人工智能-全球治理 人工智能 全球治理"}},
		{"accents", "## Déclaration de Paris\n", []string{"2 déclaration-de-paris Déclaration de Paris"}},
		{"greek upper case", "## ΕΛΛΑΔΑ\n", []string{"2 ελλαδα ΕΛΛΑΔΑ"}},
		{"devanagari", "## कृत्रिम बुद्धि\n", []string{"2 कृत्रिम-बुद्धि कृत्रिम बुद्धि"}},
		{"no letters", "## ???\n## !!!\n", []string{"2 section ???", "2 section-1 !!!"}},
		{"inline markup", "## *A* `b` [c](d) [[E|e]]\n", []string{"2 a-b-c-e A b c e"}},
		{"empty heading", "##\n## A\n", []string{"2 a A"}},
		{"levels", "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n", []string{"1 1 1", "2 2 2", "3 3 3", "4 4 4", "5 5 5", "6 6 6"}},
		{"setext", "One\n===\n\nTwo\n---\n", []string{"1 one One", "2 two Two"}},
		{"not in code", "```\n# not a heading\n```\n", nil},
	}
	for _, tt := range tests {
		d := convert(t, tt.src, 1)
		var got []string
		for _, h := range d.Headings {
			got = append(got, fmt.Sprintf("%d %s %s", h.Level, h.ID, h.Text))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: headings %q, want %q", tt.name, got, tt.want)
		}
		for _, h := range d.Headings {
			// Key, what links are compared with, survives packHeadings
			// whether or not it begins the ID ("???": "" and "section").
			if want := slug.Make(h.Text); h.Key != want {
				t.Errorf("%s: heading %q has key %q, want %q", tt.name, h.Text, h.Key, want)
			}
			if !strings.Contains(string(d.HTML), fmt.Sprintf(`<h%d id="%s">`, h.Level, h.ID)) {
				t.Errorf("%s: the HTML has no <h%d id=%q>:\n%s", tt.name, h.Level, h.ID, d.HTML)
			}
		}
	}
}

func TestLead(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name, src, want string
	}{
		{"first paragraph", "# Title\n\nFirst *para*\ngraph.\n\nSecond.\n", "First para graph."},
		{"not a quote or a list", "> Quote.\n\n- Item.\n\nThe paragraph.\n", "The paragraph."},
		{"none", "# Title\n\n- Item.\n", ""},
		{"links as their text", "See [[China|the PRC]] and [this](https://x.org).", "See the PRC and this."},
		{"raw html left out", "A <b>bold</b> move.", "A bold move."},
		{"hard line break", "One  \nTwo", "One Two"},
		{"truncated", long, strings.TrimSpace(strings.Repeat("word ", 60)) + "…"},
	}
	for _, tt := range tests {
		if got := convert(t, tt.src, 1).Lead; got != tt.want {
			t.Errorf("%s: Lead = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	src := "# Title\n\nA paragraph with `code` and [[China|PRC]].\n\n```go\nfunc hidden() {}\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n- [x] done\n\n<div>html</div>\n"
	want := "Title\nA paragraph with code and PRC.\na\nb\nc\nd\ndone"
	if got := convert(t, src, 1).Text; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got := convert(t, "", 1).Text; got != "" {
		t.Errorf("Text of nothing = %q", got)
	}
}

// TestPlainTextIsUnescaped: the text of headings, the lead, the search
// text and the link contexts is what a reader sees, with backslash escapes
// and entities resolved, as in the HTML.
func TestPlainTextIsUnescaped(t *testing.T) {
	d := convert(t, "## Q\\&A at AT&amp;T\n\nAn escaped \\[[link]], 5 &lt; 6 and [[X]] \\*here\\*.\n", 1)
	want := []Heading{{Level: 2, ID: "q-a-at-at-t", Text: "Q&A at AT&T", Key: "q-a-at-at-t"}}
	if !slices.Equal(d.Headings, want) {
		t.Errorf("headings %+v, want %+v", d.Headings, want)
	}
	if want := "An escaped [[link]], 5 < 6 and X *here*."; d.Lead != want {
		t.Errorf("Lead = %q, want %q", d.Lead, want)
	}
	if want := "Q&A at AT&T\nAn escaped [[link]], 5 < 6 and X *here*."; d.Text != want {
		t.Errorf("Text = %q, want %q", d.Text, want)
	}
	if want := (Context{"An escaped [[link]], 5 < 6 and ", "X", " *here*."}); len(d.Links()) != 1 || mustContext(t, d, 0) != want {
		t.Errorf("links %+v, want one with context %+v", d.Links(), want)
	}
}

func TestLinkPositions(t *testing.T) {
	src := "Intro [[a]].\n\n> quoted [[b]]\n\n- item\n  continued [[c]]\n\n| x | ![[d]] |\n|---|---|\n\nÜber [[e]]\n"
	want := []diag.Pos{{Line: 10, Col: 7}, {Line: 12, Col: 10}, {Line: 15, Col: 13}, {Line: 17, Col: 7}, {Line: 20, Col: 7}}
	d := convert(t, src, 10)
	var got []diag.Pos
	for _, l := range d.Links() {
		got = append(got, l.Pos)
	}
	if !slices.Equal(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
	// With the body on the file's first line.
	d = convert(t, "[[a]]", 1)
	if len(d.Links()) != 1 || d.Links()[0].Pos != (diag.Pos{Line: 1, Col: 1}) {
		t.Errorf("links %+v", d.Links())
	}
}

func TestSentence(t *testing.T) {
	tests := []struct {
		name, text, link string
		want             Context
	}{
		{"alone", "L", "L", Context{"", "L", ""}},
		{"middle sentence", "One. Two L two. Three.", "L", Context{"Two ", "L", " two."}},
		{"first sentence", "One L one. Two.", "L", Context{"One ", "L", " one."}},
		{"last sentence, no stop", "One. Two L", "L", Context{"Two ", "L", ""}},
		{"question and exclamation", "Why? Because L! Yes.", "L", Context{"Because ", "L", "!"}},
		{"a stop without a space is not an end", "Version 3.5 of L is 2.0.", "L", Context{"Version 3.5 of ", "L", " is 2.0."}},
		{"a stop right before the link", "One.L two.", "L", Context{"One.", "L", " two."}},
		{"cjk full stop", "一。二L三。四。", "L", Context{"二", "L", "三。"}},
		{"cjk question and exclamation", "一？二L三！四", "L", Context{"二", "L", "三！"}},
		{"long after is truncated", "L " + strings.Repeat("after ", 40) + "end.", "L",
			Context{"", "L", " " + strings.TrimSpace(strings.Repeat("after ", 16)) + "…"}},
	}
	for _, tt := range tests {
		start := strings.Index(tt.text, tt.link)
		got := sentence(tt.text, start, start+len(tt.link))
		if got != tt.want {
			t.Errorf("%s: sentence = %+v, want %+v", tt.name, got, tt.want)
		}
	}

	// A long beginning is cut to about 100 bytes, at a word, after "…".
	text := strings.Repeat("before ", 40) + "L."
	start := strings.Index(text, "L")
	got := sentence(text, start, start+1)
	if !strings.HasPrefix(got.Before, "…before ") || len(got.Before) > 100+len("…") || !strings.HasSuffix(text[:start], strings.TrimPrefix(got.Before, "…")) {
		t.Errorf("long before = %q", got.Before)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 10, "one two…"},
		{"one, two, three", 9, "one, two…"},
		{"one two, three", 10, "one two…"},
		{"abcdefghijkl", 5, "abcde…"},
		{"a bcdefghijkl", 8, "a bcdefg…"}, // no space in the second half: cut in the word
		{"ééééé", 5, "éé…"},               // never in the middle of a letter
		{"中文中文中文", 7, "中文…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.s, tt.n)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q is not valid UTF-8", tt.s, tt.n, got)
		}
	}
}

func mustContext(t *testing.T, d *Document, i int) Context {
	t.Helper()
	c, err := d.LinkContext(i)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzSentence checks that sentence, which looks only contextReach bytes
// either way for the sentence's ends, finds what looking as far as it
// takes finds, on blocks made long by repeating a piece, with the link
// anywhere in them.
func FuzzSentence(f *testing.F) {
	f.Add("the plan would address risks, ", uint8(30), uint16(200), uint16(12))
	f.Add("Short one. Then another without end ", uint8(20), uint16(400), uint16(5))
	f.Add("全球治理。人工智能 ", uint8(40), uint16(300), uint16(9))
	f.Add("     ", uint8(90), uint16(300), uint16(3))
	f.Fuzz(func(t *testing.T, piece string, times uint8, at, width uint16) {
		text := strings.Repeat(piece, int(times)%100+1)
		start := int(at) % (len(text) + 1)
		end := min(len(text), start+int(width)%64)
		if got, want := sentence(text, start, end), sentenceWithin(text, start, end, len(text)+1); got != want {
			t.Errorf("sentence(%q, %d, %d) = %+v, want %+v", text, start, end, got, want)
		}
	})
}

// blockIDRegexp is what blockIDMark matches, as a regular expression.
var blockIDRegexp = regexp.MustCompile(`(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$`)

// checkBlockIDMark reports where blockIDMark and the regular expression
// disagree about v.
func checkBlockIDMark(t *testing.T, v string) {
	t.Helper()
	start, id := blockIDMark([]byte(v))
	m := blockIDRegexp.FindStringSubmatchIndex(v)
	switch {
	case m == nil && start >= 0:
		t.Errorf("blockIDMark(%q) = %d, %q; the expression matches nothing", v, start, id)
	case m != nil && (start != m[0] || string(id) != v[m[2]:m[3]]):
		t.Errorf("blockIDMark(%q) = %d, %q; want %d, %q", v, start, id, m[0], v[m[2]:m[3]])
	}
}

func TestBlockIDMark(t *testing.T) {
	for _, v := range []string{
		"", "^", "^a", "^a-1 ", "^a\t \t", "text ^claim-1", "text\t^x", "text^x", "text ^", "text ^ ",
		"a ^b ^c", "a ^b c", "a ^b-c_d", "a ^ü", "a ^B9", "x ^a\n", "x\n^a", "x ^a ^", "^^a", " ^^a", "a ^-",
		"a  ^b  ", "a ^b\u00a0",
	} {
		checkBlockIDMark(t, v)
	}
}

func FuzzBlockIDMark(f *testing.F) {
	for _, v := range []string{"text ^claim-1", "^a", "a ^b ^c", "x\t^y \t"} {
		f.Add(v)
	}
	f.Fuzz(checkBlockIDMark)
}
