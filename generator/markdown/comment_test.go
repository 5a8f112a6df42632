package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// TestCommentsNeverShow: whatever the Markdown around them, the words of
// a comment reach neither the HTML, nor the text search reads, nor the
// links; and text outside comments stays.
func TestCommentsNeverShow(t *testing.T) {
	inputs := []string{
		"%%SECRET%%",
		"a %%SECRET%% b",
		"a%%SECRET%%b",
		"%%\nSECRET\n%%",
		"%%\n\nSECRET\n\n%%",
		"before\n\n%%\n# SECRET\n\n> SECRET\n\n1. SECRET\n2. SECRET\n\n```\nSECRET\n```\n%%\n\nafter",
		"- item %%SECRET%%\n- %%SECRET%%\n- item",
		"*a %%SECRET* b%% c",
		"**%%SECRET%%**",
		"[link %%SECRET%%](x.md) and [%%SECRET](y.md)%%",
		"[[China]] %%[[SECRET]]%% [[EU]]",
		"| a | b |\n|---|---|\n| %%SECRET%% | c |",
		"a %%SECRET\nSECRET\nSECRET%% b",
		"%%SECRET%%%%SECRET%%",
		"> quote %%SECRET\n> SECRET%% end",
		"text[^1] %%SECRET%%\n\n[^1]: note %%SECRET%%",
		"<b>html</b> %%SECRET <i>x</i> SECRET%%",
		"a %%SECRET `code` SECRET%% b",
		"# H %%SECRET%%\n\n## %%SECRET%%",
	}
	c := New(Options{})
	for _, in := range inputs {
		d, err := c.Convert([]byte(in), 1)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		var html bytes.Buffer
		if err := d.Fill(&html, nil, func(b *bytes.Buffer, i int) { b.WriteString(d.Link(i).Target) }); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(html.String(), "SECRET") || strings.Contains(d.Text, "SECRET") {
			t.Errorf("%q: the comment shows:\nhtml: %s\ntext: %s", in, html.String(), d.Text)
		}
		for _, l := range d.Links() {
			if strings.Contains(l.Target, "SECRET") {
				t.Errorf("%q: a link in a comment was kept: %+v", in, l)
			}
		}
		if strings.Contains(html.String(), "<p></p>") || strings.Contains(html.String(), "<li></li>") {
			t.Errorf("%q: an emptied block was written: %s", in, html.String())
		}
		for _, word := range []string{"before", "after", "item", "China", "EU", "quote", "end", "text", "note", "html"} {
			if strings.Contains(in, word) && !strings.Contains(html.String(), word) {
				t.Errorf("%q: %q, outside the comment, is gone: %s", in, word, html.String())
			}
		}
	}
}

// FuzzConvert converts any text without panicking, and keeps what it
// promises of any text: holes in order within the HTML, every link with
// a sentence, and no comment's marker word in the output.
func FuzzConvert(f *testing.F) {
	for _, seed := range []string{
		"a %%SECRET%% b #tag ==mark== [x](y.md#^id) ^id",
		"> [!note]- T %%c\n> body [[x]] #t\n\n%%",
		"- [ ] #x\n- [![i](a.png)](b.md) ^b\n\n|a|b|\n|-|-|\n|%%|x|",
		"[[a#^b|c]] `#x` C# #1 &#35;y **#z** ==",
		"%%%%%%", "#", "^", "> [!", "[!x]",
	} {
		f.Add(seed)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, in string) {
		d, err := c.Convert([]byte(in), 1)
		if err != nil {
			t.Fatal(err)
		}
		prev := int32(-1)
		for _, h := range d.Holes {
			if h.Offset < prev || int(h.Offset) > len(d.HTML) || int(h.Link) >= d.LinkCount() {
				t.Fatalf("hole %+v out of order or place (html %d bytes, %d links)", h, len(d.HTML), d.LinkCount())
			}
			prev = h.Offset
		}
		for i := range d.LinkCount() {
			if _, err := d.LinkContext(i); err != nil {
				t.Fatalf("link %d: %v", i, err)
			}
		}
	})
}

// panicky is an extension that fails on "boom", as a bug in goldmark or
// an extension might on some text.
type panicky struct{}

func (panicky) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	if bytes.Contains(reader.Source(), []byte("boom")) {
		panic("boom")
	}
}

// TestConvertRecovers: a panic while a page is converted is an error of
// that page; the converter goes on converting others.
func TestConvertRecovers(t *testing.T) {
	c := New(Options{})
	for _, ps := range c.parsers {
		for _, p := range ps {
			p.AddOptions(parser.WithASTTransformers(util.Prioritized(panicky{}, 0)))
		}
	}
	if _, err := c.Convert([]byte("a boom here"), 1); err == nil || !strings.Contains(err.Error(), "could not be converted (boom)") {
		t.Errorf("a panicking page: err = %v", err)
	}
	d, err := c.Convert([]byte("fine [[China]]"), 1)
	if err != nil || d.LinkCount() != 1 || !strings.Contains(string(d.HTML), "fine") {
		t.Errorf("the next page: %v, %+v", err, d)
	}
}
