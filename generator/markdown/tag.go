package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kbgen/kb/generator/slug"
)

// Obsidian's inline tags, "#ai-safety" in the text, are tags of the page
// as those of its front matter are (Document.Tags), and link to the tag's
// page. As in Obsidian, a tag follows a space or starts a line, and holds
// letters, digits, "_", "-" and "/", one letter at least: "C#", "#1" and a
// URL's "#anchor" are text.

// KindTag is the AST kind of an inline tag.
var KindTag = ast.NewNodeKind("Tag")

// Tag is an inline #tag.
type Tag struct {
	ast.BaseInline
	Name string // as written, without "#"
}

// Kind implements ast.Node.
func (n *Tag) Kind() ast.NodeKind { return KindTag }

// Dump implements ast.Node.
func (n *Tag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

// tagFinder is the AST transformer that finds tags in text. It is not an
// inline parser: one triggered by "#" would split the text before
// goldmark resolves entities such as "&#35;".
type tagFinder struct{}

func (tagFinder) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !mayHoldTag(src) {
		return // most pages: no walk of the whole tree
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if isCode(n) {
			return ast.WalkSkipChildren, nil
		}
		switch t := n.(type) {
		case *ast.Link, *ast.AutoLink:
			return ast.WalkSkipChildren, nil // no link within a link
		case *ast.Text:
			if !t.IsRaw() && bytes.IndexByte(t.Segment.Value(src), '#') >= 0 {
				texts = append(texts, t)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		splitTags(t, src)
	}
}

// mayHoldTag reports whether src has a "#" that may start a tag: after
// a space, a line's start or markup, and before what a name starts with.
// "## Heading", "C#" and "[[page#Heading]]" do not.
func mayHoldTag(src []byte) bool {
	for i := bytes.IndexByte(src, '#'); i >= 0 && i+1 < len(src); {
		c := src[i+1]
		name := c == '_' || c == '-' || c >= 0x80 || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if name && (i == 0 || bytes.IndexByte([]byte(" \t\n*_~=>("), src[i-1]) >= 0) {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '#')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// splitTags replaces a text node by its text and tags.
func splitTags(t *ast.Text, src []byte) {
	seg := t.Segment
	parent := t.Parent()
	var parts []ast.Node
	from := seg.Start
	for i := seg.Start; i < seg.Stop; i++ {
		// A tag starts a line, follows a space, or starts its text's
		// container (**#bold**).
		starts := i == seg.Start && t.PreviousSibling() == nil
		if src[i] != '#' || i > 0 && !starts && src[i-1] != '\n' && !unicode.IsSpace(rune(src[i-1])) {
			continue
		}
		end := tagEnd(src[i+1 : seg.Stop])
		if end == 0 {
			continue
		}
		if i > from {
			parts = append(parts, ast.NewTextSegment(text.NewSegment(from, i)))
		}
		parts = append(parts, &Tag{Name: string(src[i+1 : i+1+end])})
		from = i + 1 + end
		i = from - 1
	}
	if parts == nil {
		return
	}
	rest := ast.NewTextSegment(text.NewSegment(from, seg.Stop))
	rest.SetSoftLineBreak(t.SoftLineBreak())
	rest.SetHardLineBreak(t.HardLineBreak())
	parts = append(parts, rest)
	for _, p := range parts {
		parent.InsertBefore(parent, t, p)
	}
	parent.RemoveChild(parent, t)
}

// tagEnd is the length of the tag name b starts with: letters, digits,
// marks, "_", "-" and "/", with a letter among them; 0 for none.
func tagEnd(b []byte) int {
	end, letters := 0, false
	for end < len(b) {
		r, size := utf8.DecodeRune(b[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && r != '_' && r != '-' && r != '/' {
			break
		}
		letters = letters || unicode.IsLetter(r)
		end += size
	}
	if !letters {
		return 0
	}
	return end
}

type tagRenderer struct{ base string }

func (r tagRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTag, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*Tag)
		_, _ = w.WriteString(`<a class="tag" href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.base + "tags/" + slug.Make(n.Name) + "/")))
		_, _ = w.WriteString(`">#`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Name)))
		_, _ = w.WriteString(`</a>`)
		return ast.WalkSkipChildren, nil
	})
}

// tags is the goldmark extension for inline tags; base is the site's path
// ("/", "/kb/"), under which tag pages are.
type tags struct{ base string }

func (t tags) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tagFinder{}, 300)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tagRenderer(t), 500)))
}
