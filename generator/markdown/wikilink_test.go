package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// fill writes a document's HTML with each hole shown as {{N}}, N being the
// link's index.
func fill(d *Document) string {
	var b bytes.Buffer
	d.Fill(&b, nil, func(dst *bytes.Buffer, i int) { fmt.Fprintf(dst, "{{%d}}", i) })
	return b.String()
}

// linkLines writes each link on two lines: where it is and what it says,
// then the sentence around it.
func linkLines(d *Document) string {
	var b strings.Builder
	for i, l := range d.Links() {
		fmt.Fprintf(&b, "%d:%d target=%q heading=%q label=%q text=%q embed=%v", l.Pos.Line, l.Pos.Col, l.Target, l.Heading, l.Label, l.Shown(), l.Embed)
		switch l.Kind {
		case MarkdownLink:
			fmt.Fprintf(&b, " markdown-link dest=%q", l.Dest)
		case MarkdownImage:
			fmt.Fprintf(&b, " markdown-image dest=%q", l.Dest)
		}
		b.WriteByte('\n')
		c, err := d.LinkContext(i)
		if err != nil {
			c.Before = err.Error()
		}
		fmt.Fprintf(&b, "\tcontext: %q %q %q\n", c.Before, c.Link, c.After)
	}
	return b.String()
}

func headingLines(d *Document) string {
	var b strings.Builder
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "h%d %s %q\n", h.Level, h.ID, h.Text)
	}
	return b.String()
}

// checkHoles checks that every link has exactly one hole, in order.
func checkHoles(t *testing.T, d *Document) {
	t.Helper()
	seen := make([]int, len(d.Links()))
	for i, h := range d.Holes {
		if i > 0 && h.Offset < d.Holes[i-1].Offset {
			t.Errorf("holes out of order: %v", d.Holes)
		}
		if h.Offset < 0 || int(h.Offset) > len(d.HTML) || h.Link < 0 || int(h.Link) >= len(d.Links()) {
			t.Errorf("hole %+v out of range", h)
			continue
		}
		seen[h.Link]++
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("link %d has %d holes", i, n)
		}
	}
}

// TestWikilinkFixtures runs testdata/wikilinks/*.txtar. Each holds an
// input.md, converted with the body starting on line 1, and what comes
// out: the HTML with holes shown as {{N}}, the links, the headings, the
// lead and the text. go test -update rewrites the outputs.
func TestWikilinkFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "wikilinks", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	c := New(Options{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			input, ok := a.get("input.md")
			if !ok {
				t.Fatalf("%s: no input.md", file)
			}
			d, err := c.Convert([]byte(input), 1)
			if err != nil {
				t.Fatal(err)
			}
			checkHoles(t, d)
			got := map[string]string{
				"html":     fill(d),
				"links":    linkLines(d),
				"headings": headingLines(d),
				"lead":     d.Lead + "\n",
				"text":     d.Text + "\n",
			}
			names := []string{"html", "links", "headings", "lead", "text"}
			if *update {
				for _, name := range names {
					a.set(name, got[name])
				}
				if err := os.WriteFile(file, a.format(), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range names {
				want, ok := a.get(name)
				if !ok {
					t.Errorf("%s: no %s section (go test -update writes it)", file, name)
					continue
				}
				if got[name] != want {
					t.Errorf("%s: %s:\n%s\nwant:\n%s", file, name, got[name], want)
				}
			}
		})
	}
}

// TestWikilinkTargets is the parser's table: what each written form
// means, and what is no link at all.
func TestWikilinkTargets(t *testing.T) {
	type link struct {
		target, heading, label string
		embed                  bool
	}
	tests := []struct {
		in   string
		want []link
	}{
		{"[[China]]", []link{{"China", "", "", false}}},
		{"[[ China ]]", []link{{"China", "", "", false}}},
		{"[[China|the PRC]]", []link{{"China", "", "the PRC", false}}},
		{"[[China| the PRC ]]", []link{{"China", "", "the PRC", false}}},
		{"[[EU AI Act#Timeline]]", []link{{"EU AI Act", "Timeline", "", false}}},
		{"[[EU AI Act # Timeline ]]", []link{{"EU AI Act", "Timeline", "", false}}},
		{"[[EU AI Act#Timeline|its timeline]]", []link{{"EU AI Act", "Timeline", "its timeline", false}}},
		{"[[#Timeline]]", []link{{"", "Timeline", "", false}}},
		{"[[#Timeline|below]]", []link{{"", "Timeline", "below", false}}},
		{"![[China]]", []link{{"China", "", "", true}}},
		{"![[figure.png]]", []link{{"figure.png", "", "", true}}},
		{"![[figure.png|A figure]]", []link{{"figure.png", "", "A figure", true}}},
		{"[[participants/china]]", []link{{"participants/china", "", "", false}}},
		{"[[a|b|c]]", []link{{"a", "", "b|c", false}}},
		{"[[a#b#c]]", []link{{"a", "b#c", "", false}}},
		{"[[a]] and [[b]]", []link{{"a", "", "", false}, {"b", "", "", false}}},
		{"[[a]]]", []link{{"a", "", "", false}}},
		{"[[[a]]", []link{{"a", "", "", false}}},
		{"x![[a]]", []link{{"a", "", "", true}}},
		{"! [[a]]", []link{{"a", "", "", false}}},
		{"**[[a]]**", []link{{"a", "", "", false}}},

		// Not links.
		{"[[]]", nil},
		{"[[ ]]", nil},
		{"[[|label]]", nil},
		{"[[#]]", nil},
		{"[[unclosed", nil},
		{"[[unclosed]", nil},
		{"[[a\nb]]", nil},
		{"[[a]b]]", nil},
		{"[[a[b]]", nil},
		{"\\[[a]]", nil},
		{"`[[a]]`", nil},
		{"```\n[[a]]\n```", nil},
		{"    [[a]]", nil},
		{"<span title=\"[[a]]\">x</span>", nil},
		// Markdown links, collected too but not as wikilinks (locallinks.txtar).
		{"[a](b)", nil},
		{"![a](b.png)", nil},
	}
	c := New(Options{})
	for _, tt := range tests {
		d, err := c.Convert([]byte(tt.in), 1)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		var got []link
		for _, l := range d.Links() {
			if l.Kind == Wiki {
				got = append(got, link{l.Target, l.Heading, l.Label, l.Embed})
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: links %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// TestWikilinkPlainRenderer checks what a wikilink writes into an ordinary
// writer, which has no holes: its text, escaped.
func TestWikilinkPlainRenderer(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"See [[China]].", "<p>See China.</p>\n"},
		{"See [[China|PRC & co]].", "<p>See PRC &amp; co.</p>\n"},
		{"See [[EU AI Act#Timeline]].", "<p>See EU AI Act &gt; Timeline.</p>\n"},
		{"See [[#Timeline]].", "<p>See Timeline.</p>\n"},
		{"![[<b>]]", "<p>&lt;b&gt;</p>\n"},
	}
	md := goldmark.New(goldmark.WithExtensions(NewWikilinks()))
	for _, tt := range tests {
		var b bytes.Buffer
		if err := md.Convert([]byte(tt.in), &b); err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if b.String() != tt.want {
			t.Errorf("%q: %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}

func TestWikilinkShown(t *testing.T) {
	tests := []struct {
		n    Wikilink
		want string
	}{
		{Wikilink{Target: "China"}, "China"},
		{Wikilink{Target: "China", Label: "PRC"}, "PRC"},
		{Wikilink{Target: "EU AI Act", Heading: "Timeline"}, "EU AI Act > Timeline"},
		{Wikilink{Heading: "Timeline"}, "Timeline"},
		{Wikilink{Heading: "Timeline", Label: "below"}, "below"},
	}
	for _, tt := range tests {
		if got := tt.n.Shown(); got != tt.want {
			t.Errorf("%+v.Shown() = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestWikilinkNodesReused converts pages of many links and of few through
// one converter, whose Wikilink nodes are reused page to page: each page
// gets its own links, however many the page before had.
func TestWikilinkNodesReused(t *testing.T) {
	page := func(n, from int) (string, []string) {
		var b strings.Builder
		var want []string
		for i := range n {
			fmt.Fprintf(&b, "See [[page %d|label %d]].\n\n", from+i, from+i)
			want = append(want, fmt.Sprintf("page %d|label %d", from+i, from+i))
		}
		return b.String(), want
	}
	c := New(Options{})
	for i, n := range []int{3, 70, 0, 1, 33, 2} {
		in, want := page(n, 100*i)
		d, err := c.Convert([]byte(in), 1)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		var got []string
		for _, l := range d.Links() {
			got = append(got, l.Target+"|"+l.Label)
		}
		if !slices.Equal(got, want) {
			t.Errorf("page %d: links %q, want %q", i, got, want)
		}
		if h := fill(d); strings.Count(h, "{{") != n {
			t.Errorf("page %d: %d holes in %q, want %d", i, strings.Count(h, "{{"), h, n)
		}
	}
}

// TestWikilinkNodesReset checks that nodes taken back are cleared: a node
// that kept its parent would keep its page's whole tree alive.
func TestWikilinkNodesReset(t *testing.T) {
	var ns wikilinkNodes
	pc := parser.NewContext()
	pc.Set(wikilinkNodesKey, &ns)
	parent := ast.NewParagraph()
	for range 40 {
		n := newWikilink(pc)
		n.Target = "x"
		parent.AppendChild(parent, n)
	}
	if ns.used != 8 || len(ns.nodes) != 64 {
		t.Fatalf("after 40 nodes: %d used of %d, want 8 of 64 (a second array)", ns.used, len(ns.nodes))
	}
	ns.reset()
	for i := range ns.nodes {
		if ns.nodes[i].Parent() != nil || ns.nodes[i].Target != "" {
			t.Fatalf("node %d not cleared: %+v", i, ns.nodes[i])
		}
	}
	if n := newWikilink(pc); n != &ns.nodes[0] {
		t.Error("after reset, the next node is not the array's first")
	}
	if n := newWikilink(parser.NewContext()); n == nil {
		t.Error("a parse without wikilinkNodes gets no node")
	}
}
