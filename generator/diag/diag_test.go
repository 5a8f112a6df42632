package diag

import (
	"errors"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"line and column", Problem{"content/initiatives/gaigi.md", Pos{7, 13}, Error, `relation "addresses": no page matches "deep-fake"`},
			`content/initiatives/gaigi.md:7:13: error: relation "addresses": no page matches "deep-fake"`},
		{"line only", Problem{"kb.yaml", Pos{Line: 3}, Error, "did not find expected key"},
			"kb.yaml:3: error: did not find expected key"},
		{"whole file", Problem{"content/x.md", Pos{}, Error, "the id is taken"},
			"content/x.md: error: the id is taken"},
		{"column without line is dropped", Problem{"content/x.md", Pos{Col: 5}, Warning, "m"},
			"content/x.md: warning: m"},
		{"warning", Problem{"content/x.md", Pos{1, 1}, Warning, `field "kidn" is not in the schema`},
			`content/x.md:1:1: warning: field "kidn" is not in the schema`},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%s: String() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSeverityString(t *testing.T) {
	if got := Error.String(); got != "error" {
		t.Errorf("Error.String() = %q", got)
	}
	if got := Warning.String(); got != "warning" {
		t.Errorf("Warning.String() = %q", got)
	}
}

func TestListAdd(t *testing.T) {
	var l List
	l.Errorf("a.md", Pos{1, 2}, "bad %s: %d", "thing", 3)
	l.Warnf("b.md", Pos{}, "odd %q", "x")
	l.Add(Problem{Path: "c.md", Message: "m"}, Problem{Path: "d.md", Severity: Error, Message: "n"})
	want := List{
		{"a.md", Pos{1, 2}, Error, "bad thing: 3"},
		{"b.md", Pos{}, Warning, `odd "x"`},
		{"c.md", Pos{}, Warning, "m"},
		{"d.md", Pos{}, Error, "n"},
	}
	if !slices.Equal(l, want) {
		t.Errorf("got %v, want %v", l, want)
	}
}

func TestListSort(t *testing.T) {
	l := List{
		{"content/b.md", Pos{2, 1}, Warning, "w"},
		{"content/a.md", Pos{10, 1}, Error, "late line"},
		{"content/a.md", Pos{2, 9}, Error, "later column"},
		{"content/a.md", Pos{2, 3}, Warning, "warning at the same place"},
		{"content/a.md", Pos{2, 3}, Error, "z error at the same place"},
		{"content/a.md", Pos{2, 3}, Error, "a error at the same place"},
		{"content/a.md", Pos{}, Error, "whole file"},
		{"content/a.md", Pos{2, 9}, Error, "later column"}, // duplicate
		{"kb.yaml", Pos{1, 1}, Error, "k"},
		{"content/b.md", Pos{2, 1}, Warning, "w"}, // duplicate
	}
	want := []string{
		"content/a.md: error: whole file",
		"content/a.md:2:3: error: a error at the same place",
		"content/a.md:2:3: error: z error at the same place",
		"content/a.md:2:3: warning: warning at the same place",
		"content/a.md:2:9: error: later column",
		"content/a.md:10:1: error: late line",
		"content/b.md:2:1: warning: w",
		"kb.yaml:1:1: error: k",
	}
	got := l.Sort()
	if len(got) != len(want) {
		t.Errorf("Sort returned %d problems, want %d:\n%s", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if s := got[i].String(); s != want[i] {
			t.Errorf("Sort()[%d] = %q, want %q", i, s, want[i])
		}
	}
	// Sorting twice changes nothing.
	again := slices.Clone(got).Sort()
	if !slices.Equal(again, got) {
		t.Errorf("Sort is not stable under repetition: %v then %v", got, again)
	}
}

func TestListErrors(t *testing.T) {
	l := List{
		{"a", Pos{}, Error, "1"},
		{"a", Pos{}, Warning, "2"},
		{"a", Pos{}, Warning, "3"},
	}
	tests := []struct {
		name   string
		l      List
		strict bool
		want   int
	}{
		{"errors only", l, false, 1},
		{"strict counts warnings", l, true, 3},
		{"empty", nil, false, 0},
		{"empty strict", nil, true, 0},
		{"warnings only", l[1:], false, 0},
		{"warnings only strict", l[1:], true, 2},
	}
	for _, tt := range tests {
		if got := tt.l.Errors(tt.strict); got != tt.want {
			t.Errorf("%s: Errors(%v) = %d, want %d", tt.name, tt.strict, got, tt.want)
		}
	}
}

func TestListString(t *testing.T) {
	l := List{
		{"a.md", Pos{1, 2}, Error, "x"},
		{"b.md", Pos{3, 0}, Warning, "y"},
	}
	want := "a.md:1:2: error: x\nb.md:3: warning: y\n"
	if got := l.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := List(nil).String(); got != "" {
		t.Errorf("empty String() = %q, want \"\"", got)
	}
}

func TestLinesPos(t *testing.T) {
	text := []byte("ab\ncd\n\nef\né=x")
	tests := []struct {
		firstLine, off int
		want           Pos
	}{
		{1, 0, Pos{1, 1}},
		{1, 1, Pos{1, 2}},
		{1, 2, Pos{1, 3}}, // the newline itself belongs to its line
		{1, 3, Pos{2, 1}},
		{1, 5, Pos{2, 3}},
		{1, 6, Pos{3, 1}}, // an empty line
		{1, 7, Pos{4, 1}},
		{1, 8, Pos{4, 2}},
		{1, 10, Pos{5, 1}},
		{1, 12, Pos{5, 3}}, // columns count bytes: "é" is two
		{1, 13, Pos{5, 4}},
		{1, len(text), Pos{5, 5}}, // the end of the text
		{7, 0, Pos{7, 1}},
		{7, 3, Pos{8, 1}},
		{7, 10, Pos{11, 1}},
	}
	// A Lines that indexed a longer text first must forget it.
	var reused Lines
	for _, tt := range tests {
		if got := NewLines(text, tt.firstLine).Pos(tt.off); got != tt.want {
			t.Errorf("NewLines(text, %d).Pos(%d) = %v, want %v", tt.firstLine, tt.off, got, tt.want)
		}
		reused.Index([]byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n"), 1)
		reused.Index(text, tt.firstLine)
		if got := reused.Pos(tt.off); got != tt.want {
			t.Errorf("Index(text, %d) after a longer text: Pos(%d) = %v, want %v", tt.firstLine, tt.off, got, tt.want)
		}
	}
	if got := NewLines(nil, 4).Pos(0); got != (Pos{4, 1}) {
		t.Errorf("empty text: Pos(0) = %v, want 4:1", got)
	}
}

func TestYAMLError(t *testing.T) {
	tests := []struct {
		name      string
		yaml      string
		firstLine int
		want      Pos
		msg       string
		fixed     string // the bug this case caught, since fixed
	}{
		{"scanner error", "a: b\n  c: d\n", 1, Pos{Line: 2}, "mapping values are not allowed in this context", ""},
		{"scanner error below a delimiter", "a: b\n  c: d\n", 5, Pos{Line: 6}, "mapping values are not allowed in this context", ""},
		{"tab", "a: 1\n\tb: 2\n", 1, Pos{Line: 2}, "found a tab character that violates indentation", ""},
		{"bad token", "a: 1\nb: @x\n", 1, Pos{Line: 2}, "found character that cannot start any token", ""},
		{"no line in the message", "a: *x\n", 3, Pos{Line: 3}, "unknown anchor 'x' referenced", ""},

		// yaml.v3 writes 0-based lines for parser (not scanner) errors:
		// https://github.com/go-yaml/yaml decode.go, parser.fail.
		{"unclosed flow list", "a: 1\nb: [x\n", 1, Pos{Line: 2}, "did not find expected ',' or ']'",
			"yaml.v3 reports parser errors on 0-based lines, one line too early"},
		{"unclosed flow map", "a: 1\nb: {x: 1\n", 1, Pos{Line: 2}, "did not find expected ',' or '}'",
			"yaml.v3 reports parser errors on 0-based lines, one line too early"},
		{"list item in a map", "a: 1\n- b\n", 1, Pos{Line: 2}, "did not find expected key",
			"yaml.v3 reports parser errors on 0-based lines, one line too early"},
		{"map key in a list", "- a\nb: 1\n", 10, Pos{Line: 11}, "did not find expected '-' indicator",
			"yaml.v3 reports parser errors on 0-based lines, one line too early"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tt.yaml), &n)
			if err == nil {
				t.Fatalf("yaml.Unmarshal(%q) succeeded", tt.yaml)
			}
			pos, msg := YAMLError(err, tt.firstLine)
			if pos != tt.want || msg != tt.msg {
				t.Errorf("YAMLError(%q, %d) = %v, %q; want %v, %q", err, tt.firstLine, pos, msg, tt.want, tt.msg)
			}
		})
	}

	// An error that is not yaml's keeps its text.
	pos, msg := YAMLError(errors.New("something else"), 2)
	if pos != (Pos{Line: 2}) || msg != "something else" {
		t.Errorf("YAMLError(other) = %v, %q", pos, msg)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "error", "0 errors"},
		{1, "error", "1 error"},
		{2, "warning", "2 warnings"},
		{1, "page", "1 page"},
		{100000, "page", "100000 pages"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

func TestFresh(t *testing.T) {
	p := func(path string, line int, msg string) Problem {
		return Problem{Path: path, Pos: Pos{Line: line}, Severity: Error, Message: msg}
	}
	byPathAndMessage := func(p Problem) string { return p.Path + "\x00" + p.Message }
	tests := []struct {
		name          string
		before, after List
		want          List
	}{
		{"none", nil, nil, nil},
		{"all new", nil, List{p("a.md", 1, "x")}, List{p("a.md", 1, "x")}},
		{"the same, moved", List{p("a.md", 1, "x")}, List{p("a.md", 9, "x")}, nil},
		{"one more of a kind", List{p("a.md", 1, "x")}, List{p("a.md", 1, "x"), p("a.md", 2, "x")}, List{p("a.md", 2, "x")}},
		{"another file", List{p("a.md", 1, "x")}, List{p("b.md", 1, "x")}, List{p("b.md", 1, "x")}},
		{"one gone", List{p("a.md", 1, "x"), p("b.md", 1, "y")}, List{p("b.md", 1, "y")}, nil},
	}
	for _, tt := range tests {
		if got := Fresh(tt.before, tt.after, byPathAndMessage); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Fresh = %v, want %v", tt.name, got, tt.want)
		}
	}
}
