package markdown

import (
	"strings"
	"testing"
)

// BenchmarkHighlight converts one fenced block in each language the
// benchmark corpus uses (generator/corpus/body.go writes these), once
// highlighted and once with no language, which is written plain: the
// difference is what chroma costs a page. See docs/performance.md. A
// language chroma does not know is written plain too ("mermaid").
func BenchmarkHighlight(b *testing.B) {
	blocks := []struct{ lang, code string }{
		{"python", "def risk_score(likelihood: float, impact: float) -> float:\n" +
			"    \"\"\"Score used in the deep fakes assessment.\"\"\"\n" +
			"    return round(likelihood * impact * 17 / 10, 2)\n"},
		{"go", "// Tier classifies a system under the EU AI Act.\nfunc Tier(flops float64, users int) string {\n" +
			"\tif flops >= 1e25 || users > 17_000_000 {\n\t\treturn \"systemic\"\n\t}\n\treturn \"standard\"\n}\n"},
		{"yaml", "initiative: eu-ai-act\nrisk_tier: high\nobligations:\n  - transparency\n  - oversight\nreview_period_months: 17\n"},
		{"json", "{\n  \"id\": \"initiatives/eu-ai-act\",\n  \"year\": 2024,\n" +
			"  \"thresholds\": {\"compute_flops\": 1e25, \"users\": 17000000},\n  \"binding\": true\n}\n"},
		{"mermaid", "graph TD\n  A[Declaration] --> B[Action plan]\n"},
	}
	c := New(Options{})
	for _, bl := range blocks {
		for _, lang := range []string{bl.lang, ""} {
			src := []byte("```" + lang + "\n" + bl.code + "```\n")
			name := bl.lang
			if lang == "" {
				name += "/plain"
			}
			b.Run(name, func(b *testing.B) {
				doc, err := c.ConvertThen(src, 1, nil)
				if err != nil {
					b.Fatal(err)
				}
				if highlighted := strings.Contains(string(doc.HTML), `class="chroma"`); highlighted != (lang != "" && lang != "mermaid") {
					b.Fatalf("highlighted = %v for language %q:\n%s", highlighted, lang, doc.HTML)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.ConvertThen(src, 1, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
