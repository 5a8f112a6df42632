package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/schema"
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
