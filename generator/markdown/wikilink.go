package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikilink is the AST kind of a wikilink.
var KindWikilink = ast.NewNodeKind("Wikilink")

// Wikilink is an Obsidian-style link: [[target]], [[target|label]],
// [[target#Heading]], [[target#Heading|label]], or, with Embed, ![[target]].
// It has no children: its label is plain text, as in Obsidian.
type Wikilink struct {
	ast.BaseInline
	Target  string // as written; "" for a heading of the same page
	Heading string // after "#", or ""
	Label   string // after "|", or ""
	Embed   bool   // written with a leading "!"
	Offset  int    // byte offset of "[[" (or "!") in the source
	Index   int    // the link's place in its Document's Links; -1 until collected
}

// Kind implements ast.Node.
func (n *Wikilink) Kind() ast.NodeKind { return KindWikilink }

// Dump implements ast.Node.
func (n *Wikilink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": n.Target, "Heading": n.Heading, "Label": n.Label,
	}, nil)
}

// Shown is what a reader sees of the link; see Link.Shown.
func (n *Wikilink) Shown() string {
	return Link{Target: n.Target, Heading: n.Heading, Label: n.Label}.Shown()
}

// wikilinkParser parses wikilinks. It must run before goldmark's link
// parser (priority 200), which would otherwise read "[[a]]" as brackets.
type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'[', '!'} }

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	embed := len(line) > 0 && line[0] == '!'
	open := 2
	if embed {
		open = 3
	}
	if len(line) < open+2 || !bytes.HasPrefix(line[open-2:], []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[open:], []byte("]]"))
	if end <= 0 {
		return nil
	}
	inner := line[open : open+end]
	if bytes.ContainsAny(inner, "[]\n") {
		return nil
	}
	n := newWikilink(pc)
	*n = Wikilink{Embed: embed, Offset: seg.Start, Index: -1}
	// Target, heading and label are cut from one copy of the text: a site
	// keeps every link until it is rendered.
	text := string(inner)
	target := text
	// "|" separates the label; in a table cell it is written "\|".
	if i := strings.IndexByte(text, '|'); i >= 0 {
		target, n.Label = text[:i], strings.TrimSpace(text[i+1:])
		target = strings.TrimSuffix(target, "\\")
	}
	if i := strings.IndexByte(target, '#'); i >= 0 {
		n.Heading = strings.TrimSpace(target[i+1:])
		target = target[:i]
	}
	n.Target = strings.TrimSpace(target)
	if n.Target == "" && n.Heading == "" {
		return nil
	}
	block.Advance(open + end + 2)
	return n
}

// wikilinkNodesKey is where a parse's wikilinkNodes are in its
// parser.Context, as goldmark's own extensions keep their state.
var wikilinkNodesKey = parser.NewContextKey()

// wikilinkNodes hands out a page's Wikilink nodes from an array reused
// page to page: a node lives only while its page is parsed, collected and
// rendered, and made one by one they were 190 bytes of garbage a link,
// 300 MB of a 100,000-page build's 5 GB.
type wikilinkNodes struct {
	nodes []Wikilink
	used  int
}

// newWikilink returns a node for the parse pc belongs to: from its
// wikilinkNodes, when the converter put one there, or else a new one.
func newWikilink(pc parser.Context) *Wikilink {
	ns, _ := pc.Get(wikilinkNodesKey).(*wikilinkNodes)
	if ns == nil {
		return &Wikilink{}
	}
	if ns.used == len(ns.nodes) {
		// The nodes handed out so far stay where they are, in the
		// array they were handed from, until the page is done.
		ns.nodes, ns.used = make([]Wikilink, max(32, 2*len(ns.nodes))), 0
	}
	ns.used++
	return &ns.nodes[ns.used-1]
}

// reset takes the nodes back once their page is done, clearing them: a
// node's links to its tree would otherwise keep the tree alive.
func (ns *wikilinkNodes) reset() {
	clear(ns.nodes[:ns.used])
	ns.used = 0
}

// wikilinkHTMLRenderer writes wikilinks. Into a *Writer it writes nothing
// and marks a hole, because what a link becomes (its URL, whether it is
// broken, an embedded card) depends on pages that may not be parsed yet;
// Document.Fill fills the holes once the graph is known. Into any other
// writer it writes the link's text.
type wikilinkHTMLRenderer struct{}

func (wikilinkHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikilink, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*Wikilink)
		if hw, ok := w.(*Writer); ok && n.Index >= 0 {
			hw.holes = append(hw.holes, Hole{Offset: int32(hw.Len()), Link: int32(n.Index)})
		} else {
			_, _ = w.Write(util.EscapeHTML([]byte(n.Shown())))
		}
		return ast.WalkSkipChildren, nil
	})
}

// wikilinks is the goldmark extension, shaped like those of goldmark's own
// extension/ folder.
type wikilinks struct{}

// NewWikilinks returns the wikilink extension.
func NewWikilinks() goldmark.Extender { return wikilinks{} }

func (wikilinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikilinkParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(wikilinkHTMLRenderer{}, 199)))
}
