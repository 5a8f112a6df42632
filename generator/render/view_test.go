package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/timeline"
)

func TestDateRange(t *testing.T) {
	d := func(y, m, day int) schema.Date { return schema.Date{Year: y, Month: m, Day: day} }
	tests := []struct {
		name string
		a, b schema.Date
		want string
	}{
		{"one day", d(2025, 7, 26), schema.Date{}, "26 July 2025"},
		{"same day twice", d(2025, 7, 26), d(2025, 7, 26), "26 July 2025"},
		{"days of a month", d(2025, 7, 26), d(2025, 7, 28), "26–28 July 2025"},
		{"across months", d(2025, 7, 30), d(2025, 8, 2), "30 July 2025 – 2 August 2025"},
		{"months of a year", d(2025, 7, 0), d(2025, 9, 0), "July–September 2025"},
		{"across years", d(2024, 12, 0), d(2025, 1, 0), "December 2024 – January 2025"},
		{"years", d(2023, 0, 0), d(2025, 0, 0), "2023 – 2025"},
		{"day to month", d(2025, 7, 26), d(2025, 8, 0), "26 July 2025 – August 2025"},
		{"year only", d(2025, 0, 0), schema.Date{}, "2025"},
	}
	for _, tt := range tests {
		if got := dateRange(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: dateRange(%v, %v) = %q, want %q", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDayLines(t *testing.T) {
	d := func(y, m, day int) schema.Date { return schema.Date{Year: y, Month: m, Day: day} }
	field := func(date schema.Date, what string) timeline.Entry {
		return timeline.Entry{Date: date, What: what, Source: timeline.FromField}
	}
	milestone := func(date schema.Date, what string) timeline.Entry {
		return timeline.Entry{Date: date, What: what, Source: timeline.FromMilestone}
	}
	own := timeline.Entry{Date: d(2025, 7, 26), Source: timeline.FromDate}
	span := timeline.Entry{Date: d(2025, 7, 26), End: d(2025, 7, 28), Source: timeline.FromDate}
	tests := []struct {
		name    string
		entries []timeline.Entry
		want    []string
	}{
		{"none", nil, nil},
		{"days apart", []timeline.Entry{field(d(2025, 7, 1), "announced"), field(d(2025, 7, 26), "adopted")}, []string{"announced", "adopted"}},
		{"labels of one day", []timeline.Entry{field(d(2025, 7, 26), "announced"), field(d(2025, 7, 26), "adopted")}, []string{"announced, adopted"}},
		{"label then milestone", []timeline.Entry{field(d(2025, 7, 26), "adopted"), milestone(d(2025, 7, 26), "Released at WAIC")}, []string{"adopted; Released at WAIC"}},
		{"milestones of one day", []timeline.Entry{milestone(d(2025, 7, 26), "Speech"), milestone(d(2025, 7, 26), "Roundtable")}, []string{"Speech; Roundtable"}},
		{"the page's date first", []timeline.Entry{own, milestone(d(2025, 7, 26), "Speech")}, []string{"Speech"}},
		{"a span stays apart", []timeline.Entry{span, milestone(d(2025, 7, 26), "Speech")}, []string{"", "Speech"}},
		{"month and day differ", []timeline.Entry{field(d(2025, 7, 0), "announced"), field(d(2025, 7, 26), "adopted")}, []string{"announced", "adopted"}},
	}
	for _, tt := range tests {
		n := &graph.Node{Entries: tt.entries}
		var got []string
		for _, l := range makeDayLines(n) {
			got = append(got, l.what)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("%s: lines %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzEscape checks that escape writes text as html/template does, so a
// fragment made in Go reads the same as one a template would print.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", `a & b < c > d "e" 'f' +g`, "nul\x00byte", "ünïcödé 中文", "&amp;"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse("{{.}}"))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		escape(&got, s)
		if got.String() != want.String() {
			t.Errorf("escape(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}

// TestCardsAndRowsAsTemplates: PageLink.Card and Row.HTML write what the
// templates they replaced wrote, for awkward text as for plain.
func TestCardsAndRowsAsTemplates(t *testing.T) {
	card := template.Must(template.New("").Parse(`<li class="card-item"><a class="card type-{{.Type}}" href="{{.URL}}"><span class="card-type">{{.TypeLabel}}</span><span class="card-title">{{.Title}}</span>{{with .Summary}}<span class="card-summary">{{.}}</span>{{end}}</a></li>`))
	row := template.Must(template.New("").Parse(`<tr><td data-sort="{{.Page.Title}}">{{.Page.HTML}}{{with .Page.Summary}}<span class="row-summary">{{.}}</span>{{end}}</td>{{range .Cells}}<td{{with .Sort}} data-sort="{{.}}"{{end}}>{{.Text}}</td>{{end}}</tr>`))
	links := []*PageLink{
		{Title: "EU AI Act", URL: "/initiatives/eu-ai-act/", Type: "initiative", TypeLabel: "Initiative", Summary: "The EU's law.", HTML: `<a class="pagelink type-initiative" href="/initiatives/eu-ai-act/">EU AI Act</a>`},
		{Title: `"Quotes" & <tags> + 'apostrophes'`, URL: "/risks/a+b/", Type: "risk", TypeLabel: "Risk & harm", HTML: `<a href="/risks/a+b/">x</a>`},
		{Title: "ünïcödé 中文\x00", URL: "/", Type: "page", TypeLabel: "Page", Summary: "a < b"},
	}
	cells := [][]Cell{nil, {{Text: "26 July 2025", Sort: "2025-07-26"}, {Text: "Law & order"}}, {{Text: `"x" > y`, Sort: "'z'"}}}
	for i, p := range links {
		var want strings.Builder
		if err := card.Execute(&want, p); err != nil {
			t.Fatal(err)
		}
		if got := string(p.Card()); got != want.String() {
			t.Errorf("Card:\n%s\nwant:\n%s", got, want.String())
		}
		r := Row{Page: p, Cells: cells[i]}
		want.Reset()
		if err := row.Execute(&want, r); err != nil {
			t.Fatal(err)
		}
		if got := string(r.HTML()); got != want.String() {
			t.Errorf("Row.HTML:\n%s\nwant:\n%s", got, want.String())
		}
	}
}
