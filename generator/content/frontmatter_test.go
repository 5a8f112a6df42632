package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// problems formats a list of problems, one string each.
func problemStrings(ps interface{ String() string }) []string {
	s := strings.TrimSuffix(ps.String(), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// describe writes every field and value with its place, one per line:
// "tags@3:1 = [list]@3:7", "tags[0] = a@3:8", "sources[0].url = x@7:8".
func describe(fields []Field) []string {
	var out []string
	var value func(name string, v Value)
	value = func(name string, v Value) {
		switch v.Kind {
		case KindScalar:
			out = append(out, fmt.Sprintf("%s = %s@%d:%d", name, v.Text, v.Pos.Line, v.Pos.Col))
		case KindNull:
			out = append(out, fmt.Sprintf("%s = null@%d:%d", name, v.Pos.Line, v.Pos.Col))
		case KindList:
			out = append(out, fmt.Sprintf("%s = [list]@%d:%d", name, v.Pos.Line, v.Pos.Col))
			for i, it := range v.Items {
				value(fmt.Sprintf("%s[%d]", name, i), it)
			}
		case KindMap:
			out = append(out, fmt.Sprintf("%s = {map}@%d:%d", name, v.Pos.Line, v.Pos.Col))
			for _, f := range v.Fields {
				value(name+"."+f.Key, f.Value)
			}
		}
	}
	for _, f := range fields {
		out = append(out, fmt.Sprintf("%s@%d:%d", f.Key, f.KeyPos.Line, f.KeyPos.Col))
		value(f.Key, f.Value)
	}
	return out
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, src  string
		format     string
		title      string
		keys       []string
		body       string
		bodyLine   int
		draft      bool
		dateString string
	}{
		{
			name: "yaml",
			src: "---\ntitle: Global AI Governance Initiative\ndate: 2023-10\ndraft: true\ntags: [a, b]\n---\n" +
				"The body.\n",
			format: "yaml", title: "Global AI Governance Initiative", keys: []string{"title", "date", "draft", "tags"},
			body: "The body.\n", bodyLine: 7, draft: true, dateString: "2023-10",
		},
		{
			name: "toml",
			src: "+++\ntitle = \"Global AI Governance Initiative\"\ndate = \"2023-10\"\ndraft = true\ntags = [\"a\", \"b\"]\n+++\n" +
				"The body.\n",
			format: "toml", title: "Global AI Governance Initiative", keys: []string{"title", "date", "draft", "tags"},
			body: "The body.\n", bodyLine: 7, draft: true, dateString: "2023-10",
		},
		{
			name: "json",
			src: "{\n  \"title\": \"Global AI Governance Initiative\",\n  \"date\": \"2023-10\",\n  \"draft\": true,\n  \"tags\": [\"a\", \"b\"]\n}\n\n" +
				"The body.\n",
			format: "json", title: "Global AI Governance Initiative", keys: []string{"title", "date", "draft", "tags"},
			body: "The body.\n", bodyLine: 8, draft: true, dateString: "2023-10",
		},
		{
			name:   "toml local date is written as a day",
			src:    "+++\ndate = 2024-05-01\n+++\n",
			format: "toml", title: "x", keys: []string{"date"}, bodyLine: 4, dateString: "2024-05-01",
		},
		{
			name:   "toml year as an integer",
			src:    "+++\ndate = 2024\n+++\n",
			format: "toml", title: "x", keys: []string{"date"}, bodyLine: 4, dateString: "2024",
		},
		{
			name:   "yaml with blank lines first",
			src:    "\n\n---\ntitle: T\n---\n\nBody",
			format: "yaml", title: "T", keys: []string{"title"}, body: "\nBody", bodyLine: 6,
		},
		{
			name:   "empty yaml front matter",
			src:    "---\n---\nBody\n",
			format: "yaml", title: "x", body: "Body\n", bodyLine: 3,
		},
		{
			name:   "crlf line ends",
			src:    "---\r\ntitle: T\r\n---\r\nBody\r\n",
			format: "yaml", title: "T", keys: []string{"title"}, body: "Body\r\n", bodyLine: 4,
		},
		{
			name:   "json at the end of the file",
			src:    "{\n\"title\": \"T\"\n}",
			format: "json", title: "T", keys: []string{"title"}, body: "", bodyLine: 3,
		},
		{
			name:   "json with a nested object closing on its own line",
			src:    "{\n\"title\": \"T\",\n\"x\": {\n  \"y\": 1\n}\n}\n\nBody",
			format: "json", title: "T", keys: []string{"title", "x"}, body: "Body", bodyLine: 8,
		},
		{
			name:   "no front matter: the title is the file name",
			src:    "# Heading\n\nText with --- in it.\n",
			format: "", title: "x", body: "# Heading\n\nText with --- in it.\n", bodyLine: 1,
		},
		{
			name:   "a setext heading is not front matter",
			src:    "Note\n---\n",
			format: "", title: "x", body: "Note\n---\n", bodyLine: 1,
		},
	}
	for _, tt := range tests {
		p, problems := Parse("content/notes/x.md", []byte(tt.src))
		if len(problems) > 0 {
			t.Errorf("%s: problems:\n%s", tt.name, problems)
		}
		var keys []string
		for _, f := range p.Fields {
			keys = append(keys, f.Key)
		}
		if p.Format != tt.format || p.Title != tt.title || !slices.Equal(keys, tt.keys) ||
			string(p.Body) != tt.body || p.BodyLine != tt.bodyLine || p.Draft != tt.draft {
			t.Errorf("%s: got format %q, title %q, keys %q, body %q, body line %d, draft %v;\n"+
				"want format %q, title %q, keys %q, body %q, body line %d, draft %v",
				tt.name, p.Format, p.Title, keys, p.Body, p.BodyLine, p.Draft,
				tt.format, tt.title, tt.keys, tt.body, tt.bodyLine, tt.draft)
		}
		if tt.dateString != "" {
			if f, ok := p.Field("date"); !ok || f.Value.Text != tt.dateString {
				t.Errorf("%s: date = %q, want %q", tt.name, f.Value.Text, tt.dateString)
			}
		}
	}
}

func TestFieldPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		fixed     string // the bug this case caught, since fixed
	}{
		{
			name: "yaml",
			src:  "---\ntitle: Hello\ntags: [a, b]\nparties:\n  - china\n  - usa\nempty:\nsources:\n  - url: https://x.org\n---\n",
			want: []string{
				"title@2:1", "title = Hello@2:8",
				"tags@3:1", "tags = [list]@3:7", "tags[0] = a@3:8", "tags[1] = b@3:11",
				"parties@4:1", "parties = [list]@5:3", "parties[0] = china@5:5", "parties[1] = usa@6:5",
				"empty@7:1", "empty = null@7:7",
				"sources@8:1", "sources = [list]@9:3", "sources[0] = {map}@9:5", "sources[0].url = https://x.org@9:10",
			},
		},
		{
			name: "yaml below blank lines",
			src:  "\n\n---\ntitle: Hello\n---\n",
			want: []string{"title@4:1", "title = Hello@4:8"},
		},
		{
			name: "yaml anchors",
			src:  "---\na: &x v\nb: *x\n---\n",
			want: []string{"a@2:1", "a = v@2:4", "b@3:1", "b = v@2:4"},
		},
		{
			name: "json",
			src:  "{\n  \"title\": \"Hello\",\n  \"tags\": [\"a\", \"b\"],\n  \"n\": null,\n  \"k\": 14110,\n  \"s\": [{\"url\": \"u\"}]\n}\n\n",
			want: []string{
				"title@2:3", "title = Hello@2:12",
				"tags@3:3", "tags = [list]@3:11", "tags[0] = a@3:12", "tags[1] = b@3:17",
				"n@4:3", "n = null@4:8",
				"k@5:3", "k = 14110@5:8",
				"s@6:3", "s = [list]@6:8", "s[0] = {map}@6:9", "s[0].url = u@6:17",
			},
		},
		{
			name: "json below blank lines",
			src:  "\n{\n\"title\": \"Hello\"\n}\n\n",
			want: []string{"title@3:1", "title = Hello@3:10"},
		},
		{
			name: "toml values",
			src:  "+++\ntitle = \"Hello\"\ntags = [\"a\", \"b\"]\nn = 3\n\"my key\" = true\n[[sources]]\nurl = \"u\"\n+++\n",
			want: []string{
				"title@2:1", "title = Hello@2:9",
				"tags@3:1", "tags = [list]@3:8", "tags[0] = a@3:9", "tags[1] = b@3:14",
				"n@4:1", "n = 3@4:5",
				"my key@5:1", "my key = true@5:12",
				"sources@6:1", "sources = [list]@6:1", "sources[0] = {map}@6:1", "sources[0].url = u@6:1",
			},
			fixed: "TOML Field.KeyPos is the value's place, not the key's (tomlLocator.key returns the value)",
		},
		{
			name:  "yaml columns count bytes, as diag.Pos says and JSON does",
			src:   "---\ntags: [中国, x]\n---\n",
			want:  []string{"tags@2:1", "tags = [list]@2:7", "tags[0] = 中国@2:8", "tags[1] = x@2:16"},
			fixed: "YAML columns come from yaml.v3, which counts runes; diag.Pos and the JSON/TOML decoders count bytes",
		},
		{
			name: "json columns count bytes",
			src:  "{\n\"tags\": [\"中国\", \"x\"]\n}\n\n",
			want: []string{"tags@2:1", "tags = [list]@2:9", "tags[0] = 中国@2:10", "tags[1] = x@2:20"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse("content/x.md", []byte(tt.src))
			if len(problems) > 0 {
				t.Errorf("problems:\n%s", problems)
			}
			got := describe(p.Fields)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTOMLValuePositions checks the places of TOML values alone, which
// are right even where the key's place is not (see TestFieldPositions).
func TestTOMLValuePositions(t *testing.T) {
	src := "+++\ntitle = \"Hello\"\ntags = [\"a\", \"b\", \"a\"]\n  indented = 'lit'\n+++\n"
	p, problems := Parse("content/x.md", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("problems:\n%s", problems)
	}
	var got []string
	for _, line := range describe(p.Fields) {
		if strings.Contains(line, " = ") {
			got = append(got, line)
		}
	}
	want := []string{
		"title = Hello@2:9",
		"tags = [list]@3:8", "tags[0] = a@3:9", "tags[1] = b@3:14", "tags[2] = a@3:19",
		"indented = lit@4:14",
	}
	if !slices.Equal(got, want) {
		t.Errorf("values:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		fixed     string // the bug this case caught, since fixed
	}{
		{"unclosed yaml", "---\ntitle: Hello\n\nBody\n",
			[]string{"content/x.md:1:1: error: front matter is opened here and never closed"}, ""},
		{"unclosed yaml below blank lines", "\n\n---\ntitle: Hello\n",
			[]string{"content/x.md:3:1: error: front matter is opened here and never closed"}, ""},
		{"unclosed toml", "+++\ntitle = \"x\"\n",
			[]string{"content/x.md:1:1: error: front matter is opened here and never closed"}, ""},
		{"unclosed json", "{\n\"title\": \"x\"\n",
			[]string{`content/x.md:1:1: error: JSON front matter opened here must end with a line holding only "}", then an empty line`}, ""},
		{"json needs an empty line after it", "{\n\"title\": \"x\"\n}\nBody\n",
			[]string{`content/x.md:1:1: error: JSON front matter opened here must end with a line holding only "}", then an empty line`}, ""},
		{"yaml scanner error", "\n\n---\ntitle: Hello\n  bad: : x\n---\n",
			[]string{"content/x.md:5: error: front matter (YAML): mapping values are not allowed in this context"}, ""},
		{"yaml tab", "---\ntitle: a\n\tsummary: b\n---\n",
			[]string{"content/x.md:3: error: front matter (YAML): found a tab character that violates indentation"}, ""},
		{"yaml parser error", "---\ntitle: a\nsummary: b\nkind: [x\n---\n",
			[]string{"content/x.md:4: error: front matter (YAML): did not find expected ',' or ']'"},
			"yaml.v3 reports parser errors on 0-based lines (diag.YAMLError), one line too early"},
		{"yaml is not a map", "---\n- a\n- b\n---\n",
			[]string{"content/x.md:2:1: error: front matter (YAML) must be a map of fields"}, ""},
		{"yaml key is not a name", "---\n[a]: b\n---\n",
			[]string{"content/x.md:2:1: error: front matter (YAML): a key must be a plain name"}, ""},
		{"yaml duplicate key", "---\ntitle: a\nsummary: s\ntitle: b\n---\n",
			[]string{`content/x.md:4:1: error: front matter (YAML): field "title" is given twice`}, ""},
		{"yaml duplicate nested key", "---\nsources:\n  - url: a\n    url: b\n---\n",
			[]string{`content/x.md:4:5: error: front matter (YAML): field "url" is given twice`}, ""},
		{"toml syntax error", "+++\ntitle = \"a\"\nfoo = \n+++\n",
			[]string{`content/x.md:3:7: error: front matter (TOML): expected value but found '\n' instead`}, ""},
		{"toml duplicate key", "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n",
			[]string{"content/x.md:3:13: error: front matter (TOML): Key 'title' has already been defined."}, ""},
		{"json syntax error", "{\n  \"title\": \"a\",\n  \"x\": 1,,\n}\n\n",
			[]string{"content/x.md:3:10: error: front matter (JSON): invalid character ',' looking for beginning of object key string"}, ""},
		{"json syntax error below blank lines", "\n\n{\n  \"x\": 1,,\n}\n\n",
			[]string{"content/x.md:4:10: error: front matter (JSON): invalid character ',' looking for beginning of object key string"}, ""},
		{"json syntax error inside a value", "{\n  \"title\": \"a\",\n  \"summary\": \"b\",\n  \"x\": tru\n}\n\n",
			[]string{"content/x.md:4:11: error: front matter (JSON): invalid character '\\n' in literal true (expecting 'e')"},
			"json.Decoder's SyntaxError.Offset inside a value is not a stream offset (jsonDecoder.token)"},
		{"json duplicate key", "{\n\"title\": \"a\",\n\"title\": \"b\"\n}\n\n",
			[]string{`content/x.md:3:1: error: front matter (JSON): field "title" is given twice`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse("content/x.md", []byte(tt.src))
			if got := problemStrings(problems); !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			// A page with a broken front matter keeps its identity and
			// shows its whole text.
			if p == nil || p.ID != "x" || p.Title != "x" || string(p.Body) != tt.src || p.BodyLine != 1 || p.Fields != nil {
				t.Errorf("page = %+v, want id and title \"x\", the whole file as body from line 1, no fields", p)
			}
		})
	}
}

func TestValueGet(t *testing.T) {
	v := Value{Kind: KindMap, Fields: []Field{{Key: "a", Value: Value{Kind: KindScalar, Text: "1"}}, {Key: "b"}}}
	if f, ok := v.Get("a"); !ok || f.Value.Text != "1" {
		t.Errorf("Get(a) = %v, %v", f, ok)
	}
	if _, ok := v.Get("c"); ok {
		t.Errorf("Get(c) found a field")
	}
	kinds := map[Kind]string{KindNull: "nothing", KindScalar: "a single value", KindList: "a list", KindMap: "a map"}
	for k, want := range kinds {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

// TestByteOrderMark: editors on Windows may start a file with a UTF-8
// byte-order mark; the front matter after it is still front matter.
func TestByteOrderMark(t *testing.T) {
	for _, src := range []string{
		"\ufeff---\ntitle: T\n---\nBody",
		"\ufeff+++\ntitle = \"T\"\n+++\nBody",
		"\ufeff{\n\"title\": \"T\"\n}\n\nBody",
	} {
		p, problems := Parse("content/x.md", []byte(src))
		if len(problems) > 0 || p.Format == "" || p.Title != "T" || string(p.Body) != "Body" {
			t.Errorf("%q: format %q, title %q, body %q, problems %v", src, p.Format, p.Title, p.Body, problems)
		}
	}
}
