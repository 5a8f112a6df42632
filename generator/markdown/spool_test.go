package markdown

import (
	"fmt"
	"iter"
	"slices"
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

// TestGather checks that the sentences Gather puts together for each
// target read back, in the order given, as each link's own sentence:
// from spilled documents and from ones that keep their sentences, in one
// window and in many, with a nil target left alone.
func TestGather(t *testing.T) {
	bodies := []string{
		"One [[T0]] here. Then [[T1]], and [[T0]] again.\n",
		"Two links: [[T1|a label]] and, in a list,\n\n- [[T2#Part]] there\n",
		"No links at all.\n",
		"Last [[T2]]. And [[T0]]!\n",
	}
	for _, window := range []int{1 << 20, 1} {
		for _, spillSources := range []bool{true, false} {
			name := fmt.Sprintf("window=%d/spilled=%v", window, spillSources)
			sp, err := spool.New(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			conv := New(Options{})
			var docs []*Document
			var buf []byte
			for _, b := range bodies {
				d, err := conv.Convert([]byte(b), 1)
				if err != nil {
					t.Fatal(err)
				}
				if buf, err = d.Spill(sp, spillSources, buf); err != nil {
					t.Fatal(err)
				}
				docs = append(docs, d)
			}
			// Documents 0 and 3 are shown links chosen out of order, from
			// several documents, and 1 none; 2 is left out (nil).
			refs := [][]LinkRef{
				{{3, 1}, {0, 0}, {0, 2}},
				{},
				nil,
				{{1, 1}, {3, 0}, {1, 0}},
			}
			left := docs[2]
			docs[2] = nil
			seq := func(t int) iter.Seq[LinkRef] { return slices.Values(refs[t]) }
			if err := Gather(sp, docs, seq, window); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			docs[2] = left
			for i, target := range docs {
				got, ok, err := target.AppendGathered([]byte("before"))
				if err != nil || ok != (i != 2) {
					t.Fatalf("%s: document %d: AppendGathered: %v, %v", name, i, ok, err)
				}
				if i == 2 {
					continue
				}
				if string(got[:len("before")]) != "before" {
					t.Errorf("%s: document %d: AppendGathered overwrote what dst held", name, i)
				}
				rest := got[len("before"):]
				for k, r := range refs[i] {
					s, err := docs[r.Doc].AppendLinkContext(nil, r.Link)
					if err != nil {
						t.Fatal(err)
					}
					next, more, ok := NextGathered(rest)
					if !ok || string(next) != string(s) {
						t.Errorf("%s: document %d, sentence %d: NextGathered = %q, %v; want %q", name, i, k, next, ok, s)
					}
					rest = more
				}
				if len(rest) > 0 {
					t.Errorf("%s: document %d: %d bytes gathered past its sentences", name, i, len(rest))
				}
			}
			sp.Close()
		}
	}
}

// TestNextGatheredDamaged: a sentence longer than what is left, or a
// length cut short, is reported, not read past.
func TestNextGatheredDamaged(t *testing.T) {
	for _, b := range [][]byte{nil, {5, 'a', 'b'}, {0x80}} {
		if s, rest, ok := NextGathered(b); ok {
			t.Errorf("NextGathered(%q) = %q, %q, true", b, s, rest)
		}
	}
	if s, rest, ok := NextGathered([]byte{2, 'a', 'b', 1, 'c'}); !ok || string(s) != "ab" || string(rest) != "\x01c" {
		t.Errorf("NextGathered = %q, %q, %v", s, rest, ok)
	}
}

// TestGatherUnspilled: a target that is not in the spool is an error, not
// a read of the wrong place.
func TestGatherUnspilled(t *testing.T) {
	sp, err := spool.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	d, err := New(Options{}).Convert([]byte("A [[B]].\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	err = Gather(sp, []*Document{d}, func(int) iter.Seq[LinkRef] { return slices.Values([]LinkRef{{0, 0}}) }, 1<<20)
	if err == nil {
		t.Error("Gather took a document that is not in the spool")
	}
}

// TestGatherManyParts gathers for more targets than one core takes at a
// time (gatherStep), so that a window holds several parts, each placed
// after the one before it.
func TestGatherManyParts(t *testing.T) {
	sp, err := spool.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	n := 3*gatherStep + 7
	conv := New(Options{})
	docs := make([]*Document, n)
	var buf []byte
	for i := range docs {
		d, err := conv.Convert([]byte(fmt.Sprintf("Page %d sees [[A]]. Then [[B %d]] too.\n", i, i)), 1)
		if err != nil {
			t.Fatal(err)
		}
		if buf, err = d.Spill(sp, i%2 == 0, buf); err != nil {
			t.Fatal(err)
		}
		docs[i] = d
	}
	refs := func(t int) []LinkRef { return []LinkRef{{(t + 1) % n, 0}, {(t * 7) % n, 1}} }
	seq := func(t int) iter.Seq[LinkRef] { return slices.Values(refs(t)) }
	for _, window := range []int{1 << 30, 1} {
		if err := Gather(sp, docs, seq, window); err != nil {
			t.Fatalf("window %d: %v", window, err)
		}
		for i, d := range docs {
			got, _, err := d.AppendGathered(nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range refs(i) {
				want, err := docs[r.Doc].AppendLinkContext(nil, r.Link)
				if err != nil {
					t.Fatal(err)
				}
				var s []byte
				var ok bool
				if s, got, ok = NextGathered(got); !ok || string(s) != string(want) {
					t.Fatalf("window %d: document %d: NextGathered = %q, %v; want %q", window, i, s, ok, want)
				}
			}
		}
	}
}
