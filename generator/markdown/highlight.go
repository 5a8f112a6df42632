package markdown

import (
	"bytes"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/kbgen/kb/generator/lexer"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeBlockRenderer highlights fenced code with chroma, writing CSS
// classes rather than inline styles so that one stylesheet serves light
// and dark themes. A block without a language, or in one chroma does not
// know, is written plain.
type codeBlockRenderer struct {
	formatter *chromahtml.Formatter
	// style is empty: with classes the formatter writes no colours, and
	// chroma's styles package, which parses every style when a program
	// starts, stays out of the binary (see static/css/syntax.css).
	style  *chroma.Style
	lexers *lexerCache
}

func newCodeBlockRenderer() codeBlockRenderer {
	return codeBlockRenderer{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4)),
		style:     chroma.MustNewStyle("kb", chroma.StyleEntries{}),
		lexers:    &lexerCache{},
	}
}

// lexerCache finds chroma's lexer for a fence's language once per
// language. chroma's lexers.Get, given a name that is no lexer's name or
// alias ("", "text", "mermaid", a file extension such as "tsx"), tries it
// against every lexer's file patterns: 3-4 ms a block, a hundred times
// what highlighting the block costs. The lexers run kb's faster loop
// (package lexer), and so do those they call for embedded languages.
type lexerCache struct {
	once     sync.Once
	registry *chroma.LexerRegistry
	m        sync.Map // language -> chroma.Lexer, or nil for none
}

func (c *lexerCache) get(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if l, ok := c.m.Load(lang); ok {
		found, _ := l.(chroma.Lexer)
		return found
	}
	c.once.Do(func() { c.registry = lexer.Builtin() })
	found := c.registry.Get(lang)
	c.m.Store(lang, found)
	return found
}

func (r codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r codeBlockRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		code.Write(seg.Value(source))
	}
	// The language, with escapes and entities resolved as CommonMark says.
	lang := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Language(source)))))
	if l := r.lexers.get(lang); l != nil {
		it, err := chroma.Coalesce(l).Tokenise(nil, code.String())
		if err == nil {
			var out bytes.Buffer
			if err := r.formatter.Format(&out, r.style, it); err == nil {
				_, _ = w.Write(out.Bytes())
				_ = w.WriteByte('\n')
				return ast.WalkSkipChildren, nil
			}
		}
	}
	_, _ = w.WriteString("<pre><code")
	if lang != "" {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML([]byte(lang)))
		_, _ = w.WriteString(`"`)
	}
	_, _ = w.WriteString(">")
	_, _ = w.Write(util.EscapeHTML(code.Bytes()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}
