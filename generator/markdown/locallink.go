package markdown

import (
	"bufio"
	"bytes"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A Markdown link or image whose destination is a path relative to the
// page's file, [Deep fakes](../risks/deep-fakes.md) or
// ![Chart](img/chart.png), names a file of content/ as the author's
// editor sees it (Obsidian in its Markdown-links mode, VS Code, GitHub).
// On the site the page's URL is another folder, so the path as written
// would lead nowhere; such links are collected like wikilinks, and their
// href (or src) is a hole that the graph's answer fills. Every other
// destination (a URL, "/path", "#anchor") is written as goldmark writes it.

// localPath returns the path a link's destination gives, decoded, and its
// fragment, when the destination is a path relative to the page's file.
func localPath(dest []byte) (p, fragment string, ok bool) {
	if len(dest) == 0 || dest[0] == '/' || dest[0] == '#' || dest[0] == '?' {
		return "", "", false
	}
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" || u.RawQuery != "" {
		return "", "", false
	}
	return u.Path, u.Fragment, true
}

// holeMark stands for the destination while goldmark's own renderer
// writes a local link, to be cut out of what it wrote and replaced by a
// hole: goldmark's escaping leaves these letters as they are.
const holeMark = "kbH0LEkbH0LE"

// localLinkRenderer writes links and images through goldmark's renderer,
// with a hole where a collected local link's destination goes.
type localLinkRenderer struct {
	link, image renderer.NodeRendererFunc // goldmark's
}

// funcGrabber takes the render functions a NodeRenderer registers.
type funcGrabber map[ast.NodeKind]renderer.NodeRendererFunc

func (g funcGrabber) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { g[k] = f }

func newLocalLinkRenderer(unsafe bool) localLinkRenderer {
	var opts []html.Option
	if unsafe {
		opts = append(opts, html.WithUnsafe())
	}
	g := funcGrabber{}
	html.NewRenderer(opts...).RegisterFuncs(g)
	return localLinkRenderer{link: g[ast.KindLink], image: g[ast.KindImage]}
}

func (r localLinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		return r.render(r.link, w, source, node, entering, &node.(*ast.Link).Destination)
	})
	reg.Register(ast.KindImage, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		return r.render(r.image, w, source, node, entering, &node.(*ast.Image).Destination)
	})
}

// render runs goldmark's function for the node, and for a collected local
// link into a *Writer, marks a hole where the destination was written.
func (r localLinkRenderer) render(f renderer.NodeRendererFunc, w util.BufWriter, source []byte, node ast.Node, entering bool, dest *[]byte) (ast.WalkStatus, error) {
	index, collected := node.AttributeString(holeAttr)
	hw, holes := w.(*Writer)
	if !entering || !collected || !holes {
		return f(w, source, node, entering)
	}
	var tag bytes.Buffer
	bw := bufio.NewWriter(&tag)
	written := *dest
	*dest = []byte(holeMark)
	status, err := f(bw, source, node, entering)
	*dest = written
	if err != nil {
		return status, err
	}
	_ = bw.Flush()
	before, after, found := strings.Cut(tag.String(), holeMark)
	if !found {
		_, _ = w.Write(tag.Bytes())
		return status, nil
	}
	_, _ = hw.WriteString(before)
	hw.holes = append(hw.holes, Hole{Offset: int32(hw.Len()), Link: int32(index.(int))})
	_, _ = hw.WriteString(after)
	return status, nil
}

// holeAttr is the attribute a collected local link carries: its index in
// the document's links. goldmark's renderer writes only attributes it
// knows, so it never reaches the page.
const holeAttr = "kb-link"

// localLinks is the goldmark extension that renders local links.
type localLinks struct{ unsafe bool }

func newLocalLinks(unsafe bool) goldmark.Extender { return localLinks{unsafe} }

func (l localLinks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newLocalLinkRenderer(l.unsafe), 199)))
}
