package build

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/corpus"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/spool"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// repo is the repository root, whose templates/ and static/ are the built-in ones.
var repo = os.DirFS("../..")

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func buildSite(t *testing.T, src, out string, o Options) Result {
	t.Helper()
	res, err := Build(os.DirFS(src), repo, out, false, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestBuildSite builds testdata/site (all three front-matter formats,
// nested folders, an image, a code block, a draft) and reads it back.
func TestBuildSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := buildSite(t, "testdata/site", out, Options{})
	if !res.Written || len(res.Problems) > 0 {
		t.Fatalf("build: written %v, problems:\n%s", res.Written, res.Problems)
	}
	files := tree(t, out)

	wantFiles := []string{
		"404.html", "atom.xml", "css/kb.css", "css/syntax.css", "events/index.html", "events/waic/index.html",
		"favicon.svg", "figure.png", "graph.json", "guides/editing/tables/index.html", "incidents/index.html",
		"incidents/robocall/index.html", "index.html",
		"initiatives/action-plan/index.html", "initiatives/index.html", "js/kb.js", "participants/china/index.html",
		"participants/index.html", "participants/un/index.html", "risks/deep-fakes/index.html", "risks/index.html",
		"risks/misinformation/index.html", "search.json", "search/index.html", "sitemap.xml",
		"tags/global-south/index.html", "tags/index.html", "tags/plans/index.html", "timeline.json", "timeline/index.html",
	}
	if got := slices.Sorted(mapsKeysOf(files)); !slices.Equal(got, wantFiles) {
		t.Errorf("files written:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFiles, "\n"))
	}

	page := func(p string) string { return string(files[p]) }
	checks := []struct {
		file, want, why string
	}{
		{"participants/china/index.html", "<h2>Proposed <span class=\"count\">1</span></h2>", "China shows the initiatives it proposed"},
		{"participants/china/index.html", `href="/kb/initiatives/action-plan/"`, "inverse relations link back, under the base path"},
		{"risks/deep-fakes/index.html", "<h2>Addressed by <span class=\"count\">1</span></h2>", "a risk shows what addresses it"},
		{"risks/misinformation/index.html", `<dt>Related risks</dt><dd><a class="pagelink type-risk" href="/kb/risks/deep-fakes/"`, "a symmetric relation shows on both sides"},
		{"initiatives/action-plan/index.html", `<dt>Proposed by</dt><dd><a class="pagelink type-participant" href="/kb/participants/china/"`, `a relation written as "[[China]]" resolves`},
		{"initiatives/action-plan/index.html", `<span class="kd">func</span>`, "code is highlighted with classes"},
		{"initiatives/action-plan/index.html", `<img class="embed" src="/kb/figure.png"`, "an image embed points at the copied file"},
		{"initiatives/action-plan/index.html", `href="/kb/events/waic/#programme"`, "a heading link goes to the heading's anchor"},
		{"initiatives/action-plan/index.html", `<!-- raw HTML omitted -->`, "raw HTML is left out"},
		{"initiatives/action-plan/index.html", `<blockquote>China proposed the <mark>Action Plan</mark>.</blockquote>`, "a backlink quotes its sentence"},
		{"participants/china/index.html", `<a class="card type-risk" href="/kb/risks/deep-fakes/">`, "![[page]] embeds a card"},
		{"participants/un/index.html", `<h2>Members <span class="count">1</span></h2>`, "JSON front matter relations resolve"},
		{"guides/editing/tables/index.html", "<h1>tables</h1>", "a page without front matter is titled by its file name"},
		{"guides/editing/tables/index.html", `<input checked="" disabled="" type="checkbox">`, "task lists"},
		{"guides/editing/tables/index.html", `<del>old</del>`, "strikethrough"},
		{"guides/editing/tables/index.html", `<a href="https://example.org">https://example.org</a>`, "autolinks"},
		{"guides/editing/tables/index.html", `class="footnotes"`, "footnotes"},
		{"events/waic/index.html", "<dt>Dates</dt><dd>26–28 July 2025</dd>", "an event spans date..end"},
		{"timeline/index.html", `<time datetime="2025-07-26">26–28 July 2025</time>`, "the timeline draws the event as a span"},
		{"atom.xml", "<link href=\"https://example.org/kb/initiatives/action-plan/\"/>", "feeds use the absolute base URL"},
		{"incidents/robocall/index.html", "<dt>Severity</dt><dd>High</dd>", "a type of the site's own shows its fields"},
		{"participants/un/index.html", "<h2>Involved in <span class=\"count\">1</span></h2>", "a relation of the site's own type has its inverse"},
		{"risks/deep-fakes/index.html", "<h2>Realised in <span class=\"count\">1</span></h2>", "and on another type"},
		{"incidents/index.html", "<th scope=\"col\"><button type=\"button\">Severity</button></th>", "its index has the columns it names"},
		{"timeline/index.html", "Synthetic robocall</a> <span class=\"what\">reported</span>", "its date field joins the timeline under its label"},
		{"index.html", "Incidents", "the home page counts it"},
	}
	for _, c := range checks {
		if !strings.Contains(page(c.file), c.want) {
			t.Errorf("%s: %s: missing %q", c.file, c.why, c.want)
		}
	}
	for p, b := range files {
		if bytes.Contains(b, []byte("Secret Summit")) {
			t.Errorf("%s mentions the draft", p)
		}
	}

	// Golden files: every generated file but the copied ones.
	for p, b := range files {
		if strings.HasPrefix(p, "css/kb.css") || strings.HasPrefix(p, "js/") || p == "favicon.svg" || p == "figure.png" {
			continue
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			must(t, os.MkdirAll(filepath.Dir(golden), 0o755))
			must(t, os.WriteFile(golden, b, 0o644))
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./generator/build -update): %v", p, err)
			continue
		}
		if !bytes.Equal(want, b) {
			t.Errorf("%s differs from %s (run go test ./generator/build -update and review the diff):\n%s", p, golden,
				diffFiles(map[string][]byte{p: want}, map[string][]byte{p: b}))
		}
	}

	// Two builds of the same input are byte-identical.
	again := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/site", again, Options{})
	if d := diffFiles(files, tree(t, again)); d != "" {
		t.Errorf("a second build differs:\n%s", d)
	}

	// With --drafts the draft is built and China lists it.
	drafts := filepath.Join(t.TempDir(), "public")
	buildSite(t, "testdata/site", drafts, Options{Drafts: true})
	if b, err := os.ReadFile(filepath.Join(drafts, "events/secret/index.html")); err != nil || !bytes.Contains(b, []byte("Secret Summit")) {
		t.Errorf("--drafts did not build the draft: %v", err)
	}
}

func mapsKeysOf(m map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// copyDir copies a folder, for tests that edit a site.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	for p, b := range tree(t, src) {
		writeFile(t, dst, p, string(b))
	}
}

// TestBuildSpilledContexts: a site large enough to spool its links'
// sentences (gathered by target in the spool before rendering) builds
// the same output as one that keeps them in memory, whether they are
// gathered all at once or a page at a time.
func TestBuildSpilledContexts(t *testing.T) {
	for _, src := range []string{"testdata/site", "../.."} {
		kept := filepath.Join(t.TempDir(), "kept")
		buildSite(t, src, kept, Options{})
		want := tree(t, kept)
		if !bytes.Contains(want["index.html"], []byte("<html")) || len(want) < 10 {
			t.Errorf("%s: the site built only %d files", src, len(want))
		}
		for _, window := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/window=%d", src, window), func(t *testing.T) {
				spilled := filepath.Join(t.TempDir(), "spilled")
				buildSite(t, src, spilled, Options{spillAbove: 1, gatherWindow: window})
				if d := diffFiles(want, tree(t, spilled)); d != "" {
					t.Errorf("spilled sentences changed the output:\n%s", d)
				}
			})
		}
	}
}

// TestBuildKeepsOutputOnErrors: content errors leave the previous output
// exactly as it was, and no temporary folder behind.
func TestBuildKeepsOutputOnErrors(t *testing.T) {
	src := t.TempDir()
	copyDir(t, "testdata/site", src)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, src, out, Options{})
	before := tree(t, out)

	writeFile(t, src, "content/initiatives/bad.md", "---\ntitle: Bad\nkind: decleration\naddresses: [deep-fake]\n---\n")
	res := buildSite(t, src, out, Options{})
	if res.Written {
		t.Fatal("a build with errors wrote its output")
	}
	want := []string{
		`content/initiatives/bad.md:3:7: error: field "kind": "decleration" is not one of declaration, action-plan, law, regulation, executive-order, treaty, resolution, principles, code-of-conduct, strategy, organisation, framework (did you mean "declaration"?)`,
		`content/initiatives/bad.md:4:13: error: relation "addresses": no page matches "deep-fake" (did you mean "deep-fakes"?)`,
	}
	if got := strings.Split(strings.TrimSpace(res.Problems.String()), "\n"); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := diffFiles(before, tree(t, out)); d != "" {
		t.Errorf("the failed build changed the output:\n%s", d)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.kb-*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestBuildFailsMidway: a template that fails on one page, halfway
// through rendering, leaves the previous output intact.
func TestBuildFailsMidway(t *testing.T) {
	src := t.TempDir()
	copyDir(t, "testdata/site", src)
	out := filepath.Join(t.TempDir(), "public")
	buildSite(t, src, out, Options{})
	before := tree(t, out)

	page, err := fs.ReadFile(repo, "templates/page.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(page), `{{define "main"}}`, `{{define "main"}}{{if eq .Page.ID "risks/misinformation"}}{{index .Facts 99}}{{end}}`, 1)
	writeFile(t, src, "templates/page.html", broken)
	res, err := Build(os.DirFS(src), repo, out, false, Options{})
	if err != nil || res.Written {
		t.Fatalf("a failing template: err = %v, written = %v", err, res.Written)
	}
	// Reported as a problem placed in the template, naming the page.
	want := `templates/page.html:7:60: error: executing "main" at <index .Facts 99>: error calling index: index out of range: 99 (making risks/misinformation/index.html)`
	if got := strings.TrimSpace(res.Problems.String()); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if d := diffFiles(before, tree(t, out)); d != "" {
		t.Errorf("the failed build changed the output:\n%s", d)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.kb-*")); len(leftovers) > 0 {
		t.Errorf("temporary folders left: %v", leftovers)
	}
}

// TestBuildSpoolFails: a temporary file that cannot be made or written
// (a full temporary folder) stops the build with one error that says
// what the file is for, not a "markdown" problem on every page, and
// leaves the previous output as it was. The small site's pages all fit
// in the spool's buffer, so its writes fail when rendering begins; a
// generated site of 150 pages fails while its pages are parsed.
func TestBuildSpoolFails(t *testing.T) {
	cases := []struct {
		name     string
		newSpool func() (*spool.Spool, error)
	}{
		{"cannot be made", func() (*spool.Spool, error) {
			return spool.New(filepath.Join(t.TempDir(), "missing"))
		}},
		{"cannot be written", func() (*spool.Spool, error) {
			sp, err := spool.New(t.TempDir())
			if err == nil {
				err = sp.Close() // every write from now on fails
			}
			return sp, err
		}},
	}
	large := t.TempDir()
	if err := corpus.Write(large, corpus.Site(corpus.Options{Pages: 150, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"testdata/site", large} {
		out := filepath.Join(t.TempDir(), "public")
		buildSite(t, src, out, Options{})
		before := tree(t, out)
		for _, c := range cases {
			res, err := Build(os.DirFS(src), repo, out, false, Options{newSpool: c.newSpool})
			if err == nil || !strings.Contains(err.Error(), "TMPDIR") {
				t.Errorf("%s, %s: err = %v, want one that names TMPDIR", src, c.name, err)
			} else if src == large && strings.HasPrefix(err.Error(), "render:") {
				t.Errorf("%s, %s: failed only when rendering: %v", src, c.name, err)
			}
			if len(res.Problems) > 0 || res.Written {
				t.Errorf("%s, %s: %d problems, written %v; want none and no", src, c.name, len(res.Problems), res.Written)
			}
			if d := diffFiles(before, tree(t, out)); d != "" {
				t.Errorf("%s, %s: the failed build changed the output:\n%s", src, c.name, d)
			}
		}
	}
}

// TestBuildBrokenLinksAsWarnings: with broken links as warnings the site
// builds, and each broken link shows the reader why it is broken.
func TestBuildBrokenLinksAsWarnings(t *testing.T) {
	src := t.TempDir()
	copyDir(t, "testdata/site", src)
	writeFile(t, src, "content/risks/x.md", "---\ntitle: X\ndomain: misinformation\n---\n\nSee [[nowhere]], [[x#Nope]] and [[x#Intro]].\n\n## Intro\n")
	out := filepath.Join(t.TempDir(), "public")
	warn := diag.Warning
	res := buildSite(t, src, out, Options{BrokenLinks: &warn})
	if !res.Written {
		t.Fatalf("not written:\n%s", res.Problems)
	}
	page, err := os.ReadFile(filepath.Join(out, "risks/x/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<span class="wikilink broken" title="Unresolved: no page matches &#34;nowhere&#34;">nowhere</span>`,
		`<span class="wikilink broken" title="Unresolved: &#34;X&#34; has no heading &#34;Nope&#34;">x &gt; Nope</span>`,
		`<a class="wikilink type-risk" href="/kb/risks/x/#intro" title="X">x &gt; Intro</a>`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// TestReading checks that Options.Reading hears the number of pages before
// any is read, as kb build needs to size the heap, and that what it
// returns is called once they are read.
func TestReading(t *testing.T) {
	calls, pages, done := 0, -1, 0
	o := Options{Reading: func(n int) func() {
		calls, pages = calls+1, n
		return func() { done++ }
	}}
	o.newSpool = func() (*spool.Spool, error) {
		if calls != 1 || done != 0 {
			t.Errorf("the spool was made with Reading called %d times and its end %d, want once and not yet", calls, done)
		}
		return spool.New("")
	}
	o.Spool = true
	s, err := Load(os.DirFS("testdata/site"), repo, o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	files, err := content.List(os.DirFS("testdata/site"))
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 || pages != len(files.Pages) || done != 1 {
		t.Errorf("Reading called %d times, last with %d pages, its end %d times; want once, with %d, and once", calls, pages, done, len(files.Pages))
	}
}

// TestMarkdownLinksInBuild: Markdown links and images to files of
// content/, written relative to the page's file as an editor shows them,
// lead to the pages and files on the site, under the base URL's path,
// and count as backlinks; other destinations are left as written.
func TestMarkdownLinksInBuild(t *testing.T) {
	src := t.TempDir()
	writeFile(t, src, "content/risks/deep-fakes.md", "---\ntitle: Deep fakes\ndomain: misinformation\n---\n## Harms\n\nText.\n")
	writeFile(t, src, "content/risks/img/Chart One.png", "png")
	writeFile(t, src, "content/guides/reading.md", "---\ntitle: Reading guide\n---\n"+
		"Start with [the risk](../risks/deep-fakes.md#harms), then ![a chart](../risks/img/Chart%20One.png \"Chart\").\n\n"+
		"Elsewhere: [web](https://example.org), [home](../index.md), [rel](notes/missing.txt).\n")
	out := filepath.Join(t.TempDir(), "public")
	res := buildSite(t, src, out, Options{BaseURL: "https://example.org/kb/"})
	if !res.Written || len(res.Problems) > 0 {
		t.Fatalf("build: written %v, problems:\n%s", res.Written, res.Problems)
	}
	page := string(tree(t, out)["guides/reading/index.html"])
	for _, want := range []string{
		`<a href="/kb/risks/deep-fakes/#harms">the risk</a>`,
		`<img src="/kb/risks/img/Chart%20One.png" alt="a chart" title="Chart">`,
		`<a href="https://example.org">web</a>`,
		`<a href="/kb/">home</a>`,
		`<a href="notes/missing.txt">rel</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the guide lacks %s", want)
		}
	}
	risk := string(tree(t, out)["risks/deep-fakes/index.html"])
	if !strings.Contains(risk, `href="/kb/guides/reading/">Reading guide</a><blockquote>Start with <mark>the risk</mark>, then a chart.</blockquote>`) {
		t.Errorf("the risk's backlinks lack the guide's sentence:\n%s", risk[strings.Index(risk, `class="backlinks"`):])
	}
}
