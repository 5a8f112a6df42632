package graph

import (
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
