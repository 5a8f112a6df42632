package markdown

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/kbgen/kb/generator/internal/modsrc"
)

// highlightBoth formats text in lexer l with chroma's HTML formatter, as
// kb configured it before it wrote its own, and with writeHighlighted.
func highlightBoth(t *testing.T, l chroma.Lexer, text string) (chromas, ours string) {
	t.Helper()
	tokens := func() chroma.Iterator {
		it, err := chroma.Coalesce(l).Tokenise(nil, text)
		if err != nil {
			t.Fatalf("%s: %v", l.Config().Name, err)
		}
		return it
	}
	var want bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))
	if err := f.Format(&want, chroma.MustNewStyle("kb", chroma.StyleEntries{}), tokens()); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	w := bufio.NewWriter(&got)
	writeHighlighted(w, tokens())
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return want.String(), got.String()
}

// TestHighlightAsChroma: kb writes highlighted code as chroma's HTML
// formatter does, on the inputs of chroma's own lexer tests (each in its
// lexer) and on the corner cases of lines: none, empty ones, no last
// newline, CRLF, and text to escape.
func TestHighlightAsChroma(t *testing.T) {
	var c lexerCache
	dir, _, err := modsrc.Find("github.com/alecthomas/chroma/v2")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "lexers", "testdata", "*.actual"))
	if len(files) < 100 {
		t.Fatalf("chroma's testdata: %d files", len(files))
	}
	checked := 0
	for _, file := range files {
		l := c.get(strings.Split(strings.TrimSuffix(filepath.Base(file), ".actual"), ".")[0])
		if l == nil {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if want, got := highlightBoth(t, l, string(src)); got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", filepath.Base(file), got, want)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("%d files checked", checked)
	}
	for _, lang := range []string{"go", "python", "yaml", "json", "html", "text"} {
		for _, text := range []string{"", "\n", "\n\n", "a", "a\n", "a\n\nb", "x\r\ny\r\n", "\tif a < b && c > 'd' { \"e\" }\n", "<p class=\"x\">&amp;</p>"} {
			if want, got := highlightBoth(t, c.get(lang), text); got != want {
				t.Errorf("%s %q: got\n%s\nwant\n%s", lang, text, got, want)
			}
		}
	}
}

// FuzzHighlightAsChroma compares the two writers on any text in the
// languages of the benchmark corpus and Markdown.
func FuzzHighlightAsChroma(f *testing.F) {
	for _, s := range []string{"def f(x):\n    return x # c\n", "func F() {}\n", "a: [1, 2]\n", "{\"a\": \"<&>\"}", "```go\nx := 1\n```\n"} {
		f.Add(s)
	}
	var c lexerCache
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{"python", "go", "yaml", "json", "markdown"} {
			if want, got := highlightBoth(t, c.get(lang), text); got != want {
				t.Errorf("%s: got\n%s\nwant\n%s", lang, got, want)
			}
		}
	})
}
