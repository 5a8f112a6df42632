package build

import (
	"bytes"
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSearchSums: the hashes search.json's checksum is made of differ
// when an entry's head or text does, when entries trade places, and
// when the boundary between a head and its text moves; they are the same
// for the same entries.
func TestSearchSums(t *testing.T) {
	seed := maphash.MakeSeed()
	sums := func(entries ...[2]string) []byte {
		r := newSearchRecords(len(entries), seed)
		for i, e := range entries {
			must(t, r.make(i, func(dst []byte) ([]byte, string, error) { return append(dst, e[0]...), e[1], nil }))
		}
		var b bytes.Buffer
		must(t, r.writeSums(&b))
		return b.Bytes()
	}
	a, b := [2]string{`{"id":"a","text":"`, "Text of a."}, [2]string{`{"id":"b","text":"`, "Text of b."}
	base := sums(a, b)
	if !bytes.Equal(base, sums(a, b)) {
		t.Error("the same entries hash apart")
	}
	for _, tt := range []struct {
		name    string
		entries [][2]string
	}{
		{"a text edited", [][2]string{a, {b[0], "Text of b, edited."}}},
		{"a head edited", [][2]string{{`{"id":"a2","text":"`, a[1]}, b}},
		{"traded places", [][2]string{b, a}},
		{"one gone", [][2]string{a}},
		{"the boundary moved", [][2]string{{a[0] + "T", a[1][1:]}, b}},
	} {
		if bytes.Equal(base, sums(tt.entries...)) {
			t.Errorf("%s: the same hashes", tt.name)
		}
	}
}

// TestLiveSearchChanged: an edit of a page's text changes search.json,
// and the next run of the lists says so.
func TestLiveSearchChanged(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/site", dir)
	live, _, err := Start(os.DirFS(dir), repo, Options{})
	must(t, err)
	if _, err := live.Finish(); err != nil {
		t.Fatal(err)
	}
	const page = "content/risks/deep-fakes.md"
	text, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	must(t, err)
	writeFile(t, dir, page, string(text)+"\nA sentence no search had.\n")
	if u, err := live.Update([]string{page}); err != nil || u.Failed {
		t.Fatalf("%v %s", err, u.Problems)
	}
	changed, err := live.Finish()
	must(t, err)
	if !slices.Contains(changed, "search.json") {
		t.Errorf("after an edit of the text, the lists changed %q, want search.json among them", changed)
	}
}
