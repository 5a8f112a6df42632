package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// blockRenderer writes headings and table cells as goldmark does, without
// the attributes goldmark would keep for them: a node's first attribute
// makes it a slice for ten (400 bytes), and goldmark's table cells set
// their alignment as a style attribute, with fmt, each time they are
// written. At 100,000 pages the two allocated 320 MB while pages were
// read. A heading's id comes instead from the map collect fills (see
// scratch.headingIDs), which the converter reuses page to page.
type blockRenderer struct {
	// cells is goldmark's table cell renderer, for a cell with
	// attributes of its own, which no parser of kb's gives one.
	cells     renderer.NodeRendererFunc
	cellsConf renderer.SetOptioner
}

func newBlockRenderer() *blockRenderer {
	t := extension.NewTableHTMLRenderer()
	g := funcGrabber{}
	t.RegisterFuncs(g)
	return &blockRenderer{cells: g[east.KindTableCell], cellsConf: t.(renderer.SetOptioner)}
}

// SetOption implements renderer.SetOptioner, for the table cells'
// fallback, which reads goldmark's XHTML option.
func (r *blockRenderer) SetOption(name renderer.OptionName, value any) {
	r.cellsConf.SetOption(name, value)
}

func (r *blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(east.KindTableCell, r.cell)
}

func (r *blockRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte(level)
	if hw, ok := w.(*Writer); ok {
		if id, ok := hw.scratch.headingIDs[n]; ok {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(util.StringToReadOnlyBytes(id)))
			_ = w.WriteByte('"')
		}
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *blockRenderer) cell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	if n.Attributes() != nil {
		return r.cells(w, source, node, entering)
	}
	tag := "td"
	if n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	if n.Alignment != east.AlignNone { // as goldmark writes HTML5 (kb never asks for XHTML)
		_, _ = w.WriteString(` style="text-align:`)
		_, _ = w.WriteString(n.Alignment.String())
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
