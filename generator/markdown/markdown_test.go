package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestFill(t *testing.T) {
	d := &Document{
		HTML:  []byte("<p>a  b </p>"),
		Holes: []Hole{{Offset: 5, Link: 1}, {Offset: 6, Link: 0}, {Offset: 8, Link: 2}},
	}
	var b bytes.Buffer
	b.WriteString("kept|")
	d.Fill(&b, nil, func(dst *bytes.Buffer, i int) { fmt.Fprintf(dst, "<%d>", i) })
	if want := "kept|<p>a <1> <0>b <2></p>"; b.String() != want {
		t.Errorf("Fill = %q, want %q", b.String(), want)
	}

	// Without holes, Fill copies the HTML.
	b.Reset()
	(&Document{HTML: []byte("<p>x</p>")}).Fill(&b, nil, func(*bytes.Buffer, int) { t.Error("called without holes") })
	if b.String() != "<p>x</p>" {
		t.Errorf("Fill without holes = %q", b.String())
	}

	// A hole at the very start and the very end.
	d = convert(t, "[[a]]", 1)
	if len(d.Holes) != 1 || fill(d) != "<p>{{0}}</p>\n" {
		t.Errorf("holes %v, HTML %q", d.Holes, fill(d))
	}
}

// TestConvertConcurrently converts documents from many goroutines with one
// Converter, as the build does; each result must equal the serial one.
func TestConvertConcurrently(t *testing.T) {
	c := New(Options{})
	var docs []string
	for i := range 16 {
		docs = append(docs, fmt.Sprintf("# Page %d\n\nSee [[Page %d]] and [[Page %d#Intro|intro]].\n\n```go\nvar x = %d\n```\n", i, i+1, i+2, i))
	}
	want := make([]string, len(docs))
	for i, src := range docs {
		d, err := c.Convert([]byte(src), 1)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fill(d) + linkLines(d) + headingLines(d)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(docs)*4)
	for range 4 {
		for i, src := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := c.Convert([]byte(src), 1)
				if err != nil {
					errs <- err.Error()
					return
				}
				if got := fill(d) + linkLines(d) + headingLines(d); got != want[i] {
					errs <- fmt.Sprintf("document %d: %q, want %q", i, got, want[i])
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestHeadingIDsDoNotLeak: each conversion starts with no ids taken.
func TestHeadingIDsDoNotLeak(t *testing.T) {
	c := New(Options{})
	for range 2 {
		d, err := c.Convert([]byte("# Intro\n"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Headings) != 1 || d.Headings[0].ID != "intro" {
			t.Errorf("headings %+v", d.Headings)
		}
	}
}

func TestSyntaxCSS(t *testing.T) {
	css := string(SyntaxCSS())
	for _, want := range []string{".chroma", "@media (prefers-color-scheme: dark)", ".chroma .k ", ".chroma .s "} {
		if !strings.Contains(css, want) {
			t.Errorf("SyntaxCSS has no %q", want)
		}
	}
	light, dark, _ := strings.Cut(css, "@media")
	if !strings.Contains(light, ".chroma .k") || !strings.Contains(dark, ".chroma .k") {
		t.Errorf("SyntaxCSS lacks a light or a dark part")
	}
	if !bytes.Equal(SyntaxCSS(), SyntaxCSS()) {
		t.Errorf("SyntaxCSS differs between calls")
	}
}

func TestUnsafe(t *testing.T) {
	src := "<b>bold</b>\n\n<div>block</div>\n"
	if got := string(convertWith(t, Options{}, src).HTML); strings.Contains(got, "<b>") || strings.Contains(got, "<div>") {
		t.Errorf("safe mode lets raw HTML through: %q", got)
	}
	if got := string(convertWith(t, Options{Unsafe: true}, src).HTML); !strings.Contains(got, "<b>bold</b>") || !strings.Contains(got, "<div>block</div>") {
		t.Errorf("Unsafe drops raw HTML: %q", got)
	}
}

func convertWith(t *testing.T, o Options, src string) *Document {
	t.Helper()
	d, err := New(o).Convert([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
