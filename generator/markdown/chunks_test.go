package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// TestChunked copies slices of many lengths into one chunk after another:
// each copy holds what it was given, is capped at its length, and keeps
// it while later copies are made and appended to.
func TestChunked(t *testing.T) {
	var chunk []int32
	perChunk := chunkBytes / 4
	lengths := []int{0, 1, 3, perChunk - 10, 20, perChunk + 5, 2, 0, 7}
	var copies, wants [][]int32
	for i, n := range lengths {
		s := make([]int32, n)
		for j := range s {
			s[j] = int32(1000*i + j)
		}
		c := chunked(&chunk, s)
		if len(c) != n || cap(c) != n {
			t.Errorf("copy %d: len %d cap %d, want %d and %d", i, len(c), cap(c), n, n)
		}
		_ = append(c, -1) // must not write into the chunk
		copies, wants = append(copies, c), append(wants, s)
	}
	for i := range copies {
		if !slices.Equal(copies[i], wants[i]) {
			t.Errorf("copy %d changed: %v..., want %v...", i, copies[i][:min(3, len(copies[i]))], wants[i][:min(3, len(wants[i]))])
		}
	}
	// Copies that fit lie side by side; one that does not starts a chunk.
	after := func(c []int32) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(&c[0]), 4*len(c)) }
	if unsafe.Pointer(&copies[2][0]) != after(copies[1]) || unsafe.Pointer(&copies[3][0]) != after(copies[2]) {
		t.Error("copies that fit in the chunk do not lie side by side")
	}
	if unsafe.Pointer(&copies[4][0]) == after(copies[3]) {
		t.Error("a copy that did not fit went on into the full chunk")
	}
	var docs chunks
	a, b := docs.document(), docs.document()
	a.Lead = "a"
	if b.Lead != "" || a == b {
		t.Error("documents from a chunk share their fields")
	}
	if s := docs.string(""); s != "" {
		t.Errorf(`string("") = %q`, s)
	}
	x, y := docs.string("first"), docs.string("second")
	if x != "first" || y != "second" {
		t.Errorf("strings %q and %q", x, y)
	}
}

// TestChunkedDocumentsAgree converts the golden inputs, the wikilink
// fixtures and the built-in site's pages one after another with a
// chunked converter and with one that is not, and compares every
// document once all are made: no later document's parts may have
// written over an earlier one's.
func TestChunkedDocumentsAgree(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	pages, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	var bodies [][]byte
	for _, f := range append(files, pages...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, data)
	}
	for _, ex := range readSpec(t) {
		bodies = append(bodies, []byte(ex.Markdown))
	}
	if len(pages) < 20 {
		t.Fatalf("found %d of the built-in site's pages; the test reads the wrong folder", len(pages))
	}
	plain, chunky := New(Options{Unsafe: true}), New(Options{Unsafe: true, Chunked: true})
	var want, got []*Document
	for _, b := range bodies {
		w, err1 := plain.Convert(b, 1)
		g, err2 := chunky.Convert(b, 1)
		if err1 != nil || err2 != nil {
			t.Fatalf("%.40q: %v, %v", b, err1, err2)
		}
		want, got = append(want, w), append(got, g)
	}
	for i := range want {
		if g, w := emptyAsNil(*got[i]), emptyAsNil(*want[i]); !reflect.DeepEqual(g, w) {
			t.Errorf("document %d (%.40q) differs when chunked:\n%+v\nwant %+v", i, bodies[i], g, w)
		}
	}
}

// emptyAsNil returns d with its empty lists nil: whether an empty list is
// nil depends on whether the converter's pool gave the page a new writer
// (which under the race detector it does at random).
func emptyAsNil(d Document) Document {
	d.HTML, d.Holes, d.links = nilIfEmpty(d.HTML), nilIfEmpty(d.Holes), nilIfEmpty(d.links)
	d.Headings, d.contexts = nilIfEmpty(d.Headings), nilIfEmpty(d.contexts)
	d.Blocks, d.Tags = nilIfEmpty(d.Blocks), nilIfEmpty(d.Tags)
	return d
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
