package markdown

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// archive is a txtar archive (golang.org/x/tools/txtar, which kb does not
// depend on): a comment, then files, each introduced by a "-- name --"
// line.
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data string
}

func parseArchive(data string) archive {
	var a archive
	cur := -1
	var b strings.Builder
	flush := func() {
		if cur < 0 {
			a.comment = b.String()
		} else {
			a.files[cur].data = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		if name, ok := fileMarker(line); ok {
			flush()
			a.files = append(a.files, archiveFile{name: name})
			cur = len(a.files) - 1
			continue
		}
		b.WriteString(line)
	}
	flush()
	return a
}

// fileMarker reports whether line is "-- name --".
func fileMarker(line string) (string, bool) {
	line = strings.TrimSuffix(line, "\n")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

func (a archive) get(name string) (string, bool) {
	for _, f := range a.files {
		if f.name == name {
			return f.data, true
		}
	}
	return "", false
}

func (a *archive) set(name, data string) {
	for i := range a.files {
		if a.files[i].name == name {
			a.files[i].data = data
			return
		}
	}
	a.files = append(a.files, archiveFile{name, data})
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, f := range a.files {
		b.WriteString("-- " + f.name + " --\n")
		b.WriteString(f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func TestArchive(t *testing.T) {
	src := "comment\nmore\n-- a.md --\nA\n-- b --\n-- c --\nC1\nC2\n"
	a := parseArchive(src)
	if a.comment != "comment\nmore\n" || len(a.files) != 3 {
		t.Fatalf("parseArchive = %+v", a)
	}
	if d, _ := a.get("a.md"); d != "A\n" {
		t.Errorf("a.md = %q", d)
	}
	if d, ok := a.get("b"); !ok || d != "" {
		t.Errorf("b = %q, %v", d, ok)
	}
	if d, _ := a.get("c"); d != "C1\nC2\n" {
		t.Errorf("c = %q", d)
	}
	if got := string(a.format()); got != src {
		t.Errorf("format = %q, want %q", got, src)
	}
	a.set("b", "B")
	a.set("d", "D\n")
	if got, want := string(a.format()), "comment\nmore\n-- a.md --\nA\n-- b --\nB\n-- c --\nC1\nC2\n-- d --\nD\n"; got != want {
		t.Errorf("format after set = %q, want %q", got, want)
	}
	if _, ok := fileMarker("-- not a marker"); ok {
		t.Errorf("a line without the closing -- is a marker")
	}
}
