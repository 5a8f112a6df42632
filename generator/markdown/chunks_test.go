package markdown

import (
	"reflect"
	"testing"
)

// TestChunkedDocumentsAgree converts the sample inputs one after
// another with a chunked converter and with one that is not, and
// compares every document once all are made: no later document's parts
// may have written over an earlier one's.
func TestChunkedDocumentsAgree(t *testing.T) {
	bodies := sampleInputs(t)
	plain, chunky := New(Options{Unsafe: true}), New(Options{Unsafe: true, Chunked: true})
	var want, got []*Document
	for _, b := range bodies {
		w, err1 := plain.Convert([]byte(b), 1)
		g, err2 := chunky.Convert([]byte(b), 1)
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
