package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/internal/modsrc"
)

// specExample is one example of the CommonMark spec, as goldmark keeps it
// in _test/spec.json.
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// specExceptions are the examples whose HTML differs from the spec's on
// purpose: kb's Markdown is CommonMark plus GFM, wikilinks and highlighting.
var specExceptions = map[int]string{
	142: "highlighting: chroma writes a known language as <pre class=\"chroma\">",
	143: "highlighting: chroma writes a known language as <pre class=\"chroma\">",
	608: "GFM autolinks: a bare URL inside < > becomes a link",
	611: "GFM autolinks: a bare URL becomes a link",
	612: "GFM autolinks: a bare e-mail address becomes a link",
	64:  "Obsidian tags: #hashtag, not a heading, is a tag",
}

var (
	specHeadingID   = regexp.MustCompile(`(<h[1-6]) id="[^"]*"`)
	specSelfClosing = regexp.MustCompile(`\s*/>`)
)

// normalizeSpecHTML makes kb's HTML and the spec's comparable: kb gives
// headings ids, and writes HTML where the spec writes XHTML (<br />).
func normalizeSpecHTML(s string) string {
	s = specHeadingID.ReplaceAllString(s, "$1")
	return specSelfClosing.ReplaceAllString(s, ">")
}

// readSpec reads spec.json from the goldmark module that kb builds with.
func readSpec(t *testing.T) []specExample {
	t.Helper()
	dir, _, err := modsrc.Find("github.com/yuin/goldmark")
	if err != nil {
		t.Skip(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Skipf("the CommonMark spec: %v", err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatalf("spec.json: %v", err)
	}
	return examples
}

// TestCommonMarkSpec converts every example of the spec that holds no
// "[[" (which kb reads as a wikilink) and compares the HTML. Every
// exception must really fail, so that the list stays honest.
func TestCommonMarkSpec(t *testing.T) {
	examples := readSpec(t)
	c := New(Options{Unsafe: true})
	tested, exceptions := 0, 0
	for _, ex := range examples {
		if strings.Contains(ex.Markdown, "[[") {
			continue
		}
		d, err := c.Convert([]byte(ex.Markdown), 1)
		if err != nil {
			t.Errorf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		// A link to a path is a hole, filled as a link to no file of
		// the site is: as written.
		var html bytes.Buffer
		if err := d.Fill(&html, nil, func(b *bytes.Buffer, i int) { b.Write(d.Link(i).DestHTML()) }); err != nil {
			t.Fatal(err)
		}
		got, want := normalizeSpecHTML(html.String()), normalizeSpecHTML(ex.HTML)
		tested++
		if reason, ok := specExceptions[ex.Example]; ok {
			exceptions++
			if got == want {
				t.Errorf("example %d (%s) is listed as an exception (%s) but passes; take it off the list", ex.Example, ex.Section, reason)
			}
			continue
		}
		if got != want {
			t.Errorf("example %d (%s):\nmarkdown: %q\ngot:  %q\nwant: %q", ex.Example, ex.Section, ex.Markdown, got, want)
		}
	}
	if tested < 600 {
		t.Errorf("only %d examples tested; is spec.json complete?", tested)
	}
	if exceptions != len(specExceptions) {
		t.Errorf("%d exceptions met, %d listed: an exception is not an example of this spec, or holds \"[[\"", exceptions, len(specExceptions))
	}
}
