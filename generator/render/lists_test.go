package render

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/schema"
)

func TestCompareLower(t *testing.T) {
	tests := []struct{ a, b string }{
		{"", ""},
		{"", "a"},
		{"a", "A"},
		{"Apple", "apple pie"},
		{"AI Act", "ai act"},
		{"Zeta", "alpha"},
		{"Éclair", "eclair"},
		{"éclair", "Éclairs"},
		{"\u212A", "k"},        // Kelvin sign lowers to k, in fewer bytes
		{"\u0130x", "iy"},      // İ lowers to i
		{"a\xffb", "a\uFFFDb"}, // invalid UTF-8 lowers to U+FFFD
		{"\xff", "\xfe"},
		{"straße", "STRASSE"},
	}
	for _, tt := range tests {
		for _, p := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			want := strings.Compare(strings.ToLower(p[0]), strings.ToLower(p[1]))
			if got := compareLower(p[0], p[1]); got != want {
				t.Errorf("compareLower(%q, %q) = %d, want %d", p[0], p[1], got, want)
			}
		}
	}
}

func FuzzCompareLower(f *testing.F) {
	f.Add("Apple", "apple pie")
	f.Add("\u212A", "k")
	f.Add("a\xffb", "A\uFFFDB")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

// TestNewest: newest picks what a stable sort, latest first, puts first,
// among dates with many ties and some missing.
func TestNewest(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for trial := range 200 {
		dates := make([]schema.Date, r.IntN(40))
		for i := range dates {
			if r.IntN(8) > 0 { // else the zero date: a page with none
				dates[i] = schema.Date{Year: 2020 + r.IntN(3), Month: r.IntN(3)}
			}
		}
		all := make([]int, len(dates))
		for i := range all {
			all[i] = i
		}
		slices.SortStableFunc(all, func(a, b int) int { return dates[b].Compare(dates[a]) })
		for _, n := range []int{0, 1, 3, len(dates), len(dates) + 2} {
			want := all[:min(n, len(all))]
			if got := newest(dates, n); !slices.Equal(got, want) {
				t.Fatalf("trial %d, n %d: newest %v, want %v (dates %v)", trial, n, got, want, dates)
			}
		}
	}
}

func TestShortID(t *testing.T) {
	tests := []struct{ folder, id, want string }{
		{"risks", "risks/deep-fakes", "deep-fakes"},
		{"risks", "risks/a/b", "a/b"},
		{"risks", "risksx/a", "risksx/a"},
		{"risks", "risks", "risks"},
		{"risks", "risks/", ""},
		{"risks", "events/risks", "events/risks"},
		{"", "a/b", "a/b"},
		{"", "/a", "a"},
	}
	for _, tt := range tests {
		want := strings.TrimPrefix(tt.id, tt.folder+"/")
		if want != tt.want {
			t.Fatalf("the table is wrong: TrimPrefix(%q, %q) = %q", tt.id, tt.folder+"/", want)
		}
		if got := shortID(tt.id, &schema.Type{Folder: tt.folder}); got != tt.want {
			t.Errorf("shortID(%q, folder %q) = %q, want %q", tt.id, tt.folder, got, tt.want)
		}
	}
}

// TestMonthRun: the timeline page sizes each month's entries by the run
// of lines, from the newest back, that share the month's year and month;
// a date known only to its year is a month of its own.
func TestMonthRun(t *testing.T) {
	var lines []*dayLine // oldest first, as allLines gives them
	for _, d := range []schema.Date{
		{Year: 2023}, {Year: 2024}, {Year: 2024}, {Year: 2024, Month: 3},
		{Year: 2024, Month: 3, Day: 5}, {Year: 2024, Month: 3, Day: 9}, {Year: 2024, Month: 11, Day: 1},
		{Year: 2025, Month: 3, Day: 1},
	} {
		lines = append(lines, &dayLine{day: d.Key()})
	}
	for _, tt := range []struct{ at, want int }{
		{7, 1}, // 2025-03: the year differs before it
		{6, 1}, // 2024-11
		{5, 3}, // 2024-03-09, 2024-03-05 and 2024-03
		{4, 2},
		{2, 2}, // 2024, twice
		{0, 1}, // 2023, the oldest
	} {
		if got := monthRun(lines, tt.at); got != tt.want {
			t.Errorf("monthRun(lines, %d) = %d, want %d", tt.at, got, tt.want)
		}
	}
}
