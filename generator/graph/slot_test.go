package graph

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// checkSlots reports every slot of g that does not name the page its id
// names: a node's own, and those its edges, targets and backlinks carry.
func checkSlots(t *testing.T, g *Graph, when string) {
	t.Helper()
	same := func(what string, slot int32, id string) {
		t.Helper()
		if slot < 0 || int(slot) >= g.Slots() || g.At(slot) == nil || g.At(slot).ID != id {
			t.Errorf("%s: %s: slot %d is not %s", when, what, slot, id)
		}
	}
	for id, n := range g.nodes {
		same("node", n.Slot, id)
		if g.At(n.Slot) != n || g.ID(n.Slot) != id {
			t.Errorf("%s: At(%d) is not the node of %s, or ID(%d) = %q", when, n.Slot, id, n.Slot, g.ID(n.Slot))
		}
		published := func(what string, slot int32) {
			t.Helper()
			if slot < 0 || int(slot) >= g.Slots() || g.At(slot) == nil || !g.At(slot).Published {
				t.Errorf("%s: %s %s: slot %d holds no published page", when, id, what, slot)
			}
		}
		for _, e := range append(slices.Clone(n.Out), n.In...) {
			published("edge", e.To)
		}
		for _, b := range n.Backlinks {
			published("backlink", b.From)
		}
		for _, l := range n.Links {
			if l.State == Resolved || l.State == Unpublished {
				same(id+" link", l.Slot, l.Page)
			}
		}
		if n.Published {
			var ids []string
			for _, e := range append(slices.Clone(n.Out), n.In...) {
				ids = append(ids, g.ID(e.To))
			}
			slices.Sort(ids)
			if got, want := g.Related(n), slices.Compact(ids); !slices.Equal(got, want) {
				t.Errorf("%s: %s: related %q, want %q", when, id, got, want)
			}
		}
	}
	if len(g.idSlots) != len(g.ids) {
		t.Errorf("%s: %d ids, %d slots in id order", when, len(g.ids), len(g.idSlots))
	}
	for i, id := range g.IDs() {
		if i < len(g.idSlots) && (g.Nth(i) == nil || g.Nth(i).ID != id) {
			t.Errorf("%s: Nth(%d) is not the page of %s", when, i, id)
		}
	}
	for _, n := range []*Node{g.Home, g.Sections["notes"]} {
		if n != nil && n.Slot != -1 {
			t.Errorf("%s: %s has slot %d, want -1", when, n.Path, n.Slot)
		}
	}
}

// TestSlots: a build numbers its regular pages in id order; an update
// keeps each id's slot, empties a deleted page's, gives a new id the next
// one, and a page that comes back its old one; every edge, target and
// backlink carries the slot of the page its id names.
func TestSlots(t *testing.T) {
	files := with(site,
		"content/index.md", "Home: see [[China]].\n",
		"content/notes/_index.md", "Notes, on [[Belgium]].\n",
		"content/initiatives/x.md", "---\ntitle: X\nkind: law\nproposed_by: china\naddresses: deep-fakes\n---\nSee [[Belgium]] and [[Secret]].\n",
	)
	g := build(t, files, nil, Options{Live: true})
	checkSlots(t, g, "build")
	var ids []string
	for s := range int32(g.Slots()) {
		ids = append(ids, g.At(s).ID)
	}
	if !slices.IsSorted(ids) || len(ids) != len(g.nodes) {
		t.Errorf("a build's slots: %q, want every page's id in order", ids)
	}
	slotOf := func(g *Graph, id string) int32 { return g.Node(id).Slot }
	china, belgium, x := slotOf(g, "participants/china"), slotOf(g, "participants/belgium"), slotOf(g, "initiatives/x")

	// Delete Belgium, add a page that relates to China and links to X, and
	// edit X to link to the new page.
	newPage := parsePage(t, "content/initiatives/a-new.md", "---\ntitle: A new\nkind: law\nproposed_by: china\n---\nAfter [[X]].\n")
	editedX := parsePage(t, "content/initiatives/x.md", "---\ntitle: X\nkind: law\nproposed_by: china\n---\nSee [[A new]].\n")
	u, ok := g.Update([]Change{
		{Old: g.Node("participants/belgium").Page},
		{New: newPage},
		{Old: g.Node("initiatives/x").Page, New: editedX},
	})
	if !ok {
		t.Fatal("the update asked for a full build")
	}
	checkSlots(t, u, "update")
	if u.At(belgium) != nil || u.Node("participants/belgium") != nil {
		t.Errorf("Belgium's slot %d still holds %v", belgium, u.At(belgium))
	}
	if got := slotOf(u, "initiatives/a-new"); got != int32(g.Slots()) {
		t.Errorf("the new page's slot is %d, want %d", got, g.Slots())
	}
	if slotOf(u, "participants/china") != china || slotOf(u, "initiatives/x") != x {
		t.Errorf("kept pages changed slots: china %d -> %d, x %d -> %d", china, slotOf(u, "participants/china"), x, slotOf(u, "initiatives/x"))
	}
	// The new page sorts before pages with higher slots: China's related
	// pages stay in id order.
	if got := u.Related(u.Node("participants/china")); !slices.IsSorted(got) || !slices.Contains(got, "initiatives/a-new") {
		t.Errorf("China's related pages %q, want sorted, with initiatives/a-new", got)
	}
	if g.At(belgium) == nil || g.At(belgium).ID != "participants/belgium" {
		t.Error("the update changed the graph it was made from")
	}

	// Belgium comes back, in its old slot.
	back := parsePage(t, "content/participants/belgium.md", files["content/participants/belgium.md"])
	again, ok := u.Update([]Change{{New: back}})
	if !ok {
		t.Fatal("the second update asked for a full build")
	}
	checkSlots(t, again, "second update")
	if got := slotOf(again, "participants/belgium"); got != belgium {
		t.Errorf("Belgium came back in slot %d, want %d", got, belgium)
	}
	if n := again.Node("notes/nodejs"); n == nil || !strings.HasPrefix(n.Path, "content/notes/") {
		t.Error("an untouched page was lost")
	}

	// A new page named as China is, in the last slot though its id sorts
	// first: the home page's [[China]] now matches both, listed in id
	// order, and resolves again once the page is gone.
	twin := parsePage(t, "content/events/china.md", "---\ntitle: China\ndate: 2025-01-01\n---\n")
	third, ok := again.Update([]Change{{New: twin}})
	if !ok {
		t.Fatal("the third update asked for a full build")
	}
	checkSlots(t, third, "third update")
	if third.Node("events/china").Slot <= china {
		t.Fatalf("events/china got slot %d, not one after China's %d", third.Node("events/china").Slot, china)
	}
	want := `"China" matches 2 pages: events/china, participants/china; write the id to choose`
	if got := third.Problems.String(); !strings.Contains(got, want) {
		t.Errorf("problems after the twin came:\n%s\nwant one saying %s", got, want)
	}
	fourth, ok := third.Update([]Change{{Old: twin}})
	if !ok {
		t.Fatal("the fourth update asked for a full build")
	}
	checkSlots(t, fourth, "fourth update")
	if got := fourth.Home.Links[0]; got.State != Resolved || got.Page != "participants/china" {
		t.Errorf("after the twin went, the home page's link is %+v, want participants/china", got)
	}
}

// updateFile updates g for one file of content/ written with text, or
// deleted when text is "", and returns the new graph and the site's files
// as they now are (files itself is left as it was).
func updateFile(t *testing.T, g *Graph, files map[string]string, path, text string) (*Graph, map[string]string) {
	t.Helper()
	files = maps.Clone(files)
	u, ok := g.Update([]Change{change(t, g, files, path, text)})
	if !ok {
		t.Fatalf("%s: the update asked for a full build", path)
	}
	return u, files
}

// TestUpdateOffersABatch checks the answers of suggest after updates of
// several pages at once, which offer their names together: pages that
// come, a page renamed and pages that go, some with the names the answers
// were, some nearer.
func TestUpdateOffersABatch(t *testing.T) {
	files := map[string]string{
		"content/participants/china.md":  "---\ntitle: China\nkind: country\n---\n",
		"content/participants/frence.md": "---\ntitle: Frence\nkind: country\n---\n",
		"content/initiatives/a.md":       "---\nkind: law\n---\nSee [[Chnia]], [[Belgum]], [[Frnce]], [[Germny]] and [[Itly]].\n",
	}
	g := build(t, files, nil, Options{Live: true, WarnBrokenLinks: true})
	batches := []map[string]string{
		{ // Belgium and a nearer France come, with a page named as far as Frence
			"content/participants/belgium.md": "---\ntitle: Belgium\nkind: country\n---\n",
			"content/participants/france.md":  "---\ntitle: France\nkind: country\n---\n",
			"content/participants/frnace.md":  "---\ntitle: Frnace\nkind: country\n---\n",
		},
		{ // Frence goes as Germany comes; China is renamed Italy
			"content/participants/frence.md":  "",
			"content/participants/germany.md": "---\ntitle: Germany\nkind: country\n---\n",
			"content/participants/china.md":   "---\ntitle: Italy\nkind: country\n---\n",
		},
		{ // France goes, and a page takes its name
			"content/participants/france.md": "",
			"content/participants/other.md":  "---\ntitle: France\nkind: country\n---\n",
		},
	}
	for i, batch := range batches {
		var changes []Change
		files = maps.Clone(files)
		for path, text := range batch {
			changes = append(changes, change(t, g, files, path, text))
		}
		u, ok := g.Update(changes)
		if !ok {
			t.Fatalf("batch %d: the update asked for a full build", i)
		}
		want := build(t, files, nil, Options{Live: true, WarnBrokenLinks: true})
		if got, want := u.Problems.String(), want.Problems.String(); got != want {
			t.Errorf("batch %d: problems:\n%s\nwant:\n%s", i, got, want)
		}
		g = u
	}
}

// fileStep is a step of an update test: the file at path changed to
// text, or deleted when text is "".
type fileStep struct {
	name, path, text string
}

// change is the change of the file at path to text ("" deletes it) in a
// site of g, made in files too.
func change(t *testing.T, g *Graph, files map[string]string, path, text string) Change {
	t.Helper()
	var c Change
	if n := g.Node(strings.TrimSuffix(strings.TrimPrefix(path, "content/"), ".md")); n != nil {
		c.Old = n.Page
	}
	if text == "" {
		delete(files, path)
	} else {
		files[path] = text
		c.New = parsePage(t, path, text)
	}
	return c
}

// summary writes what a graph holds of each page by id, not slot: its
// edges both ways, backlinks, links and related pages, and which pages
// write each name, for a graph an update made to be compared with one a
// build makes of the same files.
func summary(g *Graph) map[string]string {
	out := map[string]string{}
	for id, n := range g.nodes {
		var b strings.Builder
		for _, e := range n.Out {
			b.WriteString("out " + e.Relation.Name + " " + g.ID(e.To) + "\n")
		}
		for _, e := range n.In {
			b.WriteString("in " + e.Relation.Name + " " + g.ID(e.To) + "\n")
		}
		for _, bl := range n.Backlinks {
			fmt.Fprintf(&b, "backlink %s %d %d-%d\n", g.ID(bl.From), bl.Link, bl.Start, bl.End)
		}
		for _, l := range n.Links {
			fmt.Fprintf(&b, "link %s %s %v\n", l.Page, l.Anchor, l.State)
		}
		fmt.Fprintf(&b, "related %q\n", g.Related(n))
		out[id] = b.String()
	}
	for k, ids := range g.mentions {
		if len(ids) > 0 {
			out["mentions "+k] = strings.Join(ids, " ")
		}
	}
	return out
}

// TestUpdateAroundAHub: edits to a page that many pages relate to, link
// to and name, and to pages around it, leave the graph a build of the
// same files makes, with the same problems. The update takes back what
// the hub's neighbours gave in one pass over each list (withdraw,
// addMentions), and relinks them only when the hub's edit changes what
// they find of it (foundAsBefore).
func TestUpdateAroundAHub(t *testing.T) {
	files := map[string]string{"content/participants/hub.md": "---\ntitle: Hub\nkind: country\n---\n## History\n"}
	for i := range 150 {
		files[fmt.Sprintf("content/initiatives/t%03d.md", i)] = fmt.Sprintf("---\nkind: treaty\nparties: [hub]\n---\nSigned by [[Hub]], see [[hub#History]] and [[t%03d]].\n", (i+1)%150)
	}
	g := build(t, files, nil, Options{Live: true})
	edits := []fileStep{
		{"the hub's body", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## History\n\nEdited.\n"},
		{"the hub's heading", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## Past\n"},
		{"the heading back", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## History\n"},
		{"the hub a draft", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\ndraft: true\n---\n## History\n"},
		{"the hub published", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## History\n"},
		{"a block id", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## History\n\nA claim. ^claim\n"},
		{"a link to it", "content/initiatives/t003.md", "---\nkind: treaty\nparties: [hub]\n---\nSee [[hub#^claim]] and [[hub#^clam]].\n"},
		{"the block id gone", "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\n## History\n\nA claim.\n"},
		{"the hub's title", "content/participants/hub.md", "---\ntitle: Hub Land\nkind: country\naliases: [Hub]\n---\n## History\n"},
		{"a neighbour", "content/initiatives/t007.md", "---\nkind: treaty\n---\nNo longer a party to [[Hub]].\n"},
		{"a neighbour deleted", "content/initiatives/t042.md", ""},
		{"a new neighbour", "content/initiatives/t999.md", "---\nkind: treaty\nparties: [hub]\n---\nAlso [[Hub]].\n"},
	}
	for _, e := range edits {
		var u *Graph
		u, files = updateFile(t, g, files, e.path, e.text)
		checkSlots(t, u, e.name)
		got, want := summary(u), summary(build(t, files, nil, Options{Live: true}))
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if got[k] != want[k] {
				t.Errorf("%s: %s:\n%s\nwant\n%s", e.name, k, got[k], want[k])
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s: %s, which a build does not have", e.name, k, got[k])
			}
		}
		if got, want := u.Problems.String(), build(t, files, nil, Options{Live: true}).Problems.String(); got != want {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", e.name, got, want)
		}
		if e.name == "the hub's body" && u.Node("initiatives/t001") != g.Node("initiatives/t001") {
			t.Errorf("%s: a page linking to the hub was relinked, though it finds the hub as before", e.name)
		}
		g = u
	}
}

// TestUpdateKeepsSuggestions: the "did you mean" of broken links and
// relations after pages come, go and are renamed is what a build of the
// same files says; an update brings the answers it kept up to date
// (names.offer, names.forget) rather than seeking them all again.
func TestUpdateKeepsSuggestions(t *testing.T) {
	files := map[string]string{
		"content/participants/china.md": "---\ntitle: China\nkind: country\n---\n",
		"content/initiatives/a.md":      "---\nkind: law\nproposed_by: chnia\n---\nSee [[Chnia]], [[Belgum]], [[Zzzz]] and [[Frnce]].\n",
		"content/initiatives/b.md":      "---\nkind: law\n---\nAlso [[Belgum]].\n",
	}
	g := build(t, files, nil, Options{Live: true, WarnBrokenLinks: true})
	steps := []fileStep{
		{"Belgium comes", "content/participants/belgium.md", "---\ntitle: Belgium\nkind: country\n---\n"},
		{"a nearer China comes", "content/participants/chinia.md", "---\ntitle: Chinia\nkind: country\n---\n"},
		{"it is renamed", "content/participants/chinia.md", "---\ntitle: Far Away\nkind: country\n---\n"},
		{"France comes as an event", "content/events/france.md", "---\ntitle: France\ndate: 2025-01-01\n---\n"},
		{"Belgium goes", "content/participants/belgium.md", ""},
		{"China goes", "content/participants/china.md", ""},
	}
	for _, st := range steps {
		var u *Graph
		u, files = updateFile(t, g, files, st.path, st.text)
		want := build(t, files, nil, Options{Live: true, WarnBrokenLinks: true})
		if got, want := u.Problems.String(), want.Problems.String(); got != want {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", st.name, got, want)
		}
		g = u
	}
}

// TestFoundAsBefore: which edits leave what other pages' links and
// relations find of a page as it was, so that its neighbours are not
// relinked.
func TestFoundAsBefore(t *testing.T) {
	const path = "content/participants/hub.md"
	const hub = "---\ntitle: Hub\nkind: country\n---\n## History\n\nA claim. ^claim\n"
	tests := []struct {
		name     string
		old, new string // "" for no page
		path     string // the new version's, when not path
		want     bool
	}{
		{"text edited", hub, hub + "\nMore text, a [[link]].\n", "", true},
		{"a field changed", hub, strings.Replace(hub, "country", "bloc", 1), "", true},
		{"the same", hub, hub, "", true},
		{"a heading renamed", hub, strings.Replace(hub, "History", "Past", 1), "", false},
		{"a heading's level", hub, strings.Replace(hub, "## History", "### History", 1), "", false},
		{"a heading added", hub, hub + "\n## More\n", "", false},
		{"a block id gone", hub, strings.Replace(hub, " ^claim", "", 1), "", false},
		{"retitled", hub, strings.Replace(hub, "title: Hub", "title: Hub Land", 1), "", false},
		{"an alias", hub, strings.Replace(hub, "kind:", "aliases: [H]\nkind:", 1), "", false},
		{"a draft", hub, strings.Replace(hub, "kind:", "draft: true\nkind:", 1), "", false},
		{"moved, its id kept by a slug field", strings.Replace(hub, "kind:", "slug: hub\nkind:", 1), strings.Replace(hub, "kind:", "slug: hub\nkind:", 1), "content/participants/hub-land.md", false},
		{"new", "", hub, "", false},
		{"deleted", hub, "", "", false},
		{"the home page's text", "Home.\n", "Home, edited.\n", "content/index.md", false},
	}
	for _, tt := range tests {
		var c Change
		oldPath, newPath := path, path
		if tt.path != "" {
			newPath = tt.path
			if tt.path == "content/index.md" {
				oldPath = tt.path
			}
		}
		if tt.old != "" {
			c.Old = parsePage(t, oldPath, tt.old)
		}
		if tt.new != "" {
			c.New = parsePage(t, newPath, tt.new)
		}
		if c.Old != nil && c.New != nil && c.Old.ID != c.New.ID {
			t.Fatalf("%s: ids %s and %s, want one page", tt.name, c.Old.ID, c.New.ID)
		}
		if got := foundAsBefore(c); got != tt.want {
			t.Errorf("%s: foundAsBefore = %v, want %v", tt.name, got, tt.want)
		}
	}
}
