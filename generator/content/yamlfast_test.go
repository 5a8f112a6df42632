package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/corpus"
)

// checkSubset fails when the subset reader accepts raw and reads it
// differently from yaml.v3's nodes. It reports whether it accepted.
func checkSubset(t *testing.T, name string, raw []byte) bool {
	t.Helper()
	fast, ok := decodeYAMLSubset(raw, 2, nil)
	if !ok {
		return false
	}
	want, err := decodeYAMLNodes(raw, 2)
	if err != nil {
		t.Errorf("%s: the subset reader accepted what yaml.v3 rejects (%v):\n%s", name, err, raw)
		return true
	}
	if !reflect.DeepEqual(fast, want) {
		t.Errorf("%s: the subset reader differs from yaml.v3:\n%s\ngot  %+v\nwant %+v", name, raw, fast, want)
	}
	return true
}

func TestYAMLSubset(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		accept bool // the subset reader reads it, rather than yaml.v3
	}{
		{"empty", "", true},
		{"comments only", "# a\n\n  # b\n", true},
		{"plain", "title: China\nsummary: A country.\n", true},
		{"quoted", "title: \"It's\"\nsub: 'say ''hi'''\n", true},
		{"trailing spaces and comment", "title: China   # the country\n", true},
		{"hash inside", "title: C#sharp\nt2: 'a # b'\n", true},
		{"dates", "date: 2025-07-26\nend: 2025-07\n", true},
		{"null", "a: ~\nb: null\nc: NULL\nd: Null\n", true},
		{"flow list", "tags: [a, 'b c', \"d\"]\nnone: []\n", true},
		{"block list", "parties:\n  - a\n  - b\n", true},
		{"block list at key indent", "parties:\n- a\n- b\nnext: c\n", true},
		{"list of maps", "sources:\n  - title: T\n    url: https://x.org/a?b=c\n  - title: U\n    date: 2025-01-01\n", true},
		{"nested map", "meta:\n  a: 1\n  b:\n    c: d\ne: f\n", true},
		{"blank lines inside", "a:\n\n  - x\n\n  - y\n\nb: c\n", true},
		{"unicode", "title: Zürich – AI\nsummary: \"中文\"\n", true},
		{"colon inside", "url: https://example.org/a:b\n", true},
		{"dash value", "a: -5\nb: -x\n", true},
		{"list of maps with a nested list", "sources:\n- title: T\n  tags:\n  - x\n- title: U\n", true},

		{"empty value", "a:\nb: c\n", false},
		{"block scalar", "a: |\n  text\n", false},
		{"folded", "a: >\n  text\n", false},
		{"anchor", "a: &x 1\nb: *x\n", false},
		{"tag", "a: !!str 1\n", false},
		{"escape", "a: \"x\\ny\"\n", false},
		{"multi-line plain", "a: one\n  two\n", false},
		{"multi-line quoted", "a: \"one\n  two\"\n", false},
		{"flow map", "a: {b: c}\n", false},
		{"flow list over lines", "a: [b,\n  c]\n", false},
		{"trailing comma", "a: [b, ]\n", false},
		{"nested flow", "a: [[b]]\n", false},
		{"duplicate", "a: b\na: c\n", false},
		{"tab", "a:\tb\n", false},
		{"crlf", "a: b\r\n", false},
		{"root list", "- a\n", false},
		{"root scalar", "just text\n", false},
		{"indented root", "  a: b\n", false},
		{"colon space in value", "a: b: c\n", false},
		{"quoted key", "\"a\": b\n", false},
		{"comment after key", "a: # c\n  - b\n", false},
		{"dash alone", "a:\n  -\n    b\n", false},
		{"bad indent", "a:\n    b: c\n  d: e\n", false},
		{"unclosed quote", "a: 'b\n", false},
		{"document end", "a: b\n...\n", false},
		{"merge key", "<<: b\n", false},
		{"colon in flow", "a: [b:c]\n", false},
	}
	for _, tt := range tests {
		accepted := checkSubset(t, tt.name, []byte(tt.in))
		if accepted != tt.accept {
			t.Errorf("%s: accepted = %v, want %v", tt.name, accepted, tt.accept)
		}
	}
}

// TestYAMLSubsetOnSites reads the front matter of the built-in site and of
// a generated corpus both ways: the subset reader must read every one
// (or the speed is lost without anyone noticing) and read it as yaml.v3
// does.
func TestYAMLSubsetOnSites(t *testing.T) {
	var files []corpus.File
	root := filepath.Join("..", "..")
	for _, dir := range []string{"content", "generator/build/testdata/site/content"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			files = append(files, corpus.File{Path: p, Data: data})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	files = append(files, corpus.Site(corpus.Options{Pages: 400, Seed: 7})...)
	read := 0
	for _, f := range files {
		raw, ok := yamlFrontMatter(f.Data)
		if !ok {
			continue
		}
		read++
		if !checkSubset(t, f.Path, raw) && !strings.Contains(f.Path, "testdata") {
			t.Errorf("%s: the subset reader gave up on its front matter:\n%s", f.Path, raw)
		}
	}
	if read < 400 {
		t.Errorf("read %d front matters, want at least 400", read)
	}
}

// yamlFrontMatter returns what lies between a file's "---" lines.
func yamlFrontMatter(data []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, false
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil, false
	}
	return rest[:end+1], true
}

// FuzzYAMLSubset checks that whatever the subset reader accepts, it reads
// as yaml.v3 does.
func FuzzYAMLSubset(f *testing.F) {
	for _, s := range []string{
		"title: China\ntags: [a, b]\n",
		"sources:\n  - title: T\n    url: u\n",
		"a:\n- x\n- 'y''z'\nb: \"q\" # c\n",
		"a: ~\nb: [\"x\", y]\nc:\n  d: e\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkSubset(t, "fuzz", raw)
	})
}

// BenchmarkDecodeYAML reads the front matter of 400 generated pages with
// the subset reader and with yaml.v3's nodes.
func BenchmarkDecodeYAML(b *testing.B) {
	var raws [][]byte
	for _, f := range corpus.Site(corpus.Options{Pages: 400, Seed: 7}) {
		if raw, ok := yamlFrontMatter(f.Data); ok {
			raws = append(raws, raw)
		}
	}
	for _, bm := range []struct {
		name   string
		decode func([]byte, int) ([]Field, error)
	}{
		{"subset", func(raw []byte, first int) ([]Field, error) { return decodeYAML(raw, first, nil) }},
		{"yaml.v3", decodeYAMLNodes},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, raw := range raws {
					if _, err := bm.decode(raw, 2); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(raws)), "µs/page")
		})
	}
}
