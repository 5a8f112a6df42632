package corpus

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// writeBodies writes every page's Markdown body. Each page draws from its
// own PCG stream (seed, page index), so the bodies can be written in
// parallel and still come out the same for a seed.
func (g *generator) writeBodies(seed int64) {
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				r := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
				w := &bodyWriter{g: g, r: r, self: i}
				for t := range numTypes {
					w.pick[t] = g.pools[t.folder()].picker(r)
				}
				g.pages[i].body = w.write(g.pages[i])
			}
		})
	}
	for i := range g.pages {
		next <- i
	}
	close(next)
	wg.Wait()
}

// bodyWriter writes one page's body. It reads the generator but never
// changes it.
type bodyWriter struct {
	g    *generator
	r    *rand.Rand
	self int
	pick [numTypes]*picker
	b    strings.Builder
	subs []string // "###" headings not yet used on this page
}

// write returns p's body: a lead paragraph, then the type's fixed "##"
// sections filled with paragraphs, lists, "###" subsections, and on some
// pages a table and a code block, to 3-5 KB.
func (w *bodyWriter) write(p *page) string {
	w.b.Grow(5600)
	w.subs = append([]string(nil), w.g.v.subheadings...)
	target := 3000 + w.r.IntN(2000)
	w.paragraph(p)
	hs := p.typ.headings()
	lead := w.b.Len()
	budget := (target - lead) / len(hs)
	// Three pages in ten get a table, one in four a code block, one in
	// twenty an embed; each in a section of its own drawing.
	table, code := -1, -1
	if w.r.IntN(10) < 3 {
		table = w.r.IntN(len(hs))
	}
	if w.r.IntN(4) == 0 {
		code = w.r.IntN(len(hs))
	}
	embed := w.r.IntN(20) == 0
	for i, h := range hs {
		w.b.WriteString("## " + h + "\n\n")
		w.paragraph(p)
		if i == table {
			w.table(p)
		}
		if i == code {
			w.code(p)
		}
		if embed && i == len(hs)-1 {
			w.b.WriteString("![[" + w.g.pages[w.target()].slug + "]]\n\n")
		}
		// Sections end at shares of the whole target, so that an
		// overshooting section shortens the next rather than adding up.
		for w.b.Len() < lead+(i+1)*budget {
			switch x := w.r.IntN(10); {
			case x < 3:
				w.list(p, x < 2)
			case x < 4 && len(w.subs) > 0:
				w.subsection(p)
			default:
				w.paragraph(p)
			}
		}
	}
	return w.b.String()
}

// paragraph writes three to six sentences.
func (w *bodyWriter) paragraph(p *page) {
	n := 3 + w.r.IntN(4)
	for i := range n {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.sentence(p)
	}
	w.b.WriteString("\n\n")
}

// sentence writes one sentence of governance prose; some carry emphasis,
// inline code, or a wikilink.
func (w *bodyWriter) sentence(p *page) {
	r, v := w.r, w.g.v
	if r.IntN(4) == 0 {
		w.b.WriteString(pickFrom(r, v.connectors) + " the ")
	} else {
		w.b.WriteString("The ")
	}
	w.b.WriteString(pickFrom(r, v.adjectives) + " " + pickFrom(r, v.nouns) + " " + pickFrom(r, v.verbs) + " ")
	switch x := r.IntN(12); {
	case x == 0:
		w.b.WriteString("**" + pickFrom(r, v.adjectives) + " " + pickFrom(r, v.nouns) + "**")
	case x == 1:
		w.b.WriteString("*" + pickFrom(r, v.nouns) + "*")
	case x == 2:
		w.b.WriteString("the `" + strings.ReplaceAll(pickFrom(r, v.nouns), "-", "_") + "_id` field")
	default:
		w.b.WriteString(pickFrom(r, v.adjectives) + " " + pickFrom(r, v.nouns))
	}
	w.b.WriteString(" for " + pickFrom(r, v.actors))
	switch x := r.IntN(10); {
	case x < 3:
		w.b.WriteString(", as noted in " + w.link())
	case x < 4:
		w.b.WriteString(" in " + lowerWords(p.topic))
	}
	w.b.WriteString(".")
}

// list writes a bullet or numbered list of three to six items.
func (w *bodyWriter) list(p *page, bullets bool) {
	r, v := w.r, w.g.v
	for i := range 3 + r.IntN(4) {
		if bullets {
			w.b.WriteString("- ")
		} else {
			w.b.WriteString(strconv.Itoa(i+1) + ". ")
		}
		w.b.WriteString(upperFirst(pickFrom(r, v.adjectives)) + " " + pickFrom(r, v.nouns) + " for " + pickFrom(r, v.actors))
		if r.IntN(3) == 0 {
			w.b.WriteString(" (see " + w.link() + ")")
		}
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

// subsection writes a "###" heading, unique on the page, and a paragraph.
func (w *bodyWriter) subsection(p *page) {
	i := w.r.IntN(len(w.subs))
	w.b.WriteString("### " + w.subs[i] + "\n\n")
	w.subs = append(w.subs[:i], w.subs[i+1:]...)
	w.paragraph(p)
}

// table writes a GFM table of milestones.
func (w *bodyWriter) table(p *page) {
	r, v := w.r, w.g.v
	w.b.WriteString("| Year | Milestone | Lead | Status |\n|---:|---|---|:---:|\n")
	for i := range 3 + r.IntN(4) {
		w.b.WriteString("| " + strconv.Itoa(p.year+i) + " | " + upperFirst(pickFrom(r, v.nouns)) + " " + pickFrom(r, v.verbs) +
			" | " + w.cellLink() + " | " + pickFrom(r, []string{"done", "ongoing", "planned", "dropped"}) + " |\n")
	}
	w.b.WriteString("\n")
}

// target draws a page to link to, of a type drawn by the types' shares.
func (w *bodyWriter) target() int {
	x := w.r.IntN(100)
	for t := range numTypes {
		if x < t.share() {
			if j := w.pick[t].pick(); j != w.self {
				return j
			}
			break
		}
		x -= t.share()
	}
	return w.pick[participant].pick()
}

// cellLink writes a wikilink for a table cell: by slug and without a
// label, since a "|" would end the cell.
func (w *bodyWriter) cellLink() string { return "[[" + w.g.pages[w.target()].slug + "]]" }

// link writes a wikilink in one of the forms the contract allows: by slug,
// title, alias or id, some with a label, some to a heading of the target.
func (w *bodyWriter) link() string {
	r := w.r
	q := w.g.pages[w.target()]
	var to string
	switch x := r.IntN(20); {
	case x < 4:
		to = q.title
	case x < 6 && len(q.aliases) > 0:
		to = q.aliases[0]
	case x < 7:
		to = q.typ.folder() + "/" + q.slug
	default:
		to = q.slug
	}
	if r.IntN(8) == 0 {
		hs := q.typ.headings()
		to += "#" + hs[r.IntN(len(hs))]
	}
	if r.IntN(3) == 0 {
		return "[[" + to + "|" + pickFrom(r, []string{"the", "this", "their"}) + " " + pickFrom(r, w.g.v.nouns) + "]]"
	}
	return "[[" + to + "]]"
}

// code writes a fenced code block in one of four languages, the kind of
// snippet a policy page quotes: a config, a record, a rule, a formula.
func (w *bodyWriter) code(p *page) {
	r, v := w.r, w.g.v
	n := strconv.Itoa(1 + r.IntN(48))
	switch r.IntN(4) {
	case 0:
		w.b.WriteString("```yaml\ninitiative: " + p.slug + "\nrisk_tier: " + pickFrom(r, []string{"high", "limited", "minimal"}) +
			"\nobligations:\n  - " + pickFrom(r, v.nouns) + "\n  - " + pickFrom(r, v.nouns) + "\nreview_period_months: " + n + "\n```\n\n")
	case 1:
		w.b.WriteString("```json\n{\n  \"id\": \"" + p.typ.folder() + "/" + p.slug + "\",\n  \"year\": " + strconv.Itoa(p.year) +
			",\n  \"thresholds\": {\"compute_flops\": 1e25, \"users\": " + n + "000000},\n  \"binding\": " +
			strconv.FormatBool(r.IntN(2) == 0) + "\n}\n```\n\n")
	case 2:
		w.b.WriteString("```go\n// Tier classifies a system under the " + p.title + ".\nfunc Tier(flops float64, users int) string {\n" +
			"\tif flops >= 1e25 || users > " + n + "_000_000 {\n\t\treturn \"systemic\"\n\t}\n\treturn \"standard\"\n}\n```\n\n")
	default:
		w.b.WriteString("```python\ndef risk_score(likelihood: float, impact: float) -> float:\n" +
			"    \"\"\"Score used in the " + lowerWords(p.topic) + " assessment.\"\"\"\n" +
			"    return round(likelihood * impact * " + n + " / 10, 2)\n```\n\n")
	}
}
