package markdown

import (
	"testing"

	"github.com/kbgen/kb/generator/spool"
)

// TestSpill checks that a spilled document reads back as it was: its HTML,
// its text and, when spilled too, the sentences around its links.
func TestSpill(t *testing.T) {
	const body = "# Title\n\nFirst [[A]] here. Then [[B#Part|a label]], and [[A]] again!\n\n| x |\n|---|\n| [[C]] in a cell |\n"
	sp, err := spool.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	var buf []byte
	for _, contexts := range []bool{false, true} {
		conv := New(Options{})
		want, err := conv.Convert([]byte(body), 1)
		if err != nil {
			t.Fatal(err)
		}
		d, _ := conv.Convert([]byte(body), 1)
		// Something before, so that the document's bytes do not start at 0.
		if _, err := sp.Append([]byte("padding")); err != nil {
			t.Fatal(err)
		}
		if buf, err = d.Spill(sp, contexts, buf); err != nil {
			t.Fatal(err)
		}
		if d.HTML != nil || d.Text != "" {
			t.Errorf("contexts=%v: HTML and text still in memory", contexts)
		}
		if html, err := d.Body(nil); err != nil || string(html) != string(want.HTML) {
			t.Errorf("contexts=%v: Body = %q, %v; want %q", contexts, html, err, want.HTML)
		}
		if text, err := d.PlainText(); err != nil || text != want.Text {
			t.Errorf("contexts=%v: PlainText = %q, %v; want %q", contexts, text, err, want.Text)
		}
		if len(d.Links()) != 4 {
			t.Fatalf("contexts=%v: %d links, want 4", contexts, len(d.Links()))
		}
		for i := range d.Links() {
			got, err := d.LinkContext(i)
			if w := mustContext(t, want, i); err != nil || got != w {
				t.Errorf("contexts=%v: LinkContext(%d) = %q, %v; want %q", contexts, i, got, err, w)
			}
		}
	}
}
