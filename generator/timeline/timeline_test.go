package timeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/schema"
)

// meta checks the page at path against the built-in schema; warnings
// (unknown fields) are allowed.
func meta(t *testing.T, path, src string) (*schema.Type, *schema.Meta) {
	t.Helper()
	p, problems := content.Parse(path, []byte(src))
	s := schema.Builtin()
	m, ps := s.Validate(p)
	problems.Add(ps...)
	if problems.Errors(false) > 0 {
		t.Fatalf("%s: %s", path, problems)
	}
	return s.TypeOfFolder(p.Section), m
}

// entryString writes an entry on one line: "2024-08-01 EU AI Act: in force (field 5)".
func entryString(e Entry) string {
	s := e.Date.String()
	if !e.End.IsZero() {
		s += ".." + e.End.String()
	}
	return fmt.Sprintf("%s %s [%s %s %d]", s, e.Label(), e.Type, [...]string{"date", "field", "milestone"}[e.Source], e.Order)
}

func entryStrings(entries []Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, entryString(e))
	}
	return out
}

func TestOf(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []string
	}{
		{"no dates", "content/notes/x.md", "---\ntitle: X\n---\n", nil},
		{"page date", "content/notes/x.md", "---\ntitle: X\ndate: 2024-05-06\n---\n",
			[]string{"2024-05-06 X [page date 0]"}},
		{"partial page date", "content/notes/x.md", "---\ntitle: X\ndate: 2024\n---\n",
			[]string{"2024 X [page date 0]"}},
		{"event span", "content/events/summit.md", "---\ntitle: Paris summit\ndate: 2025-02-10\nend: 2025-02-11\n---\n",
			[]string{"2025-02-10..2025-02-11 Paris summit [event date 0]"}},
		{"event without end", "content/events/summit.md", "---\ntitle: Summit\ndate: 2025-02\n---\n",
			[]string{"2025-02 Summit [event date 0]"}},
		{"typed timeline fields", "content/initiatives/act.md",
			"---\ntitle: EU AI Act\nkind: regulation\nstatus: in-force\nannounced: 2021-04-21\nadopted: 2024-06-13\nin_force: 2024-08-01\n---\n",
			[]string{
				"2021-04-21 EU AI Act: announced [initiative field 2]",
				"2024-06-13 EU AI Act: adopted [initiative field 3]",
				"2024-08-01 EU AI Act: in force [initiative field 4]",
			}},
		{"a field on the page date replaces the bare date", "content/initiatives/act.md",
			"---\ntitle: EU AI Act\ndate: 2024-06-13\nkind: regulation\nadopted: 2024-06-13\nin_force: 2024-08-01\n---\n",
			[]string{
				"2024-06-13 EU AI Act: adopted [initiative field 1]",
				"2024-08-01 EU AI Act: in force [initiative field 2]",
			}},
		{"a field on another day keeps the bare date", "content/initiatives/act.md",
			"---\ntitle: EU AI Act\ndate: 2024-06\nkind: regulation\nadopted: 2024-06-13\n---\n",
			[]string{
				"2024-06 EU AI Act [initiative date 0]",
				"2024-06-13 EU AI Act: adopted [initiative field 1]",
			}},
		{"milestones with and without end", "content/initiatives/act.md",
			"---\ntitle: EU AI Act\nkind: regulation\ntimeline:\n  - {date: 2025-02-02, title: prohibitions apply}\n  - {date: 2025-08, title: staged application, end: 2027-08}\n---\n",
			[]string{
				"2025-02-02 EU AI Act: prohibitions apply [initiative milestone 0]",
				"2025-08..2027-08 EU AI Act: staged application [initiative milestone 1]",
			}},
		{"everything at once", "content/initiatives/act.md",
			"---\ntitle: A\ndate: 2023\nkind: law\nadopted: 2024\nunknown_date: 2022\ntimeline:\n  - {date: 2025, title: m}\n---\n",
			[]string{"2023 A [initiative date 0]", "2024 A: adopted [initiative field 1]", "2025 A: m [initiative milestone 0]"}},
		{"oldest first, whatever the source", "content/initiatives/act.md",
			"---\ntitle: A\ndate: 2024-03\nkind: law\nadopted: 2023-01-05\ntimeline:\n  - {date: 2026, title: review}\n  - {date: 2022-12, title: draft}\n---\n",
			[]string{"2022-12 A: draft [initiative milestone 1]", "2023-01-05 A: adopted [initiative field 1]", "2024-03 A [initiative date 0]", "2026 A: review [initiative milestone 0]"}},
		{"plain page milestones", "content/notes/x.md",
			"---\ntitle: Notes\ntimeline:\n  - {date: 2024-01, title: started}\n---\n",
			[]string{"2024-01 Notes: started [page milestone 0]"}},
	}
	for _, tt := range tests {
		typ, m := meta(t, tt.path, tt.src)
		title := strings.TrimPrefix(strings.SplitN(tt.src, "\n", 3)[1], "title: ")
		got := entryStrings(Of("x", title, typ, m))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: entries:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestOfKeepsPageAndType(t *testing.T) {
	typ, m := meta(t, "content/events/summit.md", "---\ndate: 2025-02-10\n---\n")
	for _, e := range Of("events/summit", "Summit", typ, m) {
		if e.Page != "events/summit" || e.Type != "event" || e.Title != "Summit" {
			t.Errorf("entry %+v", e)
		}
	}
	// Without a type, typed fields do not count, even if the Meta has them.
	_, m = meta(t, "content/initiatives/act.md", "---\nkind: law\nadopted: 2024\n---\n")
	if got := Of("x", "X", nil, m); len(got) != 0 {
		t.Errorf("Of without a type = %v", entryStrings(got))
	}
}

func TestEntry(t *testing.T) {
	d := func(y, m, day int) schema.Date { return schema.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		e     Entry
		label string
		span  bool
	}{
		{Entry{Title: "EU AI Act", What: "in force", Date: d(2024, 8, 1)}, "EU AI Act: in force", false},
		{Entry{Title: "Paris summit", Date: d(2025, 2, 10), End: d(2025, 2, 11)}, "Paris summit", true},
		{Entry{Title: "One day", Date: d(2025, 2, 10), End: d(2025, 2, 10)}, "One day", false},
	}
	for _, tt := range tests {
		if got := tt.e.Label(); got != tt.label {
			t.Errorf("Label() = %q, want %q", got, tt.label)
		}
		if got := tt.e.IsSpan(); got != tt.span {
			t.Errorf("%q: IsSpan() = %v, want %v", tt.label, got, tt.span)
		}
	}
}

func TestCompareAndSort(t *testing.T) {
	d := func(y, m, day int) schema.Date { return schema.Date{Year: y, Month: m, Day: day} }
	entries := []Entry{
		{Page: "b", Title: "Beta", Date: d(2024, 5, 1), Source: FromMilestone, Order: 1, What: "m1"},
		{Page: "b", Title: "Beta", Date: d(2024, 5, 1), Source: FromMilestone, Order: 0, What: "m0"},
		{Page: "b", Title: "Beta", Date: d(2024, 5, 1), Source: FromField, Order: 3, What: "adopted"},
		{Page: "b", Title: "Beta", Date: d(2024, 5, 1), Source: FromDate},
		{Page: "a2", Title: "Alpha", Date: d(2024, 5, 1)},
		{Page: "a1", Title: "Alpha", Date: d(2024, 5, 1)},
		{Page: "z", Title: "Zulu", Date: d(2024, 5, 0)},
		{Page: "y", Title: "Yankee", Date: d(2024, 0, 0)},
		{Page: "c", Title: "Charlie", Date: d(2023, 12, 31)},
	}
	want := []string{
		"c Charlie", // the oldest first
		"y Yankee",  // a year before its months
		"z Zulu",    // a month before its days
		"a1 Alpha",  // one day: by title, then by id
		"a2 Alpha",
		"b Beta",          // one page on one day: its date,
		"b Beta: adopted", // then its fields,
		"b Beta: m0",      // then its milestones in order
		"b Beta: m1",
	}
	got := slices.Clone(entries)
	Sort(got)
	var ids []string
	for _, e := range got {
		ids = append(ids, e.Page+" "+e.Label())
	}
	if !slices.Equal(ids, want) {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(ids, "\n"), strings.Join(want, "\n"))
	}
	// Any order in, the same order out.
	reversed := slices.Clone(entries)
	slices.Reverse(reversed)
	Sort(reversed)
	if !slices.Equal(reversed, got) {
		t.Errorf("Sort depends on the order it is given")
	}
}

// TestOfLeavesNoTies: Sort is not stable, which is safe only because no
// two entries of a site compare equal. Entries of different pages differ
// in Page; Of must give one page's entries, on one day with every source
// at once, each a Source and Order of its own.
func TestOfLeavesNoTies(t *testing.T) {
	typ, m := meta(t, "content/initiatives/act.md", "---\ntitle: A\ndate: 2024-06-13\nend: 2024-06-13\nkind: law\n"+
		"announced: 2024-06-13\nadopted: 2024-06-13\nin_force: 2024-06-13\ntimeline:\n"+
		"  - {date: 2024-06-13, title: same}\n  - {date: 2024-06-13, title: same}\n  - {date: 2024-06-13, title: other, end: 2024-06-13}\n---\n")
	entries := Of("initiatives/act", "A", typ, m)
	if len(entries) < 5 {
		t.Fatalf("Of gave %d entries, want the fields and milestones: %q", len(entries), entryStrings(entries))
	}
	for i, a := range entries {
		for j, b := range entries {
			if i != j && Compare(a, b) == 0 {
				t.Errorf("entries %d and %d compare equal: %+v, %+v", i, j, a, b)
			}
		}
	}
}

func TestGroup(t *testing.T) {
	d := func(y, m, day int) schema.Date { return schema.Date{Year: y, Month: m, Day: day} }
	sorted := []Entry{
		{Title: "a", Date: d(2023, 11, 5)},
		{Title: "b", Date: d(2024, 0, 0)},
		{Title: "c", Date: d(2024, 0, 0)},
		{Title: "d", Date: d(2024, 3, 0)},
		{Title: "e", Date: d(2024, 3, 9)},
		{Title: "f", Date: d(2024, 7, 1)},
		{Title: "g", Date: d(2026, 1, 1)},
	}
	var got []string
	for _, y := range Group(sorted) {
		for _, m := range y.Months {
			var titles []string
			for _, e := range m.Entries {
				titles = append(titles, e.Title)
			}
			got = append(got, fmt.Sprintf("%d/%d: %s", y.Year, m.Month, strings.Join(titles, " ")))
		}
	}
	want := []string{"2023/11: a", "2024/0: b c", "2024/3: d e", "2024/7: f", "2026/1: g"}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if years := Group(sorted); len(years) != 3 || years[1].Year != 2024 || len(years[1].Months) != 3 {
		t.Errorf("Group: %d years", len(years))
	}
	if got := Group(nil); got != nil {
		t.Errorf("Group(nil) = %v", got)
	}
}
