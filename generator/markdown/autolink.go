package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parser returns the parser for body: without GFM's autolinks when none
// can be in it, and without the search for link reference definitions
// when none can be, which is most pages.
func (c *Converter) parser(body []byte) parser.Parser {
	return c.parsers[b2i(mayAutolink(body))][b2i(mayDefineLinks(body))]
}

// mayDefineLinks reports whether body could hold a link reference
// definition, "[label]: destination": a label is followed by a colon
// straight after its "]". goldmark looks for definitions at the start of
// every paragraph, with a reader made for each (190 MB of garbage in a
// 100,000-page build), and most pages have none.
func mayDefineLinks(body []byte) bool {
	return bytes.Contains(body, []byte("]:"))
}

// mayAutolink reports whether GFM's autolinks could find a link in body:
// Linkify makes one only of text that starts "http:", "https:", "ftp:"
// or "www.", or of an e-mail address, which has an '@'.
func mayAutolink(body []byte) bool {
	if bytes.IndexByte(body, '@') >= 0 || bytes.Contains(body, []byte("www.")) {
		return true
	}
	for i := bytes.IndexByte(body, ':'); i >= 0; {
		before := body[:i]
		if bytes.HasSuffix(before, []byte("http")) || bytes.HasSuffix(before, []byte("https")) || bytes.HasSuffix(before, []byte("ftp")) {
			return true
		}
		next := bytes.IndexByte(body[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// textRuns joins the pieces a run of text was parsed into and takes the
// spaces and tabs at the end of a line out of the text before its line
// break, as CommonMark says ("foo   \nbar" is "foo<br />\nbar").
//
// Where goldmark's parser stops at a character for an inline parser that
// then finds nothing, it cuts the text there; Linkify's parser stops at
// every space, so that a line of prose becomes a text node a word, and
// the line's trailing spaces but the last are already in the text when
// the line's end trims them. Transformers that read text (comments, tags,
// callouts, block ids) would see the cuts. Joined, every run of text is
// one node whichever parser read it, and a page's HTML is the same with
// Linkify as without (FuzzParsersAgree).
type textRuns struct{}

// Transform implements parser.ASTTransformer.
func (textRuns) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() == ast.KindText || n.IsRaw() {
			return ast.WalkContinue, nil // a text node has no children; a raw node's are not text
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok || t.IsRaw() {
				continue
			}
			for {
				next, ok := t.NextSibling().(*ast.Text)
				if !ok || next.IsRaw() || t.SoftLineBreak() || t.HardLineBreak() || t.Segment.Stop != next.Segment.Start ||
					t.Segment.Padding != 0 || next.Segment.Padding != 0 {
					break
				}
				t.Segment.Stop = next.Segment.Stop
				t.SetSoftLineBreak(next.SoftLineBreak())
				t.SetHardLineBreak(next.HardLineBreak())
				n.RemoveChild(n, next)
			}
			visible := t.HardLineBreak() && t.Segment.Stop < len(src) && src[t.Segment.Stop] == '\\'
			if (t.SoftLineBreak() || t.HardLineBreak()) && !visible {
				t.Segment = t.Segment.TrimRightSpace(src)
			}
		}
		return ast.WalkContinue, nil
	})
}
