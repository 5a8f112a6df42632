package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's callouts are blockquotes whose first line names a kind:
//
//	> [!warning] Not yet in force
//	> The act applies from 2026.
//
// They are written as a box with the title on top, <div class="callout"
// data-callout="warning">; with "-" or "+" after the kind ("[!note]-")
// the box folds, as a <details> element, closed or open. Without a title
// the kind is the title ("Warning"). static/css/kb.css colours them by
// kind, as Obsidian does, and knows its kinds' aliases.

// KindCallout and KindCalloutTitle are the AST kinds of a callout and
// its title.
var (
	KindCallout      = ast.NewNodeKind("Callout")
	KindCalloutTitle = ast.NewNodeKind("CalloutTitle")
)

// Callout is a blockquote that names a kind on its first line.
type Callout struct {
	ast.BaseBlock
	Name string // its kind, "warning", lower-cased
	Fold byte   // '-' folded, '+' foldable and open, 0 not foldable
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Fold": string(n.Fold)}, nil)
}

// CalloutTitle is a callout's title: the text after its kind, or the kind.
type CalloutTitle struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *CalloutTitle) Kind() ast.NodeKind { return KindCalloutTitle }

// Dump implements ast.Node.
func (n *CalloutTitle) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// calloutLine is the first line of a callout: its kind, fold and title.
var calloutLine = regexp.MustCompile(`^\[!([A-Za-z][A-Za-z0-9_-]*)\]([+-]?)[ \t]*`)

// calloutMaker turns blockquotes that start with [!kind] into callouts.
type calloutMaker struct{}

func (calloutMaker) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("[!")) {
		return // no callout: no walk of the whole tree
	}
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		makeCallout(q, src)
	}
}

// makeCallout replaces q by a callout when its first line names a kind.
func makeCallout(q *ast.Blockquote, src []byte) {
	para, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	m := calloutLine.FindSubmatchIndex(first.Value(src))
	if m == nil {
		return
	}
	c := &Callout{Name: strings.ToLower(string(first.Value(src)[m[2]:m[3]]))}
	if m[5] > m[4] {
		c.Fold = first.Value(src)[m[4]]
	}
	prefixEnd, lineEnd := first.Start+m[1], first.Stop
	// The paragraph's inline nodes on the first line become the title,
	// less the [!kind] they start with; the rest stay the body's.
	title := &CalloutTitle{}
	for n := para.FirstChild(); n != nil; {
		next := n.NextSibling()
		start, ok := inlineStart(n)
		if !ok || start >= lineEnd {
			break
		}
		para.RemoveChild(para, n)
		if t, isText := n.(*ast.Text); isText {
			if t.Segment.Stop <= prefixEnd {
				n = next
				continue // all [!kind]
			}
			if t.Segment.Start < prefixEnd {
				t.Segment = t.Segment.WithStart(prefixEnd)
			}
		}
		title.AppendChild(title, n)
		n = next
	}
	if t := lastText(title); t != nil {
		t.SetSoftLineBreak(false) // the title's line ends there
	}
	if !title.HasChildren() {
		title.AppendChild(title, ast.NewString([]byte(calloutLabel(c.Name))))
	}
	// The paragraph keeps its lines after the first, for positions.
	if !para.HasChildren() {
		q.RemoveChild(q, para)
	}
	c.AppendChild(c, title)
	for n := q.FirstChild(); n != nil; {
		next := n.NextSibling()
		q.RemoveChild(q, n)
		c.AppendChild(c, n)
		n = next
	}
	c.SetBlankPreviousLines(q.HasBlankPreviousLines())
	q.Parent().ReplaceChild(q.Parent(), q, c)
}

// inlineStart is where an inline node's text starts in the source.
func inlineStart(n ast.Node) (int, bool) {
	for ; n != nil; n = n.FirstChild() {
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start, true
		}
		if _, ok := n.(*Wikilink); ok {
			return n.(*Wikilink).Offset, true
		}
	}
	return 0, false
}

// lastText is the last text node within n, or nil.
func lastText(n ast.Node) *ast.Text {
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t
		}
		if t := lastText(c); t != nil {
			return t
		}
	}
	return nil
}

// calloutLabel is the title of a callout that gives none: its kind,
// capitalised, as Obsidian shows it.
func calloutLabel(kind string) string {
	return strings.ToUpper(kind[:1]) + strings.ReplaceAll(kind[1:], "-", " ")
}

// calloutRenderer writes callouts.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*Callout)
		tag := "div"
		if n.Fold != 0 {
			tag = "details"
		}
		if !entering {
			_, _ = w.WriteString("</" + tag + ">\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<" + tag + ` class="callout" data-callout="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Name)))
		_, _ = w.WriteString(`"`)
		if n.Fold == '+' {
			_, _ = w.WriteString(" open")
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
	reg.Register(KindCalloutTitle, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		tag := "p"
		if c, ok := node.Parent().(*Callout); ok && c.Fold != 0 {
			tag = "summary"
		}
		if entering {
			_, _ = w.WriteString("<" + tag + ` class="callout-title">`)
		} else {
			_, _ = w.WriteString("</" + tag + ">\n")
		}
		return ast.WalkContinue, nil
	})
}

// callouts is the goldmark extension for callouts.
type callouts struct{}

func (callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(calloutMaker{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 500)))
}
