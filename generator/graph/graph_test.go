package graph

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/timeline"
)

// build runs the stages before the graph on in-memory files (path -> text)
// and links them. The earlier stages must find no errors: these tests are
// about the graph.
func build(t testing.TB, files map[string]string, assets []string, o Options) *Graph {
	t.Helper()
	var pages []*Page
	for _, path := range slices.Sorted(maps.Keys(files)) {
		pages = append(pages, parsePage(t, path, files[path]))
	}
	return Build(schema.Builtin(), pages, assets, o)
}

// parsePage runs the stages before the graph on one file; they must find
// no errors.
func parsePage(t testing.TB, path, text string) *Page {
	t.Helper()
	p, problems := content.Parse(path, []byte(text))
	m, ps := schema.Builtin().Validate(p)
	problems.Add(ps...)
	if problems.Errors(false) > 0 {
		t.Fatalf("%s: %s", path, problems)
	}
	d, err := markdown.New(markdown.Options{}).Convert(p.Body, p.BodyLine)
	if err != nil {
		t.Fatal(err)
	}
	return &Page{Page: p, Meta: m, Doc: d}
}

func problemStrings(l diag.List) []string {
	var out []string
	for _, p := range l {
		out = append(out, p.String())
	}
	return out
}

// with returns a copy of files with more files added.
func with(files map[string]string, more ...string) map[string]string {
	out := maps.Clone(files)
	for i := 0; i+1 < len(more); i += 2 {
		out[more[i]] = more[i+1]
	}
	return out
}

var strict = Options{}

// site is a small knowledge base that the tables below link into.
var site = map[string]string{
	"content/participants/china.md":           "---\ntitle: China\nkind: country\naliases: [PRC, People's Republic of China]\n---\n## History\n\n## Policy\n",
	"content/participants/united-states.md":   "---\ntitle: United States\nkind: country\naliases: [USA]\n---\n",
	"content/participants/european-union.md":  "---\ntitle: European Union\nkind: bloc\naliases: [EU, Brussels]\n---\n",
	"content/participants/belgium.md":         "---\ntitle: Belgium\nkind: country\naliases: [Brussels]\n---\n",
	"content/participants/paris.md":           "---\ntitle: Paris\nkind: organisation\n---\n",
	"content/participants/secret.md":          "---\ntitle: Secret\nkind: person\ndraft: true\n---\n",
	"content/events/paris.md":                 "---\ntitle: Paris AI Action Summit\ndate: 2025-02-10\nend: 2025-02-11\n---\n",
	"content/risks/deep-fakes.md":             "---\ntitle: Deep fakes\ndomain: misinformation\n---\n",
	"content/initiatives/eu-ai-act.md":        "---\ntitle: EU AI Act\nkind: regulation\n---\n## Timeline\n\n## Scope\n",
	"content/initiatives/draft-initiative.md": "---\ntitle: Draft initiative\nkind: law\ndraft: true\n---\n",
	"content/notes/nodejs.md":                 "---\ntitle: Node.js\n---\n",
}

var siteAssets = []string{
	"content/img/figure.png",
	"content/notes/local.png",
	"content/other/local.png",
	"content/a/chart.png",
	"content/b/chart.png",
}

func TestRelations(t *testing.T) {
	const at = "content/initiatives/x.md:3:"
	tests := []struct {
		field    string
		edges    []string // "relation id"
		problems []string
	}{
		{"proposed_by: china", []string{"proposed_by participants/china"}, nil},
		{"proposed_by: \"[[PRC]]\"", []string{"proposed_by participants/china"}, nil},
		{"proposed_by: [[China]]", []string{"proposed_by participants/china"}, nil},
		{"proposed_by: participants/china", []string{"proposed_by participants/china"}, nil},
		{"proposed_by: [china, PRC, \"[[People's Republic of China]]\"]", []string{"proposed_by participants/china"}, nil},
		{"parties: [china, USA]", []string{"parties participants/china", "parties participants/united-states"}, nil},
		// Within the target type first: two pages are "paris", one is a participant.
		{"parties: [paris]", []string{"parties participants/paris"}, nil},
		{"announced_at: paris", []string{"announced_at events/paris"}, nil},
		{"builds_on: eu-ai-act", []string{"builds_on initiatives/eu-ai-act"}, nil},
		{"addresses: [Deep Fakes]", []string{"addresses risks/deep-fakes"}, nil},
		// A draft target: no edge and no problem.
		{"proposed_by: secret", nil, nil},
		// Itself: no edge.
		{"builds_on: x", nil, nil},

		{"addresses: deep-fake", nil, []string{at + `12: error: relation "addresses": no page matches "deep-fake" (did you mean "deep-fakes"?)`}},
		{"addresses: china", nil, []string{at + `12: error: relation "addresses": "china" is a participant, not a risk`}},
		{"addresses: paris", nil, []string{at + `12: error: relation "addresses": "paris" is an event or a participant, not a risk`}},
		{"proposed_by: eu-ai-act", nil, []string{at + `14: error: relation "proposed_by": "eu-ai-act" is an initiative, not a participant`}},
		{"proposed_by: Node.js", nil, []string{at + `14: error: relation "proposed_by": "Node.js" is a page, not a participant`}},
		{"proposed_by: nobody", nil, []string{at + `14: error: relation "proposed_by": no page matches "nobody"`}},
		{"parties: [china, Brussels]", []string{"parties participants/china"}, []string{
			at + `18: error: relation "parties": "Brussels" matches 2 pages: participants/belgium, participants/european-union; write the id to choose`}},
	}
	for _, tt := range tests {
		files := with(site, "content/initiatives/x.md", "---\nkind: law\n"+tt.field+"\n---\n")
		// Relation problems are errors even when broken links are warnings.
		g := build(t, files, nil, Options{WarnBrokenLinks: true})
		n := g.Node("initiatives/x")
		var edges []string
		for _, e := range n.Out {
			edges = append(edges, e.Relation.Name+" "+g.ID(e.To))
		}
		if !slices.Equal(edges, tt.edges) {
			t.Errorf("%s: edges %q, want %q", tt.field, edges, tt.edges)
		}
		if got := problemStrings(g.Problems); !slices.Equal(got, tt.problems) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.field, strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
		}
	}
}

// groupStrings writes groups as "Label (relation, inverse): ids".
func groupStrings(gr *Graph, n *Node) []string {
	var out []string
	for _, g := range gr.Groups(n) {
		var ids []string
		for _, s := range g.Slots {
			ids = append(ids, gr.ID(s))
		}
		out = append(out, fmt.Sprintf("%s (%s, %v): %s", g.Label, g.Relation, g.Inverse, strings.Join(ids, " ")))
	}
	return out
}

func TestInverseRelations(t *testing.T) {
	files := with(site,
		"content/initiatives/gaigi.md", "---\ntitle: GAIGI\nkind: declaration\nproposed_by: china\nparties: [china, usa]\naddresses: deep-fakes\nannounced_at: events/paris\n---\n",
		"content/initiatives/other.md", "---\nkind: law\nproposed_by: china\nbuilds_on: gaigi\nsupersedes: eu-ai-act\n---\n",
		"content/events/paris.md", "---\ntitle: Paris AI Action Summit\ndate: 2025-02-10\nhosts: [paris]\nattendees: [china, usa]\n---\n",
		"content/participants/belgium.md", "---\ntitle: Belgium\nkind: country\nmember_of: european-union\n---\n",
	)
	g := build(t, files, nil, strict)
	if len(g.Problems) > 0 {
		t.Fatalf("problems:\n%s", g.Problems)
	}
	tests := []struct {
		id      string
		groups  []string
		related []string
	}{
		// Inverse groups come in the order of the pages that state them.
		{"participants/china", []string{
			"Attended (attendees, true): events/paris",
			"Proposed (proposed_by, true): initiatives/gaigi initiatives/other",
			"Party to (parties, true): initiatives/gaigi",
		}, []string{"events/paris", "initiatives/gaigi", "initiatives/other"}},
		{"initiatives/gaigi", []string{
			"Proposed by (proposed_by, false): participants/china",
			"Parties (parties, false): participants/china participants/united-states",
			"Addresses (addresses, false): risks/deep-fakes",
			"Announced at (announced_at, false): events/paris",
			"Built upon by (builds_on, true): initiatives/other",
		}, []string{"events/paris", "initiatives/other", "participants/china", "participants/united-states", "risks/deep-fakes"}},
		{"initiatives/eu-ai-act", []string{"Superseded by (supersedes, true): initiatives/other"}, []string{"initiatives/other"}},
		{"risks/deep-fakes", []string{"Addressed by (addresses, true): initiatives/gaigi"}, []string{"initiatives/gaigi"}},
		{"events/paris", []string{
			"Hosts (hosts, false): participants/paris",
			"Attendees (attendees, false): participants/china participants/united-states",
			"Launched here (announced_at, true): initiatives/gaigi",
		}, nil},
		{"participants/paris", []string{"Hosted (hosts, true): events/paris"}, []string{"events/paris"}},
		{"participants/european-union", []string{"Members (member_of, true): participants/belgium"}, []string{"participants/belgium"}},
		{"participants/united-states", []string{
			"Attended (attendees, true): events/paris",
			"Party to (parties, true): initiatives/gaigi",
		}, nil},
	}
	for _, tt := range tests {
		n := g.Node(tt.id)
		if got := groupStrings(g, n); !slices.Equal(got, tt.groups) {
			t.Errorf("%s: groups:\n%s\nwant:\n%s", tt.id, strings.Join(got, "\n"), strings.Join(tt.groups, "\n"))
		}
		if tt.related != nil && !slices.Equal(g.Related(n), tt.related) {
			t.Errorf("%s: related %q, want %q", tt.id, g.Related(n), tt.related)
		}
	}
}

func TestSymmetricRelations(t *testing.T) {
	files := map[string]string{
		"content/risks/a.md": "---\ndomain: misinformation\nrelated: [b]\n---\n",
		"content/risks/b.md": "---\ndomain: misinformation\nrelated: [a, c]\n---\n",
		"content/risks/c.md": "---\ndomain: misinformation\nrelated: [a]\n---\n",
		"content/risks/d.md": "---\ndomain: misinformation\n---\n",
	}
	g := build(t, files, nil, strict)
	if len(g.Problems) > 0 {
		t.Fatalf("problems:\n%s", g.Problems)
	}
	tests := []struct {
		id     string
		groups []string
	}{
		// b lists a and a lists b: b appears once on a.
		{"risks/a", []string{"Related risks (related, false): risks/b risks/c"}},
		{"risks/b", []string{"Related risks (related, false): risks/a risks/c"}},
		{"risks/c", []string{"Related risks (related, false): risks/a risks/b"}},
		{"risks/d", nil},
	}
	for _, tt := range tests {
		if got := groupStrings(g, g.Node(tt.id)); !slices.Equal(got, tt.groups) {
			t.Errorf("%s: groups:\n%s\nwant:\n%s", tt.id, strings.Join(got, "\n"), strings.Join(tt.groups, "\n"))
		}
	}
}

func TestEdgeLabel(t *testing.T) {
	rel := &schema.Relation{Name: "proposed_by", Label: "Proposed by", Inverse: "Proposed"}
	sym := &schema.Relation{Name: "related", Label: "Related risks", Symmetric: true}
	tests := []struct {
		e       Edge
		inverse bool
		want    string
	}{
		{Edge{Relation: rel}, false, "Proposed by"},
		{Edge{Relation: rel}, true, "Proposed"},
		{Edge{Relation: sym}, false, "Related risks"},
		{Edge{Relation: sym}, true, "Related risks"},
	}
	for _, tt := range tests {
		if got := tt.e.Label(tt.inverse); got != tt.want {
			t.Errorf("%s.Label(%v) = %q, want %q", tt.e.Relation.Name, tt.inverse, got, tt.want)
		}
	}
}

func TestBacklinks(t *testing.T) {
	files := with(site,
		"content/notes/a.md", "---\ntitle: A\n---\nChina proposed it. Then [[PRC|the PRC]] signed. Later [[china#Policy]] changed.\n",
		"content/notes/b.md", "---\ntitle: B\n---\n- An item on [[China]].\n",
		"content/notes/draft.md", "---\ndraft: true\n---\n[[China]]\n",
		"content/participants/china.md", "---\ntitle: China\nkind: country\naliases: [PRC]\n---\n## Policy\n\nSee [[China]] and [[#Policy]].\n",
		"content/index.md", "Home: [[China]].\n",
		"content/participants/_index.md", "All of them, [[China]] first.\n",
	)
	g := build(t, files, nil, strict)
	if len(g.Problems) > 0 {
		t.Fatalf("problems:\n%s", g.Problems)
	}
	var got []string
	for _, b := range g.Node("participants/china").Backlinks {
		c, err := g.At(b.From).Doc.LinkContext(int(b.Link))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s: %q %q %q", g.At(b.From).ID, c.Before, c.Link, c.After))
	}
	want := []string{
		`notes/a: "Then " "the PRC" " signed."`,
		`notes/a: "Later " "china > Policy" " changed."`,
		`notes/b: "An item on " "China" "."`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("backlinks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A page shows the first of each page's links: a's first and b's.
	var first []Backlink
	for b := range g.Node("participants/china").FirstBacklinks() {
		first = append(first, b)
	}
	bl := g.Node("participants/china").Backlinks
	if wantFirst := []Backlink{bl[0], bl[2]}; !slices.Equal(first, wantFirst) {
		t.Errorf("FirstBacklinks = %v, want %v", first, wantFirst)
	}
}

// TestRelease: a released page drops its links and headings, and the
// pages it links to still read their backlinks' sentences from it.
func TestRelease(t *testing.T) {
	files := with(site,
		"content/notes/a.md", "---\ntitle: A\n---\n## Part\n\nOn [[China]], at length.\n",
		"content/participants/china.md", "---\ntitle: China\nkind: country\n---\nText.\n",
	)
	g := build(t, files, nil, strict)
	a := g.Node("notes/a")
	if len(a.Links) != 1 || len(a.Doc.Headings) != 1 {
		t.Fatalf("before: %d links, %d headings", len(a.Links), len(a.Doc.Headings))
	}
	a.Release()
	if a.Links != nil || a.Doc.Headings != nil || a.Doc.Holes != nil || a.Doc.LinkCount() != 0 {
		t.Errorf("after: links %v, headings %v, holes %v, %d document links", a.Links, a.Doc.Headings, a.Doc.Holes, a.Doc.LinkCount())
	}
	b := g.Node("participants/china").Backlinks
	if len(b) != 1 {
		t.Fatalf("backlinks %v", b)
	}
	if c, err := a.Doc.LinkContext(int(b[0].Link)); err != nil || c.Before != "On " || c.Link != "China" {
		t.Errorf("the sentence after Release: %q, %v", c, err)
	}
}

func TestDrafts(t *testing.T) {
	files := with(site,
		"content/notes/from.md", "[[Draft initiative]] and [[secret]]\n",
		"content/initiatives/draft-initiative.md", "---\ntitle: Draft initiative\nkind: law\ndraft: true\nproposed_by: china\n---\n[[nowhere]]\n",
	)
	g := build(t, files, nil, strict)
	if len(g.Problems) > 0 {
		t.Errorf("a draft's own broken link is reported: %q", problemStrings(g.Problems))
	}
	d := g.Node("initiatives/draft-initiative")
	if d == nil || d.Published || slices.Contains(g.IDs(), d.ID) || len(d.Out) != 0 || len(g.Node("participants/china").In) != 0 {
		t.Errorf("a draft is published or related: %+v", d)
	}
	from := g.Node("notes/from")
	if got := []string{describeTarget(from, 0), describeTarget(from, 1)}; !slices.Equal(got,
		[]string{"unpublished initiatives/draft-initiative", "unpublished participants/secret"}) {
		t.Errorf("links to drafts: %q", got)
	}

	// Built with drafts, they are pages like any other.
	g = build(t, files, nil, Options{Drafts: true})
	wantProblems := []string{`content/initiatives/draft-initiative.md:7:1: error: link [[nowhere]]: no page matches "nowhere"`}
	if got := problemStrings(g.Problems); !slices.Equal(got, wantProblems) {
		t.Errorf("with drafts: problems %q, want %q", got, wantProblems)
	}
	from = g.Node("notes/from")
	if got := describeTarget(from, 0); got != "page initiatives/draft-initiative" {
		t.Errorf("with drafts: %s", got)
	}
	if !slices.Contains(g.IDs(), "initiatives/draft-initiative") || len(g.Node("participants/china").In) != 1 {
		t.Errorf("with drafts: ids %q", g.IDs())
	}
}

func TestDuplicateIDs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"two file names, one slug", map[string]string{
			"content/participants/China.md": "---\nkind: country\n---\n",
			"content/participants/china.md": "---\nkind: country\n---\n",
		}, []string{`content/participants/china.md: error: the id "participants/china" is also the id of content/participants/China.md; give one of them another file name or a slug`}},
		{"a slug field", map[string]string{
			"content/notes/a.md": "---\nslug: b\n---\n",
			"content/notes/b.md": "Text.\n",
		}, []string{`content/notes/b.md: error: the id "notes/b" is also the id of content/notes/a.md; give one of them another file name or a slug`}},
		{"three at once", map[string]string{
			"content/notes/x.md": "",
			"content/notes/X.md": "",
			"content/Notes/x.md": "",
		}, []string{
			`content/notes/X.md: error: the id "notes/x" is also the id of content/Notes/x.md; give one of them another file name or a slug`,
			`content/notes/x.md: error: the id "notes/x" is also the id of content/Notes/x.md; give one of them another file name or a slug`,
		}},
		{"a section index and a page", map[string]string{
			"content/notes/_index.md": "",
			"content/notes.md":        "",
		}, nil},
	}
	for _, tt := range tests {
		g := build(t, tt.files, nil, strict)
		if got := problemStrings(g.Problems); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestBrokenLinksSeverity(t *testing.T) {
	files := map[string]string{"content/notes/a.md": "---\ntitle: A\n---\n[[nowhere]] and [[a#nothing]]\n"}
	tests := []struct {
		sev  diag.Severity
		want []string
	}{
		{diag.Error, []string{
			`content/notes/a.md:4:1: error: link [[nowhere]]: no page matches "nowhere"`,
			`content/notes/a.md:4:17: error: link [[a#nothing]]: "A" has no heading "nothing"`,
		}},
		{diag.Warning, []string{
			`content/notes/a.md:4:1: warning: link [[nowhere]]: no page matches "nowhere"`,
			`content/notes/a.md:4:17: warning: link [[a#nothing]]: "A" has no heading "nothing"`,
		}},
	}
	for _, tt := range tests {
		g := build(t, files, nil, Options{WarnBrokenLinks: tt.sev == diag.Warning})
		if got := problemStrings(g.Problems); !slices.Equal(got, tt.want) {
			t.Errorf("%v: problems:\n%s\nwant:\n%s", tt.sev, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
		if n := g.Node("notes/a"); n.Links[0].State != Broken || n.Links[1].State != Broken {
			t.Errorf("%v: links %+v", tt.sev, n.Links)
		}
	}
}

func TestHomeAndSections(t *testing.T) {
	files := with(site,
		"content/index.md", "Welcome. See [[China]] and [[nowhere]].\n",
		"content/risks/_index.md", "---\ntitle: Risks\n---\nThe [[MIT]] domains.\n",
	)
	g := build(t, files, nil, strict)
	if g.Home == nil || g.Home.Path != "content/index.md" || g.Sections["risks"] == nil {
		t.Fatalf("home %v, sections %v", g.Home, g.Sections)
	}
	if got := describeTarget(g.Home, 0); got != "page participants/china" {
		t.Errorf("home link: %s", got)
	}
	want := []string{
		`content/index.md:1:28: error: link [[nowhere]]: no page matches "nowhere"`,
		`content/risks/_index.md:4:5: error: link [[MIT]]: no page matches "MIT"`,
	}
	if got := problemStrings(g.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if slices.Contains(g.IDs(), "") || slices.Contains(g.IDs(), "risks") || g.Node("risks") != nil {
		t.Errorf("the home page or a section index is among the pages: %q", g.IDs())
	}
	if len(g.Node("participants/china").Backlinks) != 0 {
		t.Errorf("the home page makes backlinks")
	}
	// A section index is no page to link to by its folder's name.
	g = build(t, with(files, "content/notes/a.md", "[[risks]]"), nil, strict)
	if got := describeTarget(g.Node("notes/a"), 0); !strings.HasPrefix(got, "broken") {
		t.Errorf("[[risks]] resolved to %s", got)
	}
}

func TestIDsAndNodes(t *testing.T) {
	g := build(t, site, nil, strict)
	want := []string{
		"events/paris", "initiatives/eu-ai-act", "notes/nodejs",
		"participants/belgium", "participants/china", "participants/european-union", "participants/paris", "participants/united-states",
		"risks/deep-fakes",
	}
	if !slices.Equal(g.IDs(), want) {
		t.Errorf("IDs:\n%s\nwant:\n%s", strings.Join(g.IDs(), "\n"), strings.Join(want, "\n"))
	}
	if g.Node("nowhere") != nil {
		t.Errorf("Node of an unknown id")
	}
	if n := g.Node("participants/china"); n.Type == nil || n.Type.Name != "participant" || n.Title != "China" {
		t.Errorf("china: %+v", n)
	}
	if n := g.Node("notes/nodejs"); n.Type != nil {
		t.Errorf("a plain page has the type %v", n.Type.Name)
	}
	// Pages may come in any order.
	var pages []*Page
	for _, id := range g.IDs() {
		pages = append([]*Page{g.Node(id).Page}, pages...)
	}
	again := Build(schema.Builtin(), pages, nil, strict)
	if !slices.Equal(again.IDs(), g.IDs()) {
		t.Errorf("the order of pages changes the ids")
	}
}

// timelineOf is a page's own timeline as render shows it: its entries and
// those of every page related to it in either direction, oldest first.
func timelineOf(g *Graph, n *Node) []timeline.Entry {
	entries := slices.Clone(n.Entries)
	for _, id := range g.Related(n) {
		entries = append(entries, g.Node(id).Entries...)
	}
	timeline.Sort(entries)
	return entries
}

func TestTimelines(t *testing.T) {
	files := with(site,
		"content/initiatives/gaigi.md", "---\ntitle: GAIGI\nkind: declaration\ndate: 2023-10-18\nannounced: 2023-10-18\nproposed_by: china\ntimeline:\n  - {date: 2024-07, title: Shanghai declaration}\n---\n",
		"content/participants/china.md", "---\ntitle: China\nkind: country\ndate: 1949\n---\n",
		"content/events/paris.md", "---\ntitle: Paris AI Action Summit\ndate: 2025-02-10\nend: 2025-02-11\nattendees: [china]\n---\n",
		"content/initiatives/unrelated.md", "---\nkind: law\nadopted: 2020\n---\n",
	)
	g := build(t, files, nil, strict)
	var got []string
	for _, e := range timelineOf(g, g.Node("participants/china")) {
		s := e.Date.String()
		if e.IsSpan() {
			s += ".." + e.End.String()
		}
		got = append(got, s+" "+e.Label()+" ("+e.Page+")")
	}
	want := []string{
		"1949 China (participants/china)",
		"2023-10-18 GAIGI: announced (initiatives/gaigi)",
		"2024-07 GAIGI: Shanghai declaration (initiatives/gaigi)",
		"2025-02-10..2025-02-11 Paris AI Action Summit (events/paris)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("China's timeline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := g.Node("initiatives/unrelated"); len(n.Entries) != 1 || n.Entries[0].What != "adopted" {
		t.Errorf("unrelated entries %+v", n.Entries)
	}
}

func TestProblemsAreSorted(t *testing.T) {
	files := map[string]string{
		"content/notes/b.md":       "[[xenon]] [[yttrium]]\n\n[[zinc]]\n",
		"content/notes/a.md":       "[[wolfram]]\n",
		"content/initiatives/c.md": "---\nkind: law\nproposed_by: nobody\n---\n[[vanadium]]\n",
	}
	g := build(t, files, nil, strict)
	want := []string{
		`content/initiatives/c.md:3:14: error: relation "proposed_by": no page matches "nobody"`,
		`content/initiatives/c.md:5:1: error: link [[vanadium]]: no page matches "vanadium"`,
		`content/notes/a.md:1:1: error: link [[wolfram]]: no page matches "wolfram"`,
		`content/notes/b.md:1:1: error: link [[xenon]]: no page matches "xenon"`,
		`content/notes/b.md:1:11: error: link [[yttrium]]: no page matches "yttrium"`,
		`content/notes/b.md:3:1: error: link [[zinc]]: no page matches "zinc"`,
	}
	if got := problemStrings(g.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUpdateNeedsLiveGraph: a graph built for one build has let its names
// index go, and asks for a full build rather than update without it.
func TestUpdateNeedsLiveGraph(t *testing.T) {
	for _, live := range []bool{false, true} {
		g := build(t, site, nil, Options{Live: live})
		n := g.Node("participants/china")
		if n == nil {
			t.Fatal("no participants/china in the test site")
		}
		edited := *n.Page
		if _, ok := g.Update([]Change{{Old: n.Page, New: &edited}}); ok != live {
			t.Errorf("Live %v: Update reported %v", live, ok)
		}
	}
}

// TestMarkdownPaths: a Markdown link or image to a path relative to the
// page's file resolves by the file it names.
func TestMarkdownPaths(t *testing.T) {
	files := with(site,
		"content/risks/Machine Hallucinations.md", "---\ndomain: misinformation\n---\n## Causes\n\nModels make things up. ^claim-1\n",
		"content/risks/renamed.md", "---\ntitle: Renamed\nslug: other-name\ndomain: misinformation\n---\n",
		"content/risks/_index.md", "Risks, in general.\n",
		"content/risks/Cafe\u0301 Risks.md", "---\ndomain: misinformation\n---\n",
	)
	const at = "content/risks/x.md:5:1: "
	tests := []struct {
		link    string
		target  string // "state page#anchor"
		problem string
	}{
		{"[a](deep-fakes.md)", "resolved risks/deep-fakes", ""},
		{"[a](../risks/deep-fakes.md)", "resolved risks/deep-fakes", ""},
		{"[a](../initiatives/eu-ai-act.md#scope)", "resolved initiatives/eu-ai-act#scope", ""},
		{"[a](../initiatives/eu-ai-act.md#Scope)", "resolved initiatives/eu-ai-act#scope", ""},
		{"[a](Machine%20Hallucinations.md#causes)", "resolved risks/machine-hallucinations#causes", ""},
		{"[a](<Machine Hallucinations.md>)", "resolved risks/machine-hallucinations", ""},
		{"[a](renamed.md)", "resolved risks/other-name", ""},
		{"[a](../participants/secret.md)", "unpublished participants/secret", ""},
		// A file name macOS wrote decomposed, linked composed.
		{"[a](Caf%C3%A9%20Risks.md)", "resolved risks/café-risks", ""},
		{"![a](img/Caf%C3%A9.png)", "asset risks/img/Cafe\u0301.png", ""},
		{"![[Café.png]]", "asset risks/img/Cafe\u0301.png", ""},
		{"[a](../index.md)", "path /", ""},
		{"[a](_index.md)", "path /risks/", ""},
		{"[a](../img/figure.png)", "asset img/figure.png", ""},
		{"![a](../img/figure.png)", "asset img/figure.png", ""},
		{"![a](../notes/local.png)", "asset notes/local.png", ""},
		// A path to no file, or out of content/, is left as written.
		{"![a](figure.png)", "as-written", ""},
		{"[a](../../README.md)", "as-written", ""},
		{"[a](../css/kb.css)", "as-written", ""},
		// A page path that names no page is broken.
		{"[a](other-name.md)", "broken", at + `error: link […](other-name.md): no page at content/risks/other-name.md (risks/other-name is the page of content/risks/renamed.md)`},
		{"[a](deep-fake.md)", "broken", at + `error: link […](deep-fake.md): no page at content/risks/deep-fake.md (did you mean "deep-fakes"?)`},
		{"[a](deep-fakes.md#nowhere)", "broken", at + `error: link […](deep-fakes.md#nowhere): "Deep fakes" has no heading "nowhere"`},
		// Obsidian block ids, by name and by path.
		{"[[Machine Hallucinations#^claim-1]]", "resolved risks/machine-hallucinations#^claim-1", ""},
		{"[a](<Machine Hallucinations.md#^claim-1>)", "resolved risks/machine-hallucinations#^claim-1", ""},
		{"[[Machine Hallucinations#^claim-2]]", "broken", at + `error: link [[Machine Hallucinations#^claim-2]]: "Machine Hallucinations" has no block "^claim-2" (did you mean "^claim-1"?)`},
	}
	states := map[LinkState]string{Resolved: "resolved", Broken: "broken", Unpublished: "unpublished", Asset: "asset", AsWritten: "as-written", SitePath: "path"}
	for _, tt := range tests {
		assets := append(slices.Clone(siteAssets), "content/risks/img/Cafe\u0301.png") // stored decomposed
		g := build(t, with(files, "content/risks/x.md", "---\ndomain: misinformation\n---\n\n"+tt.link+"\n"), assets, strict)
		n := g.Node("risks/x")
		if len(n.Links) != 1 {
			t.Fatalf("%s: %d links", tt.link, len(n.Links))
		}
		l := n.Links[0]
		got := states[l.State]
		if l.Page != "" {
			got += " " + l.Page
		}
		if l.Anchor != "" {
			got += "#" + l.Anchor
		}
		if got != tt.target {
			t.Errorf("%s: %s, want %s", tt.link, got, tt.target)
		}
		var want []string
		if tt.problem != "" {
			want = []string{tt.problem}
		}
		if problems := problemStrings(g.Problems); !slices.Equal(problems, want) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.link, strings.Join(problems, "\n"), strings.Join(want, "\n"))
		}
		// A page the link resolves to has it as a backlink.
		if l.State == Resolved {
			if bs := g.Node(l.Page).Backlinks; len(bs) != 1 || g.At(bs[0].From).ID != "risks/x" {
				t.Errorf("%s: backlinks of %s: %v", tt.link, l.Page, bs)
			}
		}
	}
}

// TestNeighboursLeavesRelated: Neighbours adds a page's links to its
// related pages in a list of its own. It once appended to, and sorted,
// the node's own list, whose spare room then held the links: the live
// site showed a related page that was only linked (a timeline entry too
// many) and lost one that was related.
func TestNeighboursLeavesRelated(t *testing.T) {
	files := with(site,
		"content/initiatives/x.md", "---\nkind: law\nproposed_by: china\nbuilds_on: eu-ai-act\naddresses: deep-fakes\n---\nSee [[Belgium]].\n",
	)
	g := build(t, files, nil, strict)
	n := g.Node("initiatives/x")
	before := slices.Clone(g.Related(n))
	if want := []string{"initiatives/eu-ai-act", "participants/china", "risks/deep-fakes"}; !slices.Equal(before, want) {
		t.Fatalf("related %q, want %q", before, want)
	}
	got := g.Neighbours("initiatives/x")
	if want := []string{"initiatives/eu-ai-act", "participants/belgium", "participants/china", "risks/deep-fakes"}; !slices.Equal(got, want) {
		t.Errorf("neighbours %q, want %q", got, want)
	}
	if !slices.Equal(g.Related(n), before) {
		t.Errorf("Neighbours changed the related pages: %q, was %q", g.Related(n), before)
	}
}

// TestGroupsOfAHub: a page that many pages relate to lists each once, in
// the order of the edges, on both sides of the length past which Groups
// finds repeats in a map (seen.Set keeps 32 in an array): a symmetric
// relation stated from both ends gives every page twice.
func TestGroupsOfAHub(t *testing.T) {
	for _, n := range []int{31, 32, 33, 100} {
		files := map[string]string{"content/participants/hub.md": "---\ntitle: Hub\nkind: country\n---\n"}
		var risks, treaties []string
		for i := range n {
			r := fmt.Sprintf("r%03d", i)
			risks = append(risks, "risks/"+r)
			files["content/risks/"+r+".md"] = "---\ndomain: misinformation\nrelated: [hub-risk]\n---\n"
			tr := fmt.Sprintf("t%03d", i)
			treaties = append(treaties, "initiatives/"+tr)
			files["content/initiatives/"+tr+".md"] = "---\nkind: treaty\nparties: [hub]\n---\n"
		}
		files["content/risks/hub-risk.md"] = "---\ndomain: misinformation\nrelated: [" + strings.Join(risks, ", ") + "]\n---\n"
		g := build(t, files, nil, Options{})
		if len(g.Problems) > 0 {
			t.Fatalf("%d: problems:\n%s", n, g.Problems)
		}
		want := []string{"Party to (parties, true): " + strings.Join(treaties, " ")}
		if got := groupStrings(g, g.Node("participants/hub")); !slices.Equal(got, want) {
			t.Errorf("%d: hub's groups:\n%q\nwant\n%q", n, got, want)
		}
		want = []string{"Related risks (related, false): " + strings.Join(risks, " ")}
		if got := groupStrings(g, g.Node("risks/hub-risk")); !slices.Equal(got, want) {
			t.Errorf("%d: hub-risk's groups:\n%q\nwant\n%q", n, got, want)
		}
	}
}

// TestRelateManyTargets: a page's relations name each page once however
// often they are written, on both sides of the length past which relate
// finds repeats in a map (seen.Set keeps 32 in an array).
func TestRelateManyTargets(t *testing.T) {
	for _, n := range []int{31, 100} {
		files := map[string]string{}
		var names, want []string
		for i := range n {
			id := fmt.Sprintf("p%03d", i)
			files["content/participants/"+id+".md"] = fmt.Sprintf("---\ntitle: Party %d\nkind: country\n---\n", i)
			names = append(names, id)
			want = append(want, "parties participants/"+id)
		}
		// Each written again, by id and by title, after all of them.
		for i := range n {
			names = append(names, fmt.Sprintf("p%03d", n-1-i), fmt.Sprintf("Party %d", i))
		}
		files["content/initiatives/treaty.md"] = "---\nkind: treaty\nparties: [" + strings.Join(names, ", ") + "]\n---\n"
		g := build(t, files, nil, Options{})
		if len(g.Problems) > 0 {
			t.Fatalf("%d: problems:\n%s", n, g.Problems)
		}
		var edges []string
		for _, e := range g.Node("initiatives/treaty").Out {
			edges = append(edges, e.Relation.Name+" "+g.ID(e.To))
		}
		if !slices.Equal(edges, want) {
			t.Errorf("%d parties: %d edges, want %d, each once, in the order first written", n, len(edges), len(want))
		}
	}
}
