package build

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"sync/atomic"
	"testing"
)

// TestMemoryMadeOnRequest checks that a page kept as its checksum is rendered on
// request by the latest renderer, and that changes are told by checksum,
// whichever way the old and new bytes are kept.
func TestMemoryMadeOnRequest(t *testing.T) {
	render := func(version string) func(string) ([]byte, error) {
		return func(id string) ([]byte, error) { return []byte(id + " " + version), nil }
	}
	write := func(text string) func(io.Writer) error {
		return func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		}
	}
	m := NewMemory()
	m.setPages(render("v1"))
	must(t, m.putPage("a/index.html", "a", []byte("a v1")))
	must(t, m.Put("b.json", []byte("b")))
	if got := m.TakeChanged(); !slices.Equal(got, []string{"a/index.html", "b.json"}) {
		t.Fatalf("changed after the first puts: %q", got)
	}
	if b, ok := m.Get("a/index.html"); !ok || string(b) != "a v1" {
		t.Fatalf("page served as %q, %v", b, ok)
	}

	tests := []struct {
		name    string
		update  func(*Memory)
		changed []string
	}{
		{"same page again", func(m *Memory) { must(t, m.putPage("a/index.html", "a", []byte("a v1"))) }, []string{}},
		{"same bytes as a page", func(m *Memory) { must(t, m.Put("a/index.html", []byte("a v1"))) }, []string{}},
		{"same bytes as a page, merged", func(m *Memory) {
			o := NewMemory()
			must(t, o.Put("a/index.html", []byte("a v1")))
			m.merge(o)
		}, []string{}},
		{"a page over bytes, the same", func(m *Memory) { must(t, m.putPage("a/index.html", "a", []byte("a v1"))) }, []string{}},
		{"a page changed, merged", func(m *Memory) {
			o := NewMemory()
			o.setPages(render("v2"))
			must(t, o.putPage("a/index.html", "a", []byte("a v2")))
			m.merge(o)
		}, []string{"a/index.html"}},
		{"bytes changed over a page", func(m *Memory) { must(t, m.Put("a/index.html", []byte("other"))) }, []string{"a/index.html"}},
		{"a data file made over the same bytes", func(m *Memory) { must(t, m.putMade("b.json", write("b"), nil)) }, []string{}},
		{"a data file made again, the same", func(m *Memory) { must(t, m.putMade("b.json", write("b"), nil)) }, []string{}},
		{"a data file made, changed", func(m *Memory) { must(t, m.putMade("b.json", write("b2"), nil)) }, []string{"b.json"}},
		{"a written file over a made one, the same", func(m *Memory) {
			w, _ := m.Create("b.json")
			_, _ = io.WriteString(w, "b2")
			must(t, w.Close())
		}, []string{}},
		{"a data file made with a checksum of its own", func(m *Memory) { must(t, m.putMade("d.json", write("d"), write("records 1"))) }, []string{"d.json"}},
		{"the same records, other bytes", func(m *Memory) { must(t, m.putMade("d.json", write("d2"), write("records 1"))) }, []string{}},
		{"other records", func(m *Memory) { must(t, m.putMade("d.json", write("d2"), write("records 2"))) }, []string{"d.json"}},
		{"a data file made, failing", func(m *Memory) {
			if err := m.putMade("c.json", func(io.Writer) error { return errors.New("no") }, nil); err == nil {
				t.Error("putMade of a failing writer: no error")
			}
		}, []string{}},
	}
	for _, tt := range tests {
		tt.update(m)
		if got := m.TakeChanged(); !slices.Equal(got, tt.changed) {
			t.Errorf("%s: changed %q, want %q", tt.name, got, tt.changed)
		}
	}
	// The merged memory's renderer serves pages from then on.
	must(t, m.putPage("a/index.html", "a", []byte("a v2")))
	if b, _ := m.Get("a/index.html"); string(b) != "a v2" {
		t.Errorf("page served as %q after the merge, want the new renderer's", b)
	}
	must(t, m.putMade("b.json", write("b3"), nil))
	if b, _ := m.Get("b.json"); string(b) != "b3" {
		t.Errorf("data file served as %q, want what it was made with", b)
	}
	var streamed bytes.Buffer
	if write, ok := m.Stream("b.json"); !ok || write(&streamed) != nil || streamed.String() != "b3" {
		t.Errorf("b.json streamed as %q, %v; want b3", streamed.String(), ok)
	}
	if _, ok := m.Stream("a/index.html"); ok {
		t.Error("a page is streamed; want it got, to be rendered whole")
	}
	if !m.Has("b.json") || m.Has("c.json") {
		t.Errorf("Has: b.json %v, c.json %v", m.Has("b.json"), m.Has("c.json"))
	}
}

// TestMemoryServesDuringUpdates asks for files made on request while
// saves are applied and the lists remade, as serve's browsers do: every
// request is answered (run with -race, it also shows that making a file
// outside the lock reads nothing an update writes).
func TestMemoryServesDuringUpdates(t *testing.T) {
	dir, m, live := startModel(t, os.DirFS("../.."))
	out := live.Output()
	always := []string{"index.html", "search.json", "graph.json"}
	for _, rel := range always {
		if !out.Has(rel) {
			t.Fatalf("%s is missing after the first build", rel)
		}
	}
	stop := make(chan struct{})
	failed := make(chan string, 1)
	var asked atomic.Int64
	go func() {
		defer close(failed)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, rel := range always {
				if b, ok := out.Get(rel); !ok || len(b) == 0 {
					failed <- rel
					return
				}
				asked.Add(1)
			}
		}
	}()
	r := rand.New(rand.NewPCG(7, 42))
	for step := 0; step < 30; step++ {
		touched, what := m.edit(t, r, dir)
		if u, err := live.Update(touched); err != nil || u.Failed {
			t.Fatalf("step %d (%s): %v %s", step, what, err, u.Problems)
		}
		if _, err := live.Finish(); err != nil {
			t.Fatalf("step %d (%s): finish: %v", step, what, err)
		}
	}
	close(stop)
	if rel, ok := <-failed; ok {
		t.Fatalf("%s was not served during the updates", rel)
	}
	t.Logf("%d files asked for", asked.Load())
	if asked.Load() == 0 {
		t.Fatal("no file was asked for during the updates")
	}
}
