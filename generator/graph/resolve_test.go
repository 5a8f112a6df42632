package graph

import (
	"slices"
	"strings"
	"testing"
)

// describeTarget writes what a node's link i resolved to: "page
// id#anchor", "asset path", "unpublished id" or "broken: reason".
func describeTarget(n *Node, i int) string {
	t := n.Links[i]
	switch t.State {
	case Resolved:
		if t.Anchor != "" {
			return "page " + t.Page + "#" + t.Anchor
		}
		return "page " + t.Page
	case Unpublished:
		return "unpublished " + t.Page
	case Asset:
		return "asset " + t.Page
	case SamePage:
		return "this page#" + t.Anchor
	}
	return "broken: " + n.BrokenReason(i)
}

func TestResolveLinks(t *testing.T) {
	const at = "content/notes/from.md:4:5: error: link "
	tests := []struct {
		link    string
		want    string
		problem string // "" for none
	}{
		// By id, slug, alias and title; case, spaces and punctuation do not matter.
		{"[[participants/china]]", "page participants/china", ""},
		{"[[Participants/China]]", "page participants/china", ""},
		{"[[participants/china.md]]", "page participants/china", ""},
		{"[[china]]", "page participants/china", ""},
		{"[[CHINA]]", "page participants/china", ""},
		{"[[china.md]]", "page participants/china", ""},
		{"[[PRC]]", "page participants/china", ""},
		{"[[People's Republic of China]]", "page participants/china", ""},
		{"[[peoples republic of china]]", "page participants/china", ""},
		{"[[United States]]", "page participants/united-states", ""},
		{"[[united_states!]]", "page participants/united-states", ""},
		{"[[China|the PRC]]", "page participants/china", ""},
		{"[[Node.js]]", "page notes/nodejs", ""}, // looks like a file, is a page

		// Headings.
		{"[[china#History]]", "page participants/china#history", ""},
		{"[[China#history|its history]]", "page participants/china#history", ""},
		{"[[china#Histroy]]", `broken: "China" has no heading "Histroy" (did you mean "History"?)`,
			at + `[[china#Histroy]]: "China" has no heading "Histroy" (did you mean "History"?)`},
		{"[[china#Economy]]", `broken: "China" has no heading "Economy"`,
			at + `[[china#Economy]]: "China" has no heading "Economy"`},
		{"[[#Intro]]", "this page#intro", ""},
		{"[[#intro|above]]", "this page#intro", ""},
		{"[[#Outro]]", `broken: this page has no heading "Outro" (did you mean "Intro"?)`,
			at + `[[#Outro]]: this page has no heading "Outro" (did you mean "Intro"?)`},
		{"[[united states#History]]", `broken: "United States" has no heading "History"`,
			at + `[[united states#History]]: "United States" has no heading "History"`},

		// Nothing, or too much.
		{"[[Chna]]", `broken: no page matches "Chna" (did you mean "china"?)`,
			at + `[[Chna]]: no page matches "Chna" (did you mean "china"?)`},
		{"[[Totally unknown]]", `broken: no page matches "Totally unknown"`,
			at + `[[Totally unknown]]: no page matches "Totally unknown"`},
		{"[[Regulation 2024.1689]]", `broken: no page matches "Regulation 2024.1689"`,
			at + `[[Regulation 2024.1689]]: no page matches "Regulation 2024.1689"`},
		{"[[paris]]", `broken: "paris" matches 2 pages: events/paris, participants/paris; write the id to choose`,
			at + `[[paris]]: "paris" matches 2 pages: events/paris, participants/paris; write the id to choose`},
		{"[[Brussels|the capital]]", `broken: "Brussels" matches 2 pages: participants/belgium, participants/european-union; write the id to choose`,
			at + `[[Brussels|the capital]]: "Brussels" matches 2 pages: participants/belgium, participants/european-union; write the id to choose`},
		{"[[events/paris]]", "page events/paris", ""},
		{"[[Paris AI Action Summit]]", "page events/paris", ""},

		// Drafts.
		{"[[Draft initiative]]", "unpublished initiatives/draft-initiative", ""},
		{"[[secret#Anything]]", "unpublished participants/secret", ""},

		// Files of content/.
		{"![[figure.png]]", "asset img/figure.png", ""},
		{"[[img/figure.png]]", "asset img/figure.png", ""},
		{"[[/img/figure.png]]", "asset img/figure.png", ""},
		{"[[FIGURE.PNG]]", "asset img/figure.png", ""},
		{"![[local.png]]", "asset notes/local.png", ""}, // beside the page first
		{"[[other/local.png]]", "asset other/local.png", ""},
		{"[[chart.png]]", `broken: "chart.png" matches 2 files: a/chart.png, b/chart.png; write its path to choose`,
			at + `[[chart.png]]: "chart.png" matches 2 files: a/chart.png, b/chart.png; write its path to choose`},
		{"![[missing.pdf|the report]]", `broken: no page or file of content/ matches "missing.pdf"`,
			at + `![[missing.pdf|the report]]: no page or file of content/ matches "missing.pdf"`},
	}
	for _, tt := range tests {
		files := with(site, "content/notes/from.md", "---\ntitle: From page\n---\nSee "+tt.link+"\n\n## Intro\n")
		g := build(t, files, siteAssets, strict)
		n := g.Node("notes/from")
		if n == nil || len(n.Links) != 1 {
			t.Errorf("%s: node %+v", tt.link, n)
			continue
		}
		if got := describeTarget(n, 0); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.link, got, tt.want)
		}
		var want []string
		if tt.problem != "" {
			want = []string{tt.problem}
		}
		if got := problemStrings(g.Problems); !slices.Equal(got, want) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.link, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestResolutionOrder: an id, then a slug, then an alias, then a title;
// the first rule that matches decides.
func TestResolutionOrder(t *testing.T) {
	files := map[string]string{
		"content/notes/x.md":        "---\ntitle: First\n---\n",
		"content/notes/notes-x.md":  "---\ntitle: Second\n---\n",    // the slug that "notes/x" makes
		"content/notes/gaigi.md":    "---\ntitle: Something\n---\n", // slug "gaigi"
		"content/notes/other.md":    "---\naliases: [GAIGI, Summit]\n---\n",
		"content/notes/summit-a.md": "---\ntitle: Summit\n---\n",    // title "Summit"
		"content/notes/titled.md":   "---\ntitle: Other\n---\n",     // title equal to another page's slug
		"content/x.md":              "---\ntitle: Top level\n---\n", // id "x"
		"content/notes/y.md":        "---\ntitle: Y note\naliases: [x]\n---\n",
	}
	tests := []struct {
		link, want string
	}{
		{"[[notes/x]]", "page notes/x"},       // id, not the slug notes-x
		{"[[notes-x]]", "page notes/notes-x"}, // slug
		{"[[Notes X]]", "page notes/notes-x"}, // slug, from a title-like target
		{"[[GAIGI]]", "page notes/gaigi"},     // slug, not other's alias
		{"[[Summit]]", "page notes/other"},    // alias, not summit-a's title
		{"[[Something]]", "page notes/gaigi"}, // title
		{"[[other]]", "page notes/other"},     // slug, not titled's title
		{"[[x]]", "page x"},                   // the top-level page's id, not y's alias
	}
	for _, tt := range tests {
		g := build(t, with(files, "content/from.md", tt.link), nil, strict)
		if got := describeTarget(g.Node("from"), 0); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.link, got, tt.want)
		}
		if len(g.Problems) > 0 {
			t.Errorf("%s: problems %q", tt.link, problemStrings(g.Problems))
		}
	}
}

// TestResolvedTargetsAreNodes: a Resolved target names a page that Node
// returns, since the renderer looks it up to write the link.
func TestResolvedTargetsAreNodes(t *testing.T) {
	files := with(site,
		"content/index.md", "## Welcome\n\nSee [[#Welcome]] and [[China]].\n",
		"content/risks/_index.md", "## Domains\n\nSee [[#Domains]].\n",
	)
	g := build(t, files, nil, strict)
	for _, n := range []*Node{g.Home, g.Sections["risks"]} {
		for i, target := range n.Links {
			if target.State == Resolved && g.Node(target.Page) == nil {
				t.Errorf("%s: link %d resolved to %q, which is no node", n.Path, i, target.Page)
			}
		}
	}
}

func TestLooksLikeFile(t *testing.T) {
	tests := []struct {
		target string
		want   bool
	}{
		{"figure.png", true},
		{"report.PDF", true},
		{"img/figure.jpeg", true},
		{"Node.js", true},
		{"china", false},
		{"china.md", false},
		{"Regulation 2024.1689", false},
		{"EU AI Act v1.2", false},
		{"St. Petersburg", false},
		{"archive.tar.gz", true},
		{"file.toolongext", false},
		{"trailing.", false},
	}
	for _, tt := range tests {
		if got := looksLikeFile(tt.target); got != tt.want {
			t.Errorf("looksLikeFile(%q) = %v, want %v", tt.target, got, tt.want)
		}
	}
}

func TestSomeOf(t *testing.T) {
	tests := []struct {
		ids  []string
		want string
	}{
		{[]string{"a"}, "a"},
		{[]string{"a", "b", "c", "d", "e"}, "a, b, c, d, e"},
		{[]string{"a", "b", "c", "d", "e", "f"}, "a, b, c, d, e and 1 more"},
		{[]string{"a", "b", "c", "d", "e", "f", "g", "h"}, "a, b, c, d, e and 3 more"},
	}
	for _, tt := range tests {
		if got := someOf(tt.ids); got != tt.want {
			t.Errorf("someOf(%q) = %q, want %q", tt.ids, got, tt.want)
		}
	}
}

// TestManyMatches: a link to a name that many pages share names the first
// few of them, in id order, and how many more there are.
func TestManyMatches(t *testing.T) {
	files := map[string]string{"content/index.md": "See [[README]].\n"}
	for _, f := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		files["content/"+f+"/readme.md"] = "---\ntitle: README\n---\n"
	}
	g := build(t, files, nil, Options{WarnBrokenLinks: true})
	want := `"README" matches 7 pages: a/readme, b/readme, c/readme, d/readme, e/readme and 2 more; write the id to choose`
	if got := g.Problems.String(); !strings.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant one saying %s", got, want)
	}
}
