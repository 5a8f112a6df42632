package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/kbgen/kb/generator/lexer"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeBlockRenderer highlights fenced code with chroma's lexers, writing
// CSS classes rather than inline styles so that one stylesheet serves
// light and dark themes (see static/css/syntax.css). A block without a
// language, or in one chroma does not know, is written plain.
type codeBlockRenderer struct {
	lexers *lexerCache
}

func newCodeBlockRenderer() codeBlockRenderer {
	return codeBlockRenderer{lexers: &lexerCache{}}
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
		if it, err := chroma.Coalesce(l).Tokenise(nil, code.String()); err == nil {
			writeHighlighted(w, it)
			_ = w.WriteByte('\n')
			return ast.WalkSkipChildren, nil
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

// writeHighlighted writes tokens as chroma's HTML formatter does with CSS
// classes and no line numbers, byte for byte (TestHighlightAsChroma), as
// they come: the formatter first gathers every token of the block, then
// splits them into lines, and prints each through fmt.
func writeHighlighted(w util.BufWriter, it chroma.Iterator) {
	_, _ = w.WriteString(`<pre class="chroma"><code>`)
	open := false // a line's spans are open
	for t := it(); t != chroma.EOF; t = it() {
		for v := t.Value; v != ""; {
			part := v
			end := strings.IndexByte(v, '\n') + 1
			if end > 0 {
				part = v[:end]
			}
			v = v[len(part):]
			if !open {
				_, _ = w.WriteString(`<span class="line"><span class="cl">`)
				open = true
			}
			if class := tokenClass(t.Type); class != "" {
				_, _ = w.WriteString(`<span class="`)
				_, _ = w.WriteString(class)
				_, _ = w.WriteString(`">`)
				escapeCode(w, part)
				_, _ = w.WriteString(`</span>`)
			} else {
				escapeCode(w, part)
			}
			if end > 0 {
				_, _ = w.WriteString(`</span></span>`)
				open = false
			}
		}
	}
	if open {
		_, _ = w.WriteString(`</span></span>`)
	}
	_, _ = w.WriteString(`</code></pre>`)
}

// tokenClass is the CSS class chroma's formatter gives a token type: its
// own, or its nearest ancestor's.
func tokenClass(t chroma.TokenType) string {
	for t != 0 {
		if class, ok := chroma.StandardTypes[t]; ok {
			return class
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// escapeCode writes s escaped as html.EscapeString escapes it, which
// chroma's formatter uses.
func escapeCode(w util.BufWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		_, _ = w.WriteString(s[last:i])
		_, _ = w.WriteString(esc)
		last = i + 1
	}
	_, _ = w.WriteString(s[last:])
}
