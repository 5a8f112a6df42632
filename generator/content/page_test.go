package content

import (
	"slices"
	"strings"
	"testing"
)

func TestIdentity(t *testing.T) {
	tests := []struct {
		path                   string
		section, slug, id, url string
		title                  string
		home, sectionIndex     bool
	}{
		{"content/participants/china.md", "participants", "china", "participants/china", "/participants/china/", "china", false, false},
		{"content/initiatives/Global AI Governance Initiative.md", "initiatives", "global-ai-governance-initiative",
			"initiatives/global-ai-governance-initiative", "/initiatives/global-ai-governance-initiative/", "Global AI Governance Initiative", false, false},
		{"content/guides/editing/tables.md", "guides", "tables", "guides/editing/tables", "/guides/editing/tables/", "tables", false, false},
		{"content/Guides/Editing Help/Tables and Lists.md", "guides", "tables-and-lists",
			"guides/editing-help/tables-and-lists", "/guides/editing-help/tables-and-lists/", "Tables and Lists", false, false},
		{"content/about.md", "", "about", "about", "/about/", "about", false, false},
		{"content/About Us.markdown", "", "about-us", "about-us", "/about-us/", "About Us", false, false},
		{"content/participants/中国.md", "participants", "中国", "participants/中国", "/participants/中国/", "中国", false, false},
		{"content/Über uns/Café Crème.md", "über-uns", "café-crème", "über-uns/café-crème", "/über-uns/café-crème/", "Café Crème", false, false},
		{"content/initiatives/America's AI Action Plan.md", "initiatives", "americas-ai-action-plan",
			"initiatives/americas-ai-action-plan", "/initiatives/americas-ai-action-plan/", "America's AI Action Plan", false, false},
		{"content/index.md", "", "index", "", "/", "index", true, false},
		{"content/risks/_index.md", "risks", "index", "risks", "/risks/", "_index", false, true},
		{"content/guides/editing/_index.md", "guides", "index", "guides/editing", "/guides/editing/", "_index", false, true},
		{"content/guides/index.md", "guides", "index", "guides/index", "/guides/index/", "index", false, false},
	}
	for _, tt := range tests {
		p, problems := Parse(tt.path, []byte("Text.\n"))
		if len(problems) > 0 {
			t.Errorf("%s: problems:\n%s", tt.path, problems)
		}
		if p.Section != tt.section || p.Slug != tt.slug || p.ID != tt.id || p.URL() != tt.url ||
			p.Title != tt.title || p.IsHome() != tt.home || p.IsSectionIndex() != tt.sectionIndex {
			t.Errorf("%s: got section %q, slug %q, id %q, url %q, title %q, home %v, section index %v;\n"+
				"want section %q, slug %q, id %q, url %q, title %q, home %v, section index %v",
				tt.path, p.Section, p.Slug, p.ID, p.URL(), p.Title, p.IsHome(), p.IsSectionIndex(),
				tt.section, tt.slug, tt.id, tt.url, tt.title, tt.home, tt.sectionIndex)
		}
		if p.Path != tt.path {
			t.Errorf("%s: Path = %q", tt.path, p.Path)
		}
	}
}

func TestFileNameWithoutSlug(t *testing.T) {
	p, problems := Parse("content/notes/???.md", []byte("x"))
	want := []string{`content/notes/???.md: error: the file name "???.md" has no letters or digits to make a slug of; add a slug field`}
	if got := problemStrings(problems); !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if p.ID != "" {
		t.Errorf("ID = %q, want none", p.ID)
	}
	// A slug field rescues it.
	p, problems = Parse("content/notes/???.md", []byte("---\nslug: questions\n---\n"))
	if len(problems) > 0 || p.ID != "notes/questions" {
		t.Errorf("with a slug: id %q, problems %v", p.ID, problems)
	}
}

func TestSlugField(t *testing.T) {
	tests := []struct {
		name, value string
		slug, id    string
		want        []string
	}{
		{"plain", "gaigi", "gaigi", "initiatives/gaigi", nil},
		{"made a slug", "My Own Slug!", "my-own-slug", "initiatives/my-own-slug", nil},
		{"unicode", "Über", "über", "initiatives/über", nil},
		{"slash", `"a/b"`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug "a/b" must not hold "/" or ".."`}},
		{"dot dot", `".."`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug ".." must not hold "/" or ".."`}},
		{"dot dot inside", `"a..b"`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug "a..b" must not hold "/" or ".."`}},
		{"empty string", `""`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug must not be empty`}},
		{"spaces", `"   "`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug must not be empty`}},
		{"nothing", ``, "x", "initiatives/x", []string{`content/initiatives/x.md:2:6: error: slug must not be empty`}},
		{"a list", `[a]`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug must not be empty`}},
		{"punctuation only", `"!!"`, "x", "initiatives/x", []string{`content/initiatives/x.md:2:7: error: slug "!!" has no letters or digits`}},
	}
	for _, tt := range tests {
		src := "---\nslug: " + tt.value + "\n---\n"
		if tt.value == "" {
			src = "---\nslug:\n---\n"
		}
		p, problems := Parse("content/initiatives/x.md", []byte(src))
		if got := problemStrings(problems); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if p.Slug != tt.slug || p.ID != tt.id {
			t.Errorf("%s: slug %q, id %q; want %q, %q", tt.name, p.Slug, p.ID, tt.slug, tt.id)
		}
	}
}

func TestDraftField(t *testing.T) {
	tests := []struct {
		name, src string
		draft     bool
		want      []string
	}{
		{"absent", "---\ntitle: x\n---\n", false, nil},
		{"true", "---\ndraft: true\n---\n", true, nil},
		{"false", "---\ndraft: false\n---\n", false, nil},
		{"toml true", "+++\ndraft = true\n+++\n", true, nil},
		{"json true", "{\n\"draft\": true\n}\n\n", true, nil},
		{"json false", "{\n\"draft\": false\n}\n\n", false, nil},
		{"yes is not a bool", "---\ndraft: yes\n---\n", false, []string{"content/x.md:2:8: error: draft must be true or false"}},
		{"a string", "---\ndraft: \"maybe\"\n---\n", false, []string{"content/x.md:2:8: error: draft must be true or false"}},
		{"a list", "---\ndraft: [true]\n---\n", false, []string{"content/x.md:2:8: error: draft must be true or false"}},
		{"json string", "{\n\"draft\": \"true\"\n}\n\n", true, nil}, // front matter keeps text as written
	}
	for _, tt := range tests {
		p, problems := Parse("content/x.md", []byte(tt.src))
		if got := problemStrings(problems); !slices.Equal(got, tt.want) || p.Draft != tt.draft {
			t.Errorf("%s: draft %v, problems %q; want %v, %q", tt.name, p.Draft, got, tt.draft, tt.want)
		}
	}
}

func TestTitleField(t *testing.T) {
	tests := []struct {
		name, src string
		title     string
		want      []string
		fixed     string // the bug this case caught, since fixed
	}{
		{"given", "---\ntitle: EU AI Act\n---\n", "EU AI Act", nil, ""},
		{"quoted with a colon", "---\ntitle: \"Bletchley: the declaration\"\n---\n", "Bletchley: the declaration", nil, ""},
		{"absent: the file name", "---\nsummary: s\n---\n", "my note", nil, ""},
		{"a list", "---\ntitle: [a, b]\n---\n", "my note", []string{"content/my note.md:2:8: error: title must be a single line of text, not a list"}, ""},
		{"a map", "---\ntitle: {a: b}\n---\n", "my note", []string{"content/my note.md:2:8: error: title must be a single line of text, not a map"}, ""},
		{"empty", "---\ntitle: \"\"\n---\n", "my note", []string{"content/my note.md:2:8: error: title must not be empty"},
			"an empty title is reported as \"title must be a single line of text, not a single value\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse("content/my note.md", []byte(tt.src))
			if got := problemStrings(problems); !slices.Equal(got, tt.want) || p.Title != tt.title {
				t.Errorf("title %q, problems %q; want %q, %q", p.Title, got, tt.title, tt.want)
			}
		})
	}
}

func TestBodyLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"none", "Body", 1},
		{"none, blank lines first", "\n\nBody", 1},
		{"yaml", "---\na: 1\nb: 2\n---\nBody", 5},
		{"yaml, blank line after", "---\na: 1\n---\n\nBody", 4},
		{"yaml, blank lines before", "\n\n---\na: 1\n---\nBody", 6},
		{"toml", "+++\na = 1\n+++\nBody", 4},
		{"json, with the required blank line", "{\n\"a\": 1\n}\n\nBody", 5},
		{"json, more blank lines", "{\n\"a\": 1\n}\n\n\nBody", 5},
	}
	for _, tt := range tests {
		p, problems := Parse("content/x.md", []byte(tt.src))
		if len(problems) > 0 {
			t.Errorf("%s: problems:\n%s", tt.name, problems)
		}
		if p.BodyLine != tt.want {
			t.Errorf("%s: BodyLine = %d, want %d", tt.name, p.BodyLine, tt.want)
		}
		// The body is the end of the file, and BodyLine is where it starts.
		if !strings.HasSuffix(tt.src, string(p.Body)) {
			t.Errorf("%s: body %q is not the end of the file", tt.name, p.Body)
		}
		if n := strings.Count(tt.src[:len(tt.src)-len(p.Body)], "\n") + 1; n != p.BodyLine {
			t.Errorf("%s: body starts on line %d, BodyLine says %d", tt.name, n, p.BodyLine)
		}
	}
}

func TestHash(t *testing.T) {
	a, _ := Parse("content/x.md", []byte("---\ntitle: a\n---\nText"))
	b, _ := Parse("content/y.md", []byte("---\ntitle: a\n---\nText"))
	c, _ := Parse("content/x.md", []byte("---\ntitle: a\n---\nText."))
	d, _ := Parse("content/x.md", []byte("---\ntitle: b\n---\nText"))
	if a.Hash != b.Hash {
		t.Errorf("same text, different hashes")
	}
	if a.Hash == c.Hash || a.Hash == d.Hash {
		t.Errorf("different texts, same hash")
	}
}

func TestPageField(t *testing.T) {
	p, _ := Parse("content/x.md", []byte("---\ntitle: T\ntags: [a]\n---\n"))
	if f, ok := p.Field("tags"); !ok || f.Value.Kind != KindList || len(f.Value.Items) != 1 {
		t.Errorf("Field(tags) = %+v, %v", f, ok)
	}
	if _, ok := p.Field("summary"); ok {
		t.Errorf("Field(summary) found a field that is not there")
	}
}
