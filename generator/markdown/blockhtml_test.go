package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// TestBlockRendererAsGoldmark renders headings and tables with kb's
// blockRenderer, and with goldmark's own renderers given the heading ids
// as attributes, as kb did before; the two must agree byte for byte.
func TestBlockRendererAsGoldmark(t *testing.T) {
	tests := []struct {
		name, src string
		cellClass bool // give every cell an attribute, which kb leaves to goldmark
	}{
		{name: "levels", src: "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n"},
		{name: "setext", src: "Title\n=====\n\nPart\n----\n"},
		{name: "repeated", src: "# Notes\n\n# Notes\n\n## Notes\n"},
		{name: "escaped", src: "# Q&A <b>bold</b> \"quoted\"\n"},
		{name: "empty", src: "#\n\n## \n\ntext\n"},
		{name: "nested", src: "> # In a quote\n\n- # In a list\n\n  ## And under it\n"},
		{name: "table", src: "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| x |\n"},
		{name: "table without alignment", src: "| a | b |\n|---|---|\n| 1 | 2 |\n"},
		{name: "cells with attributes", src: "| a | b |\n|:--|--:|\n| 1 | 2 |\n", cellClass: true},
	}
	c := New(Options{})
	gm := goldmark.New(goldmark.WithExtensions(extension.Table))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			render := func(kb bool) string {
				root := c.parser(src).Parse(text.NewReader(src))
				w := new(Writer)
				collect(root, src, 1, &w.scratch)
				if tt.cellClass {
					_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
						if entering && n.Kind() == east.KindTableCell {
							n.SetAttributeString("class", "cell")
						}
						return ast.WalkContinue, nil
					})
				}
				if kb {
					if err := c.md.Renderer().Render(w, src, root); err != nil {
						t.Fatal(err)
					}
					return w.String()
				}
				for h, id := range w.scratch.headingIDs {
					h.SetAttributeString("id", id)
				}
				var b bytes.Buffer
				if err := gm.Renderer().Render(&b, src, root); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			got, want := render(true), render(false)
			if got != want {
				t.Errorf("kb wrote\n%s\ngoldmark wrote\n%s", got, want)
			}
			if tt.name == "levels" && !bytes.Contains([]byte(got), []byte(`<h6 id="six">Six</h6>`)) {
				t.Errorf("no id on the sixth level's heading:\n%s", got)
			}
		})
	}
}
