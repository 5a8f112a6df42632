package newpage

import (
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/schema"
)

// TestTitleReadsBack: whatever the title, the new page's front matter
// reads back with that title and no problem. Plain YAML would make some
// titles null ("Null"), a syntax error ("? what") or a map ("a: b").
func TestTitleReadsBack(t *testing.T) {
	tests := []struct {
		title string
		plain bool // written unquoted
	}{
		{"Seoul Declaration", true},
		{"2025", true},
		{"True", true},
		{"EU AI Act (2024)", true},
		{"Ethics of AI — a UNESCO recommendation", true},
		{"Null", false},
		{"null", false},
		{"NULL", false},
		{"~ tilde", true},
		{"~", false},
		{"? what", false},
		{"- dash", false},
		{"Title: subtitle", false},
		{"C# and #hashtags", false}, // " #" starts a comment
		{"x #y", false},
		{"#first", false},
		{"O'Brien's plan", true},
		{`Say "hi"`, true},
		{`"Quoted"`, false},
		{"'single'", false},
		{" padded ", false},
		{"AI & society", true},
		{"&anchor", false},
		{"*alias", false},
		{"!tag", false},
		{"100% safe", true},
		{"%percent", false},
		{"@handle", false},
		{"`code`", false},
		{"[draft] Plan", false},
		{"{braces}", false},
		{"a, b", true},
		{"|pipe", false},
		{">fold", false},
		{"Ends with colon:", false},
		{"Tab\there", true},
		{"Back\\slash", true},
	}
	s := schema.Builtin()
	for _, tt := range tests {
		text := Text(s.Type("risk"), tt.title)
		p, problems := content.Parse("content/risks/x.md", []byte(text))
		if p == nil {
			t.Errorf("title %q: no page read: %v", tt.title, problems)
			continue
		}
		_, more := s.Validate(p)
		for _, pr := range append(problems, more...) {
			// A new page lacks its required fields; nothing else may be wrong.
			if !strings.Contains(pr.Message, "missing required field") {
				t.Errorf("title %q: %s", tt.title, pr)
			}
		}
		if p.Title != tt.title {
			t.Errorf("title %q: read back as %q\n%s", tt.title, p.Title, text)
		}
		first := strings.SplitN(text, "\n", 3)[1]
		if plain := first == "title: "+tt.title; plain != tt.plain {
			t.Errorf("title %q: written %s, want plain = %v", tt.title, first, tt.plain)
		}
	}
}

// TestCommentsInAColumn: the comments of a new page start in one column,
// for every type and for a plain page.
func TestCommentsInAColumn(t *testing.T) {
	s := schema.Builtin()
	for _, typ := range append([]*schema.Type{nil}, s.Types...) {
		name := "page"
		if typ != nil {
			name = typ.Name
		}
		text := Text(typ, "Sample")
		for _, line := range strings.Split(text, "\n") {
			i := strings.Index(line, " # ")
			if i < 0 {
				continue
			}
			// line[i+1] is the '#', in column i+2 counting from 1.
			if field := strings.TrimRight(line[:i], " "); i+2 != commentColumn && len(field) <= commentColumn-2 {
				t.Errorf("%s: comment in column %d, want %d: %q", name, i+2, commentColumn, line)
			}
		}
	}
}
