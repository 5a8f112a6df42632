package graph

import (
	"fmt"
	"testing"
)

// BenchmarkUpdateHub is a save of a page that n pages relate to, link to
// and name. A new title relinks every one of them: each list the hub's
// neighbours added to is gone through once, so the time grows with n,
// where it grew with n squared (a 30,000-page hub: minutes). New text
// under the same headings leaves them as they were (foundAsBefore).
func BenchmarkUpdateHub(b *testing.B) {
	edits := []struct{ name, text string }{
		{"text", "---\ntitle: Hub\nkind: country\n---\nEdited.\n"},
		{"title", "---\ntitle: Hub Land\nkind: country\naliases: [Hub]\n---\n"},
	}
	for _, n := range []int{1000, 4000} {
		files := map[string]string{"content/participants/hub.md": "---\ntitle: Hub\nkind: country\n---\n"}
		for i := range n {
			files[fmt.Sprintf("content/initiatives/t%05d.md", i)] = "---\nkind: treaty\nparties: [hub]\n---\nSigned by [[Hub]].\n"
		}
		g := build(b, files, nil, Options{Live: true})
		old := g.Node("participants/hub").Page
		for _, e := range edits {
			b.Run(fmt.Sprintf("neighbours=%d/%s", n, e.name), func(b *testing.B) {
				edited := parsePage(b, "content/participants/hub.md", e.text)
				for b.Loop() {
					if _, ok := g.Update([]Change{{Old: old, New: edited}}); !ok {
						b.Fatal("the update asked for a full build")
					}
				}
			})
		}
	}
}
