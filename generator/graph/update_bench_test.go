package graph

import (
	"fmt"
	"testing"
)

// BenchmarkUpdateHub is a save of a page that n pages relate to, link to
// and name, every one of which the update relinks: each list the hub's
// neighbours added to is gone through once, so the time grows with n,
// where it grew with n squared (a 30,000-page hub: minutes).
func BenchmarkUpdateHub(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprintf("neighbours=%d", n), func(b *testing.B) {
			files := map[string]string{"content/participants/hub.md": "---\ntitle: Hub\nkind: country\n---\n"}
			for i := range n {
				files[fmt.Sprintf("content/initiatives/t%05d.md", i)] = "---\nkind: treaty\nparties: [hub]\n---\nSigned by [[Hub]].\n"
			}
			g := build(b, files, nil, Options{Live: true})
			old := g.Node("participants/hub").Page
			edited := parsePage(b, "content/participants/hub.md", "---\ntitle: Hub\nkind: country\n---\nEdited.\n")
			b.ResetTimer()
			for b.Loop() {
				if _, ok := g.Update([]Change{{Old: old, New: edited}}); !ok {
					b.Fatal("the update asked for a full build")
				}
			}
		})
	}
}
