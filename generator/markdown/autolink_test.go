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
		parsers := map[string]parser.Parser{"linkify": c.md.Parser()}
		if !mayAutolink([]byte(tt.in)) {
			parsers["plain"] = c.plain
		}
		for name, p := range parsers {
			got := normalizeSpecHTML(fill(convertUsing(t, c, p, tt.in)))
			if got != normalizeSpecHTML(tt.want) {
				t.Errorf("%s: %q:\ngot  %q\nwant %q", name, tt.in, got, tt.want)
			}
		}
	}
}

// checkParsersAgree fails if in, which can hold no autolink, converts
// into different documents with Linkify's parser and without it.
func checkParsersAgree(t *testing.T, c *Converter, in string) {
	t.Helper()
	if mayAutolink([]byte(in)) {
		return
	}
	with, without := convertUsing(t, c, c.md.Parser(), in), convertUsing(t, c, c.plain, in)
	if !reflect.DeepEqual(with, without) {
		t.Errorf("%q: the parsers disagree:\nwith Linkify:    %q\nwithout Linkify: %q\n%+v\n%+v", in, with.HTML, without.HTML, with, without)
	}
}

// TestParsersAgree converts the spec's examples, the golden and fixture
// inputs and the built-in site's pages with both parsers.
func TestParsersAgree(t *testing.T) {
	c := New(Options{Unsafe: true})
	for _, ex := range readSpec(t) {
		checkParsersAgree(t, c, ex.Markdown)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	pages, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	for _, f := range append(files, pages...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkParsersAgree(t, c, string(data))
	}
	archives, _ := filepath.Glob(filepath.Join("testdata", "wikilinks", "*.txtar"))
	for _, f := range archives {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in, _ := parseArchive(string(data)).get("input.md")
		checkParsersAgree(t, c, in)
	}
	if len(pages) < 20 {
		t.Errorf("found %d of the built-in site's pages; the test reads the wrong folder", len(pages))
	}
}

// FuzzParsersAgree: any text that can hold no autolink converts into the
// same document with Linkify's parser as without it.
func FuzzParsersAgree(f *testing.F) {
	for _, seed := range []string{
		"aaa     \nbbb     \n", "a *b*  \n_c_ ~d~ (e)\n", "#tag  \n[[x]] y  \nz",
		"- a  \n  b\n\n> q  \n> r", "|a|b|\n|-|-|\n|c  |d|", "[x](y.md)  \n![i](a.png)",
		"foo\\\nbar  \n\tbaz", "a ==m==  \n%%c%%  \nb",
	} {
		f.Add(seed)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, in string) {
		checkParsersAgree(t, c, in)
	})
}
