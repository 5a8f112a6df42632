package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/diag"
)

// model is a small site as data, so that random edits stay meaningful:
// relations name pages of the right type, deleted pages are unlinked.
type model struct {
	pages    map[string]*mpage // by path
	sections map[string]string // content/<folder>/_index.md -> its text
	assets   map[string]string // path -> content
	home     string
	css      string
	next     int
}

type mpage struct {
	folder, slug, title, summary, date string
	aliases, tags                      []string
	rels                               map[string][]string
	body                               []string
	draft                              bool
	milestone                          string // a timeline entry's date, or ""
}

func (p *mpage) path() string { return "content/" + p.folder + "/" + p.slug + ".md" }

// relations the model uses: field -> target folder.
var modelRelations = map[string]map[string]string{
	"initiatives":  {"proposed_by": "participants", "addresses": "risks", "announced_at": "events", "builds_on": "initiatives"},
	"participants": {"member_of": "participants"},
	"events":       {"hosts": "participants", "attendees": "participants"},
	"risks":        {"related": "risks"},
}

var kinds = map[string]string{"initiatives": "kind: declaration", "participants": "kind: country", "risks": "domain: misinformation", "events": ""}

func (p *mpage) text() string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\n", p.title)
	if p.summary != "" {
		fmt.Fprintf(&b, "summary: %q\n", p.summary)
	}
	if p.date != "" {
		fmt.Fprintf(&b, "date: %s\n", p.date)
	}
	if len(p.aliases) > 0 {
		fmt.Fprintf(&b, "aliases: [%s]\n", strings.Join(p.aliases, ", "))
	}
	if len(p.tags) > 0 {
		fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(p.tags, ", "))
	}
	if k := kinds[p.folder]; k != "" {
		b.WriteString(k + "\n")
	}
	for _, r := range slices.Sorted(maps.Keys(p.rels)) {
		if len(p.rels[r]) > 0 {
			fmt.Fprintf(&b, "%s: [%s]\n", r, strings.Join(p.rels[r], ", "))
		}
	}
	if p.draft {
		b.WriteString("draft: true\n")
	}
	if p.milestone != "" {
		fmt.Fprintf(&b, "timeline:\n  - {date: %s, title: \"Milestone of %s\"}\n", p.milestone, p.slug)
	}
	b.WriteString("---\n\n")
	b.WriteString(strings.Join(p.body, "\n\n"))
	b.WriteString("\n")
	return b.String()
}

func newModel() *model {
	m := &model{pages: map[string]*mpage{}, sections: map[string]string{}, assets: map[string]string{"content/figure.png": "png-1"},
		home: "---\ntitle: Test KB\n---\n\nStart at [[China]] and [[deep fakes]].\n", css: "body{}"}
	add := func(folder, slug, title, date string) {
		p := &mpage{folder: folder, slug: slug, title: title, date: date, rels: map[string][]string{},
			body: []string{"## Background", "Some text about " + title + "."}}
		m.pages[p.path()] = p
	}
	for _, c := range []string{"China", "United States", "European Union", "Li Qiang"} {
		add("participants", slugOf(c), c, "")
	}
	for _, r := range []string{"Deep fakes", "Machine hallucinations", "Digital divide"} {
		add("risks", slugOf(r), r, "")
	}
	add("initiatives", "gaigi", "Global AI Governance Initiative", "2023-10-18")
	add("initiatives", "action-plan", "Global AI Governance Action Plan", "2025-07-26")
	add("initiatives", "eu-ai-act", "EU AI Act", "2024-05")
	add("events", "waic-2025", "WAIC 2025", "2025-07-26")
	add("events", "paris-summit", "AI Action Summit", "2025-02-10")
	add("guides", "about", "About", "")
	m.pages["content/initiatives/action-plan.md"].rels["proposed_by"] = []string{"china"}
	m.pages["content/initiatives/action-plan.md"].rels["builds_on"] = []string{"gaigi"}
	m.pages["content/participants/li-qiang.md"].body = append(m.pages["content/participants/li-qiang.md"].body, "Premier of [[China]], spoke at [[waic-2025#Background]].", "![[figure.png]]")
	return m
}

func slugOf(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// write writes the whole model under dir.
func (m *model) write(t *testing.T, dir string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(dir, "kb.yaml"), []byte("title: Test\nbroken_links: warn\n"), 0o644))
	for p, pg := range m.pages {
		writeFile(t, dir, p, pg.text())
	}
	for p, c := range m.assets {
		writeFile(t, dir, p, c)
	}
	writeFile(t, dir, "content/index.md", m.home)
	writeFile(t, dir, "static/css/extra.css", m.css)
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(rel))
	must(t, os.MkdirAll(filepath.Dir(full), 0o755))
	must(t, os.WriteFile(full, []byte(text), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (m *model) of(folder string) []*mpage {
	var out []*mpage
	for _, p := range slices.Sorted(maps.Keys(m.pages)) {
		if m.pages[p].folder == folder {
			out = append(out, m.pages[p])
		}
	}
	return out
}

func (m *model) any(r *rand.Rand) *mpage {
	paths := slices.Sorted(maps.Keys(m.pages))
	return m.pages[paths[r.IntN(len(paths))]]
}

// edit makes one random change to the model and the files, and returns
// the paths it touched and what it did.
func (m *model) edit(t *testing.T, r *rand.Rand, dir string) ([]string, string) {
	p := m.any(r)
	touched := []string{p.path()}
	var what string
	switch r.IntN(21) {
	case 0:
		p.title = fmt.Sprintf("%s %d", strings.Fields(p.title)[0], m.bump())
		what = "retitle " + p.slug
	case 1:
		p.summary = fmt.Sprintf("Summary %d.", m.bump())
		what = "summary " + p.slug
	case 2:
		target := m.any(r)
		link := "[[" + target.title + "]]"
		switch r.IntN(4) {
		case 0:
			link = "[[" + target.slug + "|that page]]"
		case 1:
			// A Markdown link names the file, relative to the page's.
			link = "[that file](../" + target.folder + "/" + target.slug + ".md)"
		case 2:
			link = "![a figure](../figure.png)"
		}
		p.body = append(p.body, fmt.Sprintf("A sentence %d linking %s here.", m.bump(), link))
		what = "link " + p.slug + " -> " + target.slug
	case 3:
		p.body = p.body[:min(len(p.body), 2)]
		what = "trim body " + p.slug
	case 4:
		rels := modelRelations[p.folder]
		if len(rels) == 0 {
			return m.edit(t, r, dir)
		}
		name := slices.Sorted(maps.Keys(rels))[r.IntN(len(rels))]
		targets := m.of(rels[name])
		if len(targets) == 0 {
			return m.edit(t, r, dir) // every page of that type deleted
		}
		target := targets[r.IntN(len(targets))]
		if target == p || slices.Contains(p.rels[name], target.slug) {
			p.rels[name] = nil
			what = "clear " + name + " of " + p.slug
		} else {
			p.rels[name] = append(p.rels[name], target.slug)
			what = "relate " + p.slug + " " + name + " " + target.slug
		}
	case 5:
		p.date = fmt.Sprintf("20%02d-%02d", 10+r.IntN(16), 1+r.IntN(12))
		what = "date " + p.slug
	case 6:
		p.tags = []string{[]string{"ai", "law", "un", "safety"}[r.IntN(4)]}
		what = "tag " + p.slug
	case 7:
		p.draft = !p.draft
		what = "draft " + p.slug
	case 8:
		if len(m.pages) < 8 {
			return m.edit(t, r, dir)
		}
		delete(m.pages, p.path())
		must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(p.path()))))
		for _, q := range m.pages {
			for name, ts := range q.rels {
				if i := slices.Index(ts, p.slug); i >= 0 && q.folder != "" {
					q.rels[name] = slices.Delete(slices.Clone(ts), i, i+1)
					touched = append(touched, q.path())
				}
			}
		}
		what = "delete " + p.slug
	case 9:
		folder := []string{"participants", "risks", "initiatives", "events"}[r.IntN(4)]
		n := m.bump()
		q := &mpage{folder: folder, slug: fmt.Sprintf("new-%d", n), title: fmt.Sprintf("New %d", n), rels: map[string][]string{},
			body: []string{"## Background", "Fresh page linking [[China]]."}}
		m.pages[q.path()] = q
		touched = []string{q.path()}
		what = "create " + q.slug
	case 10:
		p.aliases = []string{fmt.Sprintf("Alias %d", r.IntN(3))}
		what = "alias " + p.slug
	case 11:
		p.body[0] = fmt.Sprintf("## Heading %d", r.IntN(3))
		what = "heading " + p.slug
	case 12:
		m.home = fmt.Sprintf("---\ntitle: Test KB\n---\n\nStart at [[%s]].\n", m.any(r).title)
		touched = []string{"content/index.md"}
		what = "home"
	case 13:
		if _, ok := m.assets["content/figure.png"]; ok && r.IntN(2) == 0 {
			delete(m.assets, "content/figure.png")
			must(t, os.Remove(filepath.Join(dir, "content/figure.png")))
			what = "remove asset"
		} else {
			m.assets["content/figure.png"] = fmt.Sprintf("png-%d", m.bump())
			what = "write asset"
		}
		touched = []string{"content/figure.png"}
	case 14:
		m.css = fmt.Sprintf("body{margin:%dpx}", m.bump())
		touched = []string{"static/css/extra.css"}
		what = "css"
	case 15:
		p.body = append(p.body, fmt.Sprintf("Timeline text %d.", m.bump()))
		what = "body text " + p.slug
	case 16:
		if p.milestone != "" && r.IntN(2) == 0 {
			p.milestone = ""
			what = "drop milestone " + p.slug
		} else {
			p.milestone = fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(16), 1+r.IntN(12), 1+r.IntN(28))
			what = "milestone " + p.slug
		}
	case 17:
		folder := []string{"participants", "risks", "initiatives", "events", "guides"}[r.IntN(5)]
		path := "content/" + folder + "/_index.md"
		touched = []string{path}
		if _, ok := m.sections[path]; ok && r.IntN(2) == 0 {
			delete(m.sections, path)
			must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(path))))
			what = "remove section text " + folder
		} else {
			target := m.any(r)
			m.sections[path] = fmt.Sprintf("About these, see [[%s]] and [the file](../%s/%s.md).\n", target.title, target.folder, target.slug)
			writeFile(t, dir, path, m.sections[path])
			what = "section text " + folder
		}
	case 19:
		// A tag in the text, which joins the page's tags.
		p.body = append(p.body, fmt.Sprintf("Filed under #%s.", []string{"ai", "law", "topic-x", "un"}[r.IntN(4)]))
		what = "inline tag " + p.slug
	case 20:
		// A comment, with a link in it, and a block id that others may link to.
		target := m.any(r)
		p.body = append(p.body, fmt.Sprintf("Seen %d. %%%%note to self: [[%s]]%%%% ^b%d", m.bump(), target.title, r.IntN(2)))
		q := m.any(r)
		q.body = append(q.body, fmt.Sprintf("See [[%s#^b%d]].", p.title, r.IntN(2)))
		touched = append(touched, q.path())
		what = "comment and block " + p.slug + " <- " + q.slug
	case 18:
		// A file renamed: the same page under another file name, so
		// another id; links by title still find it.
		if p.folder == "guides" {
			return m.edit(t, r, dir)
		}
		delete(m.pages, p.path())
		must(t, os.Remove(filepath.Join(dir, filepath.FromSlash(p.path()))))
		old := p.path()
		p.slug = fmt.Sprintf("%s-%d", strings.SplitN(p.slug, "-", 2)[0], m.bump())
		m.pages[p.path()] = p
		for _, q := range m.pages {
			for name, ts := range q.rels {
				if i := slices.Index(ts, strings.TrimSuffix(filepath.Base(old), ".md")); i >= 0 {
					q.rels[name] = slices.Delete(slices.Clone(ts), i, i+1)
					touched = append(touched, q.path())
				}
			}
		}
		touched = append(touched, old, p.path())
		what = "rename " + old + " -> " + p.slug
	}
	for _, tp := range touched {
		if q, ok := m.pages[tp]; ok {
			writeFile(t, dir, tp, q.text())
		}
	}
	if c, ok := m.assets["content/figure.png"]; ok && slices.Contains(touched, "content/figure.png") {
		writeFile(t, dir, "content/figure.png", c)
	}
	if slices.Contains(touched, "content/index.md") {
		writeFile(t, dir, "content/index.md", m.home)
	}
	if slices.Contains(touched, "static/css/extra.css") {
		writeFile(t, dir, "static/css/extra.css", m.css)
	}
	return touched, what
}

func (m *model) bump() int { m.next++; return m.next }

// startModel writes the model site into a new folder and starts it live,
// with its lists made.
func startModel(t *testing.T, builtin fs.FS) (dir string, m *model, live *Live) {
	t.Helper()
	dir = t.TempDir()
	m = newModel()
	m.write(t, dir)
	live, problems, err := Start(os.DirFS(dir), builtin, Options{})
	if err != nil || problems.Errors(false) > 0 {
		t.Fatalf("start: %v\n%s", err, problems)
	}
	if _, err := live.Finish(); err != nil {
		t.Fatal(err)
	}
	return dir, m, live
}

// TestLiveMatchesFullBuild makes random edit sequences and checks, after
// each, that the incremental output equals a full build's byte for byte.
func TestLiveMatchesFullBuild(t *testing.T) {
	builtin := os.DirFS("../..") // the repository's templates/ and static/
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir, m, live := startModel(t, builtin)
			r := rand.New(rand.NewPCG(seed, 42))
			var history []string
			for step := 0; step < 60; step++ {
				touched, what := m.edit(t, r, dir)
				history = append(history, what)
				if r.IntN(10) == 0 {
					// A bad save first: the update fails and nothing changes.
					bad := touched[0]
					if strings.HasSuffix(bad, ".md") {
						before := snapshot(live.Output())
						writeFile(t, dir, bad, "---\ntitle: [unclosed\n---\n")
						u, err := live.Update([]string{bad})
						if err != nil || !u.Failed {
							t.Fatalf("step %d: a broken file did not fail the update: %v %+v", step, err, u.Problems)
						}
						if !equalFiles(before, snapshot(live.Output())) {
							t.Fatalf("step %d: a failed update changed the output", step)
						}
						if q, ok := m.pages[bad]; ok {
							writeFile(t, dir, bad, q.text())
						} else if text, ok := m.sections[bad]; ok {
							writeFile(t, dir, bad, text)
						} else {
							must(t, os.Remove(filepath.Join(dir, bad)))
						}
					}
				}
				u, err := live.Update(touched)
				if err != nil {
					t.Fatalf("step %d (%s): %v", step, what, err)
				}
				if u.Failed {
					t.Fatalf("step %d (%s): update failed:\n%s", step, what, u.Problems)
				}
				if r.IntN(3) == 0 {
					// The lists run in the background, as in serve, and
					// another save lands meanwhile: the run is committed
					// with the lists as they were before it, and the next
					// run brings them up to date.
					run := live.PrepareLists()
					touched, what := m.edit(t, r, dir)
					history = append(history, what)
					u, err := live.Update(touched)
					if err != nil || u.Failed {
						t.Fatalf("step %d (%s): %v %s", step, what, err, u.Problems)
					}
					if run != nil {
						if err := run.Run(); err != nil {
							t.Fatal(err)
						}
						if _, ok := live.CommitLists(run); ok == u.Full {
							t.Fatalf("step %d (%s): a run prepared before the update committed: %v; want %v", step, what, ok, !u.Full)
						}
					}
				}
				if diff := againstFullBuild(t, fmt.Sprintf("step %d (%s)", step, what), live, dir, builtin); diff != "" {
					t.Fatalf("step %d (%s): incremental output differs from a full build:\n%s\nedits: %s", step, what, diff, strings.Join(history, "; "))
				}
			}
		})
	}
}

// againstFullBuild finishes live's lists and returns how its output and
// problems differ from a full build of dir as it is now, or "".
func againstFullBuild(t *testing.T, step string, live *Live, dir string, builtin fs.FS) string {
	t.Helper()
	if _, err := live.Finish(); err != nil {
		t.Fatalf("%s: finish: %v", step, err)
	}
	want, problems, err := Start(os.DirFS(dir), builtin, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := want.Finish(); err != nil {
		t.Fatal(err)
	}
	diff := diffFiles(snapshot(want.Output()), snapshot(live.Output()))
	if got, want := live.problems.String(), problems.String(); got != want {
		diff += fmt.Sprintf("problems:\n%s\nwant:\n%s", got, want)
	}
	return diff
}

// snapshot is m's files as served. A page is rendered when asked for,
// so it is always the current site's; one whose checksum says otherwise
// is one an update should have rendered again, and did not, and it shows
// in the snapshot as such. (A data file made on request keeps a checksum
// of what it is made from, not of its bytes, and is compared whole.)
func snapshot(m *Memory) map[string][]byte {
	out := map[string][]byte{}
	for _, p := range m.Paths() {
		b, _ := m.Get(p)
		m.mu.RLock()
		f := m.files[p]
		m.mu.RUnlock()
		if f.isPage() && f.sum != checksum(b) {
			b = fmt.Appendf(nil, "stale: a page not rendered again when it changed (kept %x, now %x)\n%s", f.sum, checksum(b), b)
		}
		out[p] = b
	}
	return out
}

func equalFiles(a, b map[string][]byte) bool { return diffFiles(a, b) == "" }

// diffFiles names the files that differ, with the first differing line.
func diffFiles(want, got map[string][]byte) string {
	var b strings.Builder
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		switch {
		case !ok:
			fmt.Fprintf(&b, "missing %s\n", p)
		case !bytes.Equal(g, want[p]):
			wl, gl := strings.Split(string(want[p]), "\n"), strings.Split(string(g), "\n")
			for i := range min(len(wl), len(gl)) {
				if wl[i] != gl[i] {
					fmt.Fprintf(&b, "differs %s line %d:\n  want %s\n  got  %s\n", p, i+1, wl[i], gl[i])
					break
				}
			}
			if len(wl) != len(gl) {
				fmt.Fprintf(&b, "differs %s: %d lines, want %d\n", p, len(gl), len(wl))
			}
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[p]; !ok {
			fmt.Fprintf(&b, "extra %s\n", p)
		}
	}
	return b.String()
}

// TestLiveTemplateFails: a template that fails on some page, whether a
// template was edited (the whole site renders again) or a page was (its
// pages render again), fails the update with a problem placed in the
// template and naming the page, and leaves the served output as it was;
// the next good save brings the site back.
func TestLiveTemplateFails(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/site", dir)
	live, problems, err := Start(os.DirFS(dir), repo, Options{})
	if err != nil || problems.Errors(false) > 0 {
		t.Fatalf("start: %v\n%s", err, problems)
	}
	if _, err := live.Finish(); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("../../templates/page.html")
	if err != nil {
		t.Fatal(err)
	}
	withMain := func(prefix string) string {
		return strings.Replace(string(page), `{{define "main"}}`, `{{define "main"}}`+prefix, 1)
	}
	const misinformation = "---\ntitle: Misinformation\ndomain: misinformation\n---\n\nFalse content at scale.\n"

	steps := []struct {
		name, file, text string
		problem          string // "" for a good update
	}{
		{"a template failing on every page", "templates/page.html", withMain("{{.Page.Nope}}"),
			`templates/page.html:7:24: error: executing "main" at <.Page.Nope>: can't evaluate field Nope in type *render.PageLink (making `},
		{"a template failing on one page only", "templates/page.html", withMain(`{{if eq .Page.Title "Boom"}}{{index .Facts 99}}{{end}}`), ""},
		{"a page it fails on", "content/risks/misinformation.md", strings.Replace(misinformation, "title: Misinformation", "title: Boom", 1),
			`error calling index: index out of range: 99 (making risks/misinformation/index.html)`},
		{"the page put back", "content/risks/misinformation.md", misinformation, ""},
		{"the template put back", "templates/page.html", string(page), ""},
	}
	for _, st := range steps {
		before := snapshot(live.Output())
		writeFile(t, dir, st.file, st.text)
		u, err := live.Update([]string{st.file})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.problem == "" {
			if u.Failed {
				t.Fatalf("%s: failed:\n%s", st.name, u.Problems)
			}
			continue
		}
		if !u.Failed || !strings.Contains(u.Problems.String(), st.problem) {
			t.Errorf("%s: failed = %v, problems:\n%s\nwant one with %q", st.name, u.Failed, u.Problems, st.problem)
		}
		if d := diffFiles(before, snapshot(live.Output())); d != "" {
			t.Errorf("%s: the failed update changed the output:\n%s", st.name, d)
		}
	}
	// Back where it began, the site is what a full build makes.
	if _, err := live.Finish(); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(t.TempDir(), "public")
	if res, err := Build(os.DirFS(dir), repo, want, false, Options{}); err != nil || !res.Written {
		t.Fatalf("build: %v %s", err, res.Problems)
	}
	if d := diffFiles(tree(t, want), snapshot(live.Output())); d != "" {
		t.Errorf("after the failures, the live site differs from a build:\n%s", d)
	}
}

// TestLiveMatchesBuild checks that serve's output, made in memory with
// its own ways of keeping search records and pages, is what kb build
// writes to disk for the same site, spooling as kb build does.
func TestLiveMatchesBuild(t *testing.T) {
	builtin := os.DirFS("../..")
	dir, _, live := startModel(t, builtin)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(os.DirFS(dir), builtin, out, false, Options{Spool: true})
	if err != nil || !res.Written {
		t.Fatalf("build: %v, written %v", err, res.Written)
	}
	built := map[string][]byte{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		built[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffFiles(built, snapshot(live.Output())); diff != "" {
		t.Errorf("serve's output differs from kb build's:\n%s", diff)
	}
}

// TestLiveKeepsErrorsItHad: a site served with errors (a link to a note
// not yet written) is still edited live; an edit fails only on an error
// it brings, in the file edited or elsewhere, and then changes nothing.
func TestLiveKeepsErrorsItHad(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/site", dir)
	const misinformation = "---\ntitle: Misinformation\ndomain: misinformation\n---\n\nFalse content at scale, see [[Note not yet written]].\n"
	writeFile(t, dir, "content/risks/misinformation.md", misinformation)
	live, problems, err := Start(os.DirFS(dir), repo, Options{})
	if err != nil || problems.Errors(false) != 1 {
		t.Fatalf("start: %v, want one error:\n%s", err, problems)
	}
	steps := []struct {
		name, file, text string
		fails            bool
	}{
		{"another page edited", "content/risks/deep-fakes.md", "---\ntitle: Deep fakes\ndomain: malicious-use\nrelated: [misinformation]\n---\n\nSynthetic media that [[China]] regulates, edited.\n", false},
		{"the page with the error, a line added above it", "content/risks/misinformation.md", strings.Replace(misinformation, "\n\nFalse", "\n\nA line.\n\nFalse", 1), false},
		{"a page named like the missing note, which changes its hint", "content/risks/note-not-yet.md", "---\ntitle: Note not yet\ndomain: misinformation\n---\n", false},
		{"a second broken link in that page", "content/risks/misinformation.md", misinformation + "\nAnd [[Another missing note]].\n", true},
		{"a broken relation elsewhere", "content/risks/deep-fakes.md", "---\ntitle: Deep fakes\ndomain: malicious-use\nrelated: [nothing-by-that-name]\n---\n", true},
		{"the first edit again", "content/risks/deep-fakes.md", "---\ntitle: Deep fakes\ndomain: malicious-use\nrelated: [misinformation]\n---\n\nSynthetic media, edited again.\n", false},
	}
	for _, st := range steps {
		before := snapshot(live.Output())
		prev, _ := os.ReadFile(filepath.Join(dir, st.file)) // nothing, for a new page
		writeFile(t, dir, st.file, st.text)
		u, err := live.Update([]string{st.file})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if u.Failed != st.fails {
			t.Fatalf("%s: failed = %v, want %v; problems:\n%s", st.name, u.Failed, st.fails, u.Problems)
		}
		if changed := !equalFiles(before, snapshot(live.Output())); changed == st.fails {
			t.Errorf("%s: output changed = %v, want %v", st.name, changed, !st.fails)
		}
		if st.fails {
			// Put back, so that the next step starts from a good state: the
			// failed file is tried again with the next update.
			writeFile(t, dir, st.file, string(prev))
		}
	}
}

func TestBringsErrors(t *testing.T) {
	e := func(path string, line int, msg string) diag.Problem {
		return diag.Problem{Path: path, Pos: diag.Pos{Line: line}, Severity: diag.Error, Message: msg}
	}
	w := func(path, msg string) diag.Problem {
		return diag.Problem{Path: path, Severity: diag.Warning, Message: msg}
	}
	broken := `link [[x]]: no page matches "x" (did you mean "xi"?)`
	tests := []struct {
		name          string
		before, after diag.List
		want          bool
	}{
		{"none", nil, nil, false},
		{"a new error", nil, diag.List{e("a.md", 3, "bad")}, true},
		{"a warning", nil, diag.List{w("a.md", "meh")}, false},
		{"the same error", diag.List{e("a.md", 3, broken)}, diag.List{e("a.md", 3, broken)}, false},
		{"moved down", diag.List{e("a.md", 3, broken)}, diag.List{e("a.md", 9, broken)}, false},
		{"another hint", diag.List{e("a.md", 3, broken)}, diag.List{e("a.md", 3, `link [[x]]: no page matches "x" (did you mean "xu"?)`)}, false},
		{"a hint where there was none", diag.List{e("a.md", 3, `link [[x]]: no page matches "x"`)}, diag.List{e("a.md", 3, broken)}, false},
		{"in another file", diag.List{e("a.md", 3, broken)}, diag.List{e("b.md", 3, broken)}, true},
		{"once more", diag.List{e("a.md", 3, broken)}, diag.List{e("a.md", 3, broken), e("a.md", 4, broken)}, true},
		{"one fixed", diag.List{e("a.md", 3, broken), e("b.md", 1, "bad")}, diag.List{e("b.md", 1, "bad")}, false},
	}
	for _, tt := range tests {
		if got := bringsErrors(tt.before, tt.after); got != tt.want {
			t.Errorf("%s: bringsErrors = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLiveFolderMoved: a folder moved away (the watcher names the folder
// alone) takes its pages, nested ones and attachments with it, and moved
// back (the folder and every file in it) brings them back, as a full
// build of the site as it is then.
func TestLiveFolderMoved(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/site", dir)
	files := map[string]string{
		"content/notes/a.md":        "---\ntitle: Note A\ntags: [notes]\n---\n\nSee [[Note B]] and [[Nested note]].\n",
		"content/notes/b.md":        "---\ntitle: Note B\ndate: 2024-05-01\n---\n\nBack to [[Note A]].\n",
		"content/notes/deep/c.md":   "---\ntitle: Nested note\n---\n\n![[picture.png]]\n",
		"content/notes/picture.png": "not really a picture",
	}
	for p, text := range files {
		writeFile(t, dir, p, text)
	}
	live, problems, err := Start(os.DirFS(dir), repo, Options{})
	if err != nil || problems.Errors(false) > 0 {
		t.Fatalf("start: %v\n%s", err, problems)
	}
	check := func(step string) {
		t.Helper()
		if diff := againstFullBuild(t, step, live, dir, repo); diff != "" {
			t.Errorf("%s: the output differs from a full build:\n%s", step, diff)
		}
	}
	away := filepath.Join(t.TempDir(), "notes")
	must(t, os.Rename(filepath.Join(dir, "content/notes"), away))
	if u, err := live.Update([]string{"content/notes"}); err != nil || u.Failed {
		t.Fatalf("moved away: %v\n%s", err, u.Problems)
	}
	if _, ok := live.Output().Get("notes/a/index.html"); ok {
		t.Error("moved away: notes/a is still served")
	}
	check("moved away")
	must(t, os.Rename(away, filepath.Join(dir, "content/notes")))
	back := []string{"content/notes", "content/notes/deep"}
	for p := range files {
		back = append(back, p)
	}
	if u, err := live.Update(back); err != nil || u.Failed {
		t.Fatalf("moved back: %v\n%s", err, u.Problems)
	}
	if _, ok := live.Output().Get("notes/deep/c/index.html"); !ok {
		t.Error("moved back: notes/deep/c is not served")
	}
	check("moved back")
}

// TestLiveSavedAsItWas: a page saved with the bytes it had, which an
// editor or a checkout writing a file in two steps makes the watcher
// name again, changes nothing and is not linked again; nor is a page put
// back as it was after a save that failed.
func TestLiveSavedAsItWas(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/site", dir)
	live, problems, err := Start(os.DirFS(dir), repo, Options{})
	if err != nil || problems.Errors(false) > 0 {
		t.Fatalf("start: %v\n%s", err, problems)
	}
	const page = "content/risks/deep-fakes.md"
	text, err := os.ReadFile(filepath.Join(dir, page))
	must(t, err)
	before, graph := snapshot(live.Output()), live.site.graph
	for _, st := range []struct {
		name, text string
		fails      bool
	}{
		{"saved as it was", string(text), false},
		{"broken", "---\ntitle: [unclosed\n---\n", true},
		{"put back", string(text), false},
	} {
		writeFile(t, dir, page, st.text)
		u, err := live.Update([]string{page})
		if err != nil || u.Failed != st.fails {
			t.Fatalf("%s: %v, failed %v, want %v:\n%s", st.name, err, u.Failed, st.fails, u.Problems)
		}
		if st.fails {
			continue
		}
		if u.Pages != 0 || len(u.Changed) != 0 || u.Problems.String() != problems.String() {
			t.Errorf("%s: %d pages, changed %q, problems:\n%s\nwant none, and:\n%s", st.name, u.Pages, u.Changed, u.Problems, problems)
		}
		if live.site.graph != graph {
			t.Errorf("%s: the site was linked again", st.name)
		}
		if !equalFiles(before, snapshot(live.Output())) {
			t.Errorf("%s: the output changed", st.name)
		}
		if len(live.pending) != 0 {
			t.Errorf("%s: files still pending: %v", st.name, live.pending)
		}
	}
}
