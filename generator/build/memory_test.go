package build

import (
	"errors"
	"io"
	"slices"
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
		{"a data file made over the same bytes", func(m *Memory) { must(t, m.putMade("b.json", write("b"))) }, []string{}},
		{"a data file made again, the same", func(m *Memory) { must(t, m.putMade("b.json", write("b"))) }, []string{}},
		{"a data file made, changed", func(m *Memory) { must(t, m.putMade("b.json", write("b2"))) }, []string{"b.json"}},
		{"a written file over a made one, the same", func(m *Memory) {
			w, _ := m.Create("b.json")
			_, _ = io.WriteString(w, "b2")
			must(t, w.Close())
		}, []string{}},
		{"a data file made, failing", func(m *Memory) {
			if err := m.putMade("c.json", func(io.Writer) error { return errors.New("no") }); err == nil {
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
	must(t, m.putMade("b.json", write("b3")))
	if b, _ := m.Get("b.json"); string(b) != "b3" {
		t.Errorf("data file served as %q, want what it was made with", b)
	}
	if !m.Has("b.json") || m.Has("c.json") {
		t.Errorf("Has: b.json %v, c.json %v", m.Has("b.json"), m.Has("c.json"))
	}
}
