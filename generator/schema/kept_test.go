package schema

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/kbgen/kb/generator/content"
)

// TestValidateKeeping validates many pages with one Kept and compares
// every Meta, once all are made, with what Validate gives: no page's
// Meta may have written over another's.
func TestValidateKeeping(t *testing.T) {
	s := Builtin()
	pages := []string{
		"---\ntitle: EU AI Act\ntags: [law, eu]\naliases: [AI Act]\ndate: 2024-08-01\nkind: law\nstatus: in-force\nbinding: true\nadopted: 2024-06-13\nparties: [European Union]\naddresses: [\"[[Deep fakes]]\", Machine hallucinations]\nsources:\n  - title: Regulation (EU) 2024/1689\n    url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj\n    date: 2024-07-12\ntimeline:\n  - date: 2025-02-02\n    title: Prohibitions apply\n---\nBody.\n",
		"---\ntitle: China\nkind: country\nrole: member\nextra: [a, b, c]\nmember_of: [BRICS]\n---\n",
		"---\ntitle: Broken\ndate: not a date\n---\n",
		"no front matter\n",
	}
	paths := []string{"content/initiatives/eu-ai-act.md", "content/participants/china.md", "content/risks/broken.md", "content/events/bare.md"}
	var k Kept
	var got, want []*Meta
	for round := range 300 {
		i := round % len(pages)
		p, _ := content.Parse(paths[i], []byte(pages[i]))
		w, wantProblems := s.Validate(p)
		g, gotProblems := s.ValidateKeeping(p, &k)
		if !reflect.DeepEqual(gotProblems, wantProblems) {
			t.Errorf("page %d: problems %v, want %v", i, gotProblems, wantProblems)
		}
		got, want = append(got, g), append(want, w)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("meta %d differs when kept:\n%+v\nwant %+v", i, got[i], want[i])
		}
	}
	if len(want[0].Values) == 0 || len(want[0].Sources) == 0 || len(want[0].Refs) == 0 || len(want[1].Values) == 0 {
		t.Fatalf("the test pages give no values, sources or refs to keep: %+v %+v", want[0], want[1])
	}
	// A kept list is capped: adding a tag to a page's Meta leaves the
	// next page's lists, which lie just after its tags, alone.
	next := fmt.Sprintf("%+v", *got[5])
	got[4].AddTags("added")
	if after := fmt.Sprintf("%+v", *got[5]); after != next || !slices.Contains(got[4].Tags, "added") {
		t.Errorf("after adding a tag to a page: its tags %v; the next page's Meta\n%s\nwas\n%s", got[4].Tags, after, next)
	}
}
