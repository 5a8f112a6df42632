package corpus

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// The schema below is written out again from the content contract
// (shared/content-model.md) rather than taken from the package, so that
// a mistake in the package's tables cannot hide itself.

// contractFields lists, per folder, every front-matter field kb knows.
func contractFields() map[string][]string {
	common := []string{"title", "summary", "date", "aliases", "tags", "sources", "timeline", "draft", "updated"}
	return map[string][]string{
		"initiatives":  append(slices.Clone(common), "kind", "status", "binding", "scope", "announced", "adopted", "in_force", "revoked", "proposed_by", "parties", "addresses", "announced_at", "builds_on", "supersedes"),
		"risks":        append(slices.Clone(common), "domain", "related"),
		"participants": append(slices.Clone(common), "kind", "role", "member_of", "represents"),
		"events":       append(slices.Clone(common), "end", "location", "hosts", "attendees"),
	}
}

// contractEnums lists the enum values by "folder.field".
func contractEnums() map[string][]string {
	return map[string][]string{
		"initiatives.kind":   {"declaration", "action-plan", "law", "regulation", "executive-order", "treaty", "resolution", "principles", "code-of-conduct", "strategy", "organisation", "framework"},
		"initiatives.status": {"proposed", "adopted", "signed", "in-force", "superseded", "revoked"},
		"initiatives.scope":  {"national", "regional", "multilateral", "global"},
		"risks.domain":       {"discrimination-toxicity", "privacy-security", "misinformation", "malicious-use", "human-computer-interaction", "socioeconomic-environmental", "ai-system-safety"},
		"participants.kind":  {"country", "bloc", "organisation", "company", "person"},
	}
}

// contractRelations maps each relation field to its target folder.
func contractRelations() map[string]string {
	return map[string]string{
		"proposed_by": "participants", "parties": "participants", "addresses": "risks",
		"announced_at": "events", "builds_on": "initiatives", "supersedes": "initiatives",
		"related": "risks", "member_of": "participants", "represents": "participants",
		"hosts": "participants", "attendees": "participants",
	}
}

// contractRequired lists the required fields by folder.
func contractRequired() map[string][]string {
	return map[string][]string{"initiatives": {"kind"}, "risks": {"domain"}, "participants": {"kind"}}
}

// parsedPage is one generated page, read back as kb would read it.
type parsedPage struct {
	path, folder, slug string
	fields             map[string]*yaml.Node
	body               string
	headings           map[string]bool // slugified "##"/"###" headings
}

// parseSite reads every content page of files back.
func parseSite(t *testing.T, files []File) []*parsedPage {
	t.Helper()
	var pages []*parsedPage
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "content/") {
			continue
		}
		p, err := parsePage(f)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		pages = append(pages, p)
	}
	return pages
}

// parsePage splits f's YAML front matter from its body and decodes it.
func parsePage(f File) (*parsedPage, error) {
	parts := strings.Split(f.Path, "/")
	if len(parts) != 3 || !strings.HasSuffix(parts[2], ".md") {
		return nil, fmt.Errorf("want content/<folder>/<slug>.md")
	}
	rest, ok := bytes.CutPrefix(f.Data, []byte("---\n"))
	fm, body, ok2 := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !ok2 {
		return nil, fmt.Errorf("no YAML front matter")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		return nil, err
	}
	m := doc.Content[0]
	p := &parsedPage{path: f.Path, folder: parts[1], slug: strings.TrimSuffix(parts[2], ".md"),
		fields: map[string]*yaml.Node{}, body: string(body), headings: map[string]bool{}}
	for i := 0; i < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if p.fields[k] != nil {
			return nil, fmt.Errorf("field %q twice", k)
		}
		p.fields[k] = m.Content[i+1]
	}
	fence := false
	for line := range strings.SplitSeq(p.body, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			fence = !fence
		case !fence && (strings.HasPrefix(line, "## ") || strings.HasPrefix(line, "### ")):
			p.headings[slugify(strings.TrimLeft(line, "# "))] = true
		}
	}
	return p, nil
}

// siteIndex resolves link targets as the contract says: by id, slug,
// alias or title, all slugified; a name that two pages share is recorded
// as ambiguous.
type siteIndex struct {
	byName    map[string]*parsedPage
	ambiguous map[string]bool
}

func newSiteIndex(pages []*parsedPage) *siteIndex {
	ix := &siteIndex{byName: map[string]*parsedPage{}, ambiguous: map[string]bool{}}
	add := func(name string, p *parsedPage) {
		if q := ix.byName[name]; q != nil && q != p {
			ix.ambiguous[name] = true
		}
		ix.byName[name] = p
	}
	for _, p := range pages {
		add(p.folder+"/"+p.slug, p)
		add(p.slug, p)
		add(slugify(p.fields["title"].Value), p)
		if a := p.fields["aliases"]; a != nil {
			for _, n := range a.Content {
				add(slugify(n.Value), p)
			}
		}
	}
	return ix
}

// resolve finds target's page; ids keep their "/".
func (ix *siteIndex) resolve(target string) (*parsedPage, error) {
	name := slugify(target)
	if folder, slug, ok := strings.Cut(target, "/"); ok {
		name = folder + "/" + slugify(slug)
	}
	switch p := ix.byName[name]; {
	case p == nil:
		return nil, fmt.Errorf("no page matches %q", target)
	case ix.ambiguous[name]:
		return nil, fmt.Errorf("several pages match %q", target)
	default:
		return p, nil
	}
}

// checker collects what kb would report about a site; the test prints
// the first few, so one failure does not hide the next.
type checker struct {
	ix         *siteIndex
	date, link *regexp.Regexp
	problems   []string
}

func newChecker(ix *siteIndex) *checker {
	return &checker{
		ix:   ix,
		date: regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`),
		link: regexp.MustCompile(`!?\[\[([^\]]*)\]\]`),
	}
}

func (c *checker) add(p *parsedPage, format string, args ...any) {
	c.problems = append(c.problems, p.path+": "+fmt.Sprintf(format, args...))
}

func (c *checker) report(t *testing.T) {
	t.Helper()
	slices.Sort(c.problems)
	for i, p := range c.problems {
		if i == 20 {
			t.Errorf("... and %d more", len(c.problems)-20)
			break
		}
		t.Error(p)
	}
}

// checkDate checks a date scalar in the contract's forms.
func (c *checker) checkDate(p *parsedPage, field string, n *yaml.Node) {
	layouts := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}
	if n.Kind != yaml.ScalarNode || !c.date.MatchString(n.Value) {
		c.add(p, "%s: not a date: %q", field, n.Value)
		return
	}
	if _, err := time.Parse(layouts[len(n.Value)], n.Value); err != nil {
		c.add(p, "%s: %v", field, err)
	}
}

// checkFields checks the front matter against the contract's schema.
func (c *checker) checkFields(p *parsedPage) {
	allowed, enums, rels := contractFields()[p.folder], contractEnums(), contractRelations()
	if allowed == nil {
		c.add(p, "folder %q is not a built-in type", p.folder)
		return
	}
	for _, req := range contractRequired()[p.folder] {
		if p.fields[req] == nil {
			c.add(p, "missing required field %q", req)
		}
	}
	if p.fields["title"] == nil || slugify(p.fields["title"].Value) != p.slug {
		c.add(p, "file name is not the slug of the title")
	}
	for key, n := range p.fields {
		switch {
		case !slices.Contains(allowed, key):
			c.add(p, "unknown field %q", key)
		case enums[p.folder+"."+key] != nil:
			if !slices.Contains(enums[p.folder+"."+key], n.Value) {
				c.add(p, "%s: %q is not a valid value", key, n.Value)
			}
		case key == "binding":
			if n.Tag != "!!bool" {
				c.add(p, "binding: %q is not a bool", n.Value)
			}
		case slices.Contains([]string{"date", "announced", "adopted", "in_force", "revoked", "end", "updated"}, key):
			c.checkDate(p, key, n)
		case rels[key] != "":
			c.checkRelation(p, key, rels[key], n)
		case key == "sources" || key == "timeline":
			c.checkEntries(p, key, n)
		}
	}
}

// checkRelation checks that every target resolves to a page of the type
// the relation wants.
func (c *checker) checkRelation(p *parsedPage, key, folder string, n *yaml.Node) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		c.add(p, "%s: want a non-empty list", key)
		return
	}
	for _, v := range n.Content {
		target := strings.TrimSuffix(strings.TrimPrefix(v.Value, "[["), "]]")
		q, err := c.ix.resolve(target)
		switch {
		case err != nil:
			c.add(p, "relation %q: %v", key, err)
		case q.folder != folder:
			c.add(p, "relation %q: %q is in %s, want %s", key, target, q.folder, folder)
		case q == p:
			c.add(p, "relation %q: names the page itself", key)
		}
	}
}

// checkEntries checks sources (http(s) urls, dates) and timeline entries.
func (c *checker) checkEntries(p *parsedPage, key string, n *yaml.Node) {
	for _, e := range n.Content {
		fields := map[string]*yaml.Node{}
		for i := 0; i+1 < len(e.Content); i += 2 {
			fields[e.Content[i].Value] = e.Content[i+1]
		}
		if fields["date"] != nil {
			c.checkDate(p, key+".date", fields["date"])
		}
		if fields["title"] == nil {
			c.add(p, "%s: entry without a title", key)
		}
		if key == "sources" {
			u, err := url.Parse(fields["url"].Value)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				c.add(p, "sources: bad url %q", fields["url"].Value)
			}
		}
	}
}

// checkLinks checks that every wikilink in the body resolves, that a
// linked heading exists on the target page, and that no link in a table
// row holds a "|", which would split the cell.
func (c *checker) checkLinks(p *parsedPage) {
	for line := range strings.SplitSeq(p.body, "\n") {
		for _, m := range c.link.FindAllStringSubmatch(line, -1) {
			target, _, labelled := strings.Cut(m[1], "|")
			target, heading, hasHeading := strings.Cut(target, "#")
			q, err := c.ix.resolve(target)
			switch {
			case err != nil:
				c.add(p, "link %q: %v", m[0], err)
			case hasHeading && !q.headings[slugify(heading)]:
				c.add(p, "link %q: %s has no heading %q", m[0], q.path, heading)
			case labelled && strings.HasPrefix(line, "|"):
				c.add(p, "link %q: a label in a table cell splits the cell", m[0])
			}
		}
	}
}

func TestSiteIsValid(t *testing.T) {
	for _, tc := range []struct {
		pages int
		seed  int64
	}{{100, 1}, {300, 7}, {2000, 1}} {
		t.Run(fmt.Sprintf("%d-pages-seed-%d", tc.pages, tc.seed), func(t *testing.T) {
			files := Site(Options{Pages: tc.pages, Seed: tc.seed})
			pages := parseSite(t, files)
			if len(pages) != len(files) {
				t.Errorf("%d of %d files are pages; want only pages", len(pages), len(files))
			}
			ix := newSiteIndex(pages)
			c := newChecker(ix)
			for name := range ix.ambiguous {
				c.problems = append(c.problems, "ambiguous name "+name)
			}
			for _, p := range pages {
				c.checkFields(p)
				c.checkLinks(p)
				if n := len(p.body); n < 3000 || n > 6500 {
					c.add(p, "body is %d bytes, want about 3-5 KB", n)
				}
			}
			c.report(t)
		})
	}
}

func TestSiteSize(t *testing.T) {
	for _, tc := range []struct{ ask, want int }{
		{100, 100}, {301, 301}, {1000, 1000}, {1, 100}, {-5, 100},
	} {
		if got := len(Site(Options{Pages: tc.ask, Seed: 3})); got != tc.want {
			t.Errorf("Pages %d: got %d files, want %d", tc.ask, got, tc.want)
		}
	}
}

func TestComposition(t *testing.T) {
	pages := parseSite(t, Site(Options{Pages: 2000, Seed: 1}))
	count := map[string]int{}
	features := map[string]int{}
	inverse := map[string]int{}
	for _, p := range pages {
		count[p.folder]++
		for _, f := range []string{"aliases", "timeline", "tags", "sources"} {
			if p.fields[f] != nil {
				features[f]++
			}
		}
		for _, b := range []string{"| --- |", "|---", "```", "[[", "#", "**", "\n- ", "\n1. ", "\n### "} {
			if strings.Contains(p.body, b) {
				features[b]++
			}
		}
		for rel := range contractRelations() {
			if n := p.fields[rel]; n != nil {
				for _, v := range n.Content {
					inverse[slugify(strings.Trim(v.Value, "[]"))]++
				}
			}
		}
	}
	for folder, want := range map[string]int{"participants": 700, "initiatives": 600, "risks": 300, "events": 400} {
		if count[folder] != want {
			t.Errorf("%s: %d pages, want %d", folder, count[folder], want)
		}
	}
	for f, min := range map[string]int{"aliases": 100, "timeline": 300, "tags": 1500, "sources": 1500,
		"|---": 500, "```": 400, "[[": 2000, "**": 1500, "\n- ": 1000, "\n1. ": 800, "\n### ": 800} {
		if features[f] < min {
			t.Errorf("%q on %d pages, want at least %d", f, features[f], min)
		}
	}
	most, total := 0, 0
	for _, n := range inverse {
		most, total = max(most, n), total+n
	}
	if mean := total / len(inverse); most < 20*mean {
		t.Errorf("most-named page has %d inverse relations, mean %d: want a skew of at least 20x", most, mean)
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(Options) []File
	}{{"Site", Site}, {"HugoSite", HugoSite}} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := tc.make(Options{Pages: 500, Seed: 42}), tc.make(Options{Pages: 500, Seed: 42})
			if !slices.EqualFunc(a, b, func(x, y File) bool { return x.Path == y.Path && bytes.Equal(x.Data, y.Data) }) {
				t.Error("same seed gave different files")
			}
			c := tc.make(Options{Pages: 500, Seed: 43})
			if slices.EqualFunc(a, c, func(x, y File) bool { return bytes.Equal(x.Data, y.Data) }) {
				t.Error("different seeds gave the same files")
			}
		})
	}
}

func TestHugoSite(t *testing.T) {
	const n = 1000
	files := HugoSite(Options{Pages: n, Seed: 1})
	kb := parseSite(t, Site(Options{Pages: n, Seed: 1}))
	pages := parseSite(t, files)
	if len(pages) != n || len(kb) != n {
		t.Fatalf("got %d Hugo pages, %d kb pages; want %d", len(pages), len(kb), n)
	}
	byURL := map[string]*parsedPage{}
	for i, p := range pages {
		byURL["/"+p.folder+"/"+p.slug+"/"] = p
		if p.path != kb[i].path || p.fields["title"].Value != kb[i].fields["title"].Value {
			t.Errorf("page %d: Hugo has %s, kb has %s", i, p.path, kb[i].path)
		}
	}
	c := newChecker(nil)
	link := regexp.MustCompile(`\]\((/[^)#]*)(#[^)]*)?\)`)
	for _, p := range pages {
		if strings.Contains(p.body, "[[") {
			c.add(p, "a wikilink was left in the body")
		}
		for _, bad := range []string{"aliases", "kind", "draft"} {
			if p.fields[bad] != nil {
				c.add(p, "top-level %q means something else to Hugo", bad)
			}
		}
		if d := p.fields["date"]; d != nil && len(d.Value) != 10 {
			c.add(p, "date %q is not a full date", d.Value)
		}
		for _, m := range link.FindAllStringSubmatch(p.body, -1) {
			q := byURL[m[1]]
			switch {
			case q == nil:
				c.add(p, "link to missing page %s", m[1])
			case m[2] != "" && !q.headings[strings.TrimPrefix(m[2], "#")]:
				c.add(p, "link to missing heading %s%s", m[1], m[2])
			}
		}
	}
	c.report(t)
	checkHugoConfig(t, files)
}

// checkHugoConfig checks hugo.toml declares a taxonomy per relation, and
// that the layouts Hugo needs are there.
func checkHugoConfig(t *testing.T, files []File) {
	t.Helper()
	have := map[string][]byte{}
	for _, f := range files {
		have[f.Path] = f.Data
	}
	var cfg struct {
		BaseURL    string            `toml:"baseURL"`
		Taxonomies map[string]string `toml:"taxonomies"`
	}
	if _, err := toml.Decode(string(have["hugo.toml"]), &cfg); err != nil {
		t.Fatalf("hugo.toml: %v", err)
	}
	for rel := range contractRelations() {
		if cfg.Taxonomies[rel] != rel {
			t.Errorf("hugo.toml: no taxonomy %q", rel)
		}
	}
	if cfg.Taxonomies["tag"] != "tags" || cfg.BaseURL != "/" {
		t.Errorf("hugo.toml: want baseURL / and tags; got %+v", cfg)
	}
	for _, l := range []string{"baseof", "single", "list", "taxonomy", "term"} {
		if have["layouts/_default/"+l+".html"] == nil {
			t.Errorf("no layouts/_default/%s.html", l)
		}
	}
}

func TestRelationIndexes(t *testing.T) {
	rels := relations()
	if len(rels) != numRelations {
		t.Fatalf("relations() has %d entries, want %d", len(rels), numRelations)
	}
	for _, tc := range []struct {
		index int
		field string
	}{
		{relProposedBy, "proposed_by"}, {relParties, "parties"}, {relAddresses, "addresses"},
		{relAnnouncedAt, "announced_at"}, {relBuildsOn, "builds_on"}, {relSupersedes, "supersedes"},
		{relRelated, "related"}, {relMemberOf, "member_of"}, {relRepresents, "represents"},
		{relHosts, "hosts"}, {relAttendees, "attendees"},
	} {
		if rels[tc.index].field != tc.field {
			t.Errorf("index %d is %q, want %q", tc.index, rels[tc.index].field, tc.field)
		}
		if want := contractRelations()[tc.field]; rels[tc.index].target.folder() != want {
			t.Errorf("%s targets %s, want %s", tc.field, rels[tc.index].target.folder(), want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Global AI Governance Initiative", "global-ai-governance-initiative"},
		{"Amara K. Okafor", "amara-k-okafor"},
		{"  Deep-fake -- risks!  ", "deep-fake-risks"},
		{"AI Safety Summit 2023", "ai-safety-summit-2023"},
	} {
		if got := slugify(tc.in); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlain(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"china", "china"}, {"no", `"no"`}, {"On", `"On"`}, {"2023", `"2023"`},
		{"a-b-c", "a-b-c"}, {"x y", `"x y"`},
	} {
		if got := plain(tc.in); got != tc.want {
			t.Errorf("plain(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Path: "content/a/b.md", Data: []byte("x")}, {Path: "hugo.toml", Data: []byte("y")}}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s: got %q, %v; want %q", f.Path, got, err, f.Data)
		}
	}
}
