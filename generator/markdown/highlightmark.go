package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian's ==highlighted text== is written as <mark>, parsed with
// goldmark's delimiter rules as its own ~~strikethrough~~ is: exactly two
// "=" that open and close as emphasis does, so that "a == b" is text.

// KindMarked is the AST kind of highlighted text.
var KindMarked = ast.NewNodeKind("Marked")

// Marked is ==highlighted text==.
type Marked struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Marked) Kind() ast.NodeKind { return KindMarked }

// Dump implements ast.Node.
func (n *Marked) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type markDelimiters struct{}

func (markDelimiters) IsDelimiter(b byte) bool { return b == '=' }

func (markDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (markDelimiters) OnMatch(int) ast.Node { return &Marked{} }

type markParser struct{}

func (markParser) Trigger() []byte { return []byte{'='} }

func (markParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 1, markDelimiters{})
	if node == nil || node.OriginalLength != 2 || before == '=' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

type markRenderer struct{}

func (markRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMarked, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<mark>")
		} else {
			_, _ = w.WriteString("</mark>")
		}
		return ast.WalkContinue, nil
	})
}

// marks is the goldmark extension for ==highlighted text==.
type marks struct{}

func (marks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(markParser{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(markRenderer{}, 500)))
}
