package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// convertUsing converts body as Convert does, but with the parser p.
func convertUsing(t *testing.T, c *Converter, p parser.Parser, body string) *Document {
	t.Helper()
	w := new(Writer)
	d, err := c.convert(p, []byte(body), 1, w)
	if err != nil {
		t.Fatalf("%q: %v", body, err)
	}
	d.HTML, d.Holes = w.Bytes(), w.holes
	return d
}

func TestMayAutolink(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"plain prose, [[China]] and [a](b.md)", false},
		{"a time 10:30, a label: value, ::", false},
		{"see http://example.org", true},
		{"see https://example.org", true},
		{"see ftp://example.org", true},
		{"http:", true},
		{"see www.example.org", true},
		{"mail me@example.org", true},
		{"an @ alone", true}, // may be: Linkify's own check decides
		{"HTTP://EXAMPLE.ORG", false},
		{"thttp: is no protocol but looks like one", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := mayAutolink([]byte(tt.body)); got != tt.want {
			t.Errorf("mayAutolink(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// TestMayDefineLinks: a body with no "]:" can hold no link reference
// definition, so that the parser without them reads it as the full one.
func TestMayDefineLinks(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"[a]: /url", true},
		{"text\n\n   [a]: /url 'title'", true},
		{"[a\nb]:\n/url", true},         // a label over two lines, the destination on the next
		{"[^1]: a footnote", true},      // a footnote's, read by its own parser all the same
		{"see [a] : /url", false},       // not a definition: a space before the colon
		{"[[China]]: a wikilink", true}, // may be: goldmark's check decides
		{"a [link](x) and [ref][a]", false},
		{"time 10:30, [a] label", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := mayDefineLinks([]byte(tt.body)); got != tt.want {
			t.Errorf("mayDefineLinks(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// TestLineEndSpaces: the spaces and tabs at a line's end are not in the
// HTML, with Linkify's parser as without it.
func TestLineEndSpaces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aaa     \nbbb", "<p>aaa<br>\nbbb</p>\n"},
		{"see http://x.org  \nnext", "<p>see <a href=\"http://x.org\">http://x.org</a><br>\nnext</p>\n"},
		{"one two three   \nfour", "<p>one two three<br>\nfour</p>\n"},
		{"*a* b  \nc", "<p><em>a</em> b<br>\nc</p>\n"},
		{"tab\t \t \nc", "<p>tab\nc</p>\n"},
		{"soft \t\nc", "<p>soft\nc</p>\n"},
		{"back \\\nslash", "<p>back <br>\nslash</p>\n"},
		{"crlf word   \r\nnext", "<p>crlf word<br>\nnext</p>\n"},
		{"`code  `   \nx", "<p><code>code  </code><br>\nx</p>\n"},
	}
	c := New(Options{})
	for _, tt := range tests {
		for name, p := range parsersFor(c, tt.in) {
			got := normalizeSpecHTML(fill(convertUsing(t, c, p, tt.in)))
			if got != normalizeSpecHTML(tt.want) {
				t.Errorf("%s: %q:\ngot  %q\nwant %q", name, tt.in, got, tt.want)
			}
		}
	}
}

// parsersFor names the converter's parsers that may read in: the full
// one always, those without autolinks or link reference definitions when
// in can hold none.
func parsersFor(c *Converter, in string) map[string]parser.Parser {
	ps := map[string]parser.Parser{}
	for linkify, name := range []string{"without autolinks", "with autolinks"} {
		if linkify == 0 && mayAutolink([]byte(in)) {
			continue
		}
		for refs, and := range []string{", without link definitions", ""} {
			if refs == 0 && mayDefineLinks([]byte(in)) {
				continue
			}
			ps[name+and] = c.parsers[linkify][refs]
		}
	}
	return ps
}

// checkParsersAgree fails if any parser that may read in converts it
// into a document other than the full parser's.
func checkParsersAgree(t *testing.T, c *Converter, in string) {
	t.Helper()
	full := convertUsing(t, c, c.md.Parser(), in)
	for name, p := range parsersFor(c, in) {
		if got := convertUsing(t, c, p, in); !reflect.DeepEqual(got, full) {
			t.Errorf("%q: the parsers disagree:\nall:    %q\n%s: %q\n%+v\n%+v", in, full.HTML, name, got.HTML, full, got)
		}
	}
}

// TestParsersAgree converts the spec's examples, the golden and fixture
// inputs and the built-in site's pages with both parsers.
func TestParsersAgree(t *testing.T) {
	c := New(Options{Unsafe: true})
	for _, in := range sampleInputs(t) {
		checkParsersAgree(t, c, in)
	}
}

// sampleInputs are the Markdown the tests that compare two ways of
// converting read: the spec's examples, the golden inputs, the built-in
// site's pages and the wikilink fixtures' inputs.
func sampleInputs(t *testing.T) []string {
	t.Helper()
	var ins []string
	for _, ex := range readSpec(t) {
		ins = append(ins, ex.Markdown)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	pages, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	if len(pages) < 20 {
		t.Fatalf("found %d of the built-in site's pages; the test reads the wrong folder", len(pages))
	}
	for _, f := range append(files, pages...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, string(data))
	}
	archives, _ := filepath.Glob(filepath.Join("testdata", "wikilinks", "*.txtar"))
	for _, f := range archives {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, _ := parseArchive(string(data)).get("input.md")
		ins = append(ins, in)
	}
	return ins
}

// FuzzParsersAgree: any text converts into the same document with each
// parser that may read it as with the full one.
func FuzzParsersAgree(f *testing.F) {
	for _, seed := range []string{
		"aaa     \nbbb     \n", "a *b*  \n_c_ ~d~ (e)\n", "#tag  \n[[x]] y  \nz",
		"- a  \n  b\n\n> q  \n> r", "|a|b|\n|-|-|\n|c  |d|", "[x](y.md)  \n![i](a.png)",
		"foo\\\nbar  \n\tbaz", "a ==m==  \n%%c%%  \nb",
		"[a]: /u\n\n[a]", "[x]\n\n[x]:\n<y> 'z'", "[^1]: note\n\nsee[^1]",
	} {
		f.Add(seed)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, in string) {
		checkParsersAgree(t, c, in)
	})
}
