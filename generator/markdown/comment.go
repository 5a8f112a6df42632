package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Obsidian comments, %%like this%%, within a line or across blocks, are
// the author's notes to self: Obsidian shows them only while editing and
// Obsidian Publish leaves them out, so kb does too, links in them
// included. "%%" in code is code. A last "%%" without a partner is left
// as text, where Obsidian would hide the rest of the note: a stray "%%"
// ("a 100%% rise") must not swallow a page.

// delim is one "%%" in the text of a document.
type delim struct {
	text *ast.Text
	at   int // its offset in text's segment
}

// commentRemover is the AST transformer that takes comments out.
type commentRemover struct{}

func (commentRemover) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("%%")) {
		return
	}
	var delims []delim
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if isCode(n) {
			return ast.WalkSkipChildren, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			for i := 0; ; {
				j := bytes.Index(v[i:], []byte("%%"))
				if j < 0 {
					break
				}
				delims = append(delims, delim{t, i + j})
				i += j + 2
			}
		}
		return ast.WalkContinue, nil
	})
	if len(delims)%2 == 1 {
		delims = delims[:len(delims)-1] // the stray one stays text
	}
	if len(delims) == 0 {
		return
	}
	// Mark, in document order, what lies between each pair: the parts of
	// the text nodes at either end, and every node in between.
	var (
		in     bool
		next   int                        // the next delimiter
		cuts   = map[*ast.Text][][2]int{} // the spans of each text node to keep
		remove []ast.Node
		holds  = map[ast.Node]bool{} // the nodes with a delimiter inside, which a comment cannot take whole
		// the text nodes whose line ends within a comment, whose line
		// break the comment takes
		endsInComment = map[*ast.Text]bool{}
	)
	for _, d := range delims {
		for p := d.text.Parent(); p != nil && !holds[p]; p = p.Parent() {
			holds[p] = true
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == doc {
			return ast.WalkContinue, nil
		}
		t, isText := n.(*ast.Text)
		if !isText || next >= len(delims) || delims[next].text != t {
			if in && !holds[n] && (n.Type() == ast.TypeInline || isLeafBlock(n)) {
				remove = append(remove, n)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		// A text node with delimiters: keep what lies outside comments.
		var keep [][2]int
		from := 0
		if in {
			from = -1
		}
		for next < len(delims) && delims[next].text == t {
			at := delims[next].at
			if in {
				from = at + 2
			} else if at > from {
				keep = append(keep, [2]int{from, at})
			}
			in = !in
			next++
		}
		if !in && from >= 0 && from < t.Segment.Len() {
			keep = append(keep, [2]int{from, t.Segment.Len()})
		}
		// "a %%b%% c" reads "a c", not "a  c": a piece before a comment
		// gives up its trailing spaces when a space, or the comment's
		// running on past the line, follows.
		v := t.Segment.Value(src)
		for i := range keep {
			end := keep[i][1]
			if end == len(v) {
				continue // not cut by a comment
			}
			spaceAfter := in && i == len(keep)-1 ||
				i+1 < len(keep) && v[keep[i+1][0]] == ' ' ||
				i == len(keep)-1 && !in && end+2 <= len(v)
			if !spaceAfter {
				continue
			}
			for keep[i][1] > keep[i][0] && v[keep[i][1]-1] == ' ' {
				keep[i][1]--
			}
		}
		cuts[t] = keep
		endsInComment[t] = in
		return ast.WalkSkipChildren, nil
	})
	for t, keep := range cuts {
		parent := t.Parent()
		after := ast.Node(t)
		for i, k := range keep {
			seg := t.Segment
			seg.Start, seg.Stop = t.Segment.Start+k[0], t.Segment.Start+k[1]
			part := ast.NewTextSegment(seg)
			part.SetRaw(t.IsRaw())
			if i == len(keep)-1 && !endsInComment[t] {
				part.SetSoftLineBreak(t.SoftLineBreak())
				part.SetHardLineBreak(t.HardLineBreak())
			}
			parent.InsertAfter(parent, after, part)
			after = part
		}
		parent.RemoveChild(parent, t)
		removeEmpty(parent)
	}
	for _, n := range remove {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
			removeEmpty(p)
		}
	}
}

// isCode reports whether n is code or raw HTML, whose text is neither a
// comment nor a tag.
func isCode(n ast.Node) bool {
	switch n.(type) {
	case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
		return true
	}
	return false
}

// isLeafBlock reports whether n is a block that holds no other blocks:
// within a comment it goes as a whole.
func isLeafBlock(n ast.Node) bool {
	if n.Type() != ast.TypeBlock {
		return false
	}
	c := n.FirstChild()
	return c == nil || c.Type() == ast.TypeInline
}

// removeEmpty takes out a block that a comment has emptied (a paragraph,
// a list item, the list), so that no empty <p></p> is written.
func removeEmpty(n ast.Node) {
	for n != nil && n.Kind() != ast.KindDocument && n.Type() == ast.TypeBlock && !n.HasChildren() {
		p := n.Parent()
		if p == nil {
			return
		}
		p.RemoveChild(p, n)
		n = p
	}
}

// comments is the goldmark extension that leaves comments out.
type comments struct{}

func (comments) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(commentRemover{}, 100)))
}

var _ goldmark.Extender = comments{}
