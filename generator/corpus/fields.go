package corpus

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// addFields draws p's summary, dates, tags, sources, timeline and the
// scalar fields of its type.
func (g *generator) addFields(p *page) {
	r := g.rng
	switch p.typ {
	case participant:
		g.participantFields(p)
	case initiative:
		g.initiativeFields(p)
	case risk:
		p.fields = []field{{key: "domain", value: p.kind}}
		p.summary = "The risk of " + lowerFirst(p.title) + ", in the " +
			strings.ReplaceAll(p.kind, "-", " and ") + " domain."
		if r.IntN(2) == 0 {
			p.date = partialDate(r, randomDay(r, p.year))
		}
	case event:
		g.eventFields(p)
	}
	p.tags = pickDistinct(r, g.v.tags, weightedCount(r, []int{15, 25, 25, 20, 10, 5}))
	if r.IntN(100) < 85 {
		p.sources = g.sources(p)
	}
	if r.IntN(4) == 0 {
		p.timeline = g.timeline(p)
	}
	if r.IntN(10) < 3 {
		p.updated = randomDay(r, 2025).Format(time.DateOnly)
	}
}

// participantFields sets kind, a role for people, and a founding year for
// organisations.
func (g *generator) participantFields(p *page) {
	r := g.rng
	p.fields = []field{{key: "kind", value: p.kind}}
	switch p.kind {
	case "person":
		role := pickFrom(r, g.v.roles)
		p.fields = append(p.fields, field{key: "role", value: role, text: true})
		p.summary = p.title + " (" + role + ") speaks often on " + lowerWords(p.topic) + "."
	case "country":
		p.summary = p.title + " is a country with an active national policy on " + lowerWords(p.topic) + "."
	default:
		p.summary = p.title + " is " + article(p.kind) + " " + p.kind + " working on " + lowerWords(p.topic) + "."
		if r.IntN(10) < 6 {
			p.date = strconv.Itoa(1950 + r.IntN(74))
		}
	}
}

// initiativeFields sets kind, status, binding, scope and the dates that
// follow from the status, in their natural order.
func (g *generator) initiativeFields(p *page) {
	r := g.rng
	status := weighted(r, initiativeStatuses(), []int{15, 30, 10, 25, 10, 10})
	binding := slices.Contains([]string{"law", "regulation", "executive-order", "treaty"}, p.kind) ||
		p.kind == "resolution" && r.IntN(5) == 0
	scope := weighted(r, scopes(), []int{40, 20, 25, 15})
	if p.kind == "treaty" {
		scope = pickFrom(r, []string{"multilateral", "global"})
	}
	p.fields = []field{
		{key: "kind", value: p.kind},
		{key: "status", value: status},
		{key: "binding", value: strconv.FormatBool(binding)},
		{key: "scope", value: scope},
	}
	day := randomDay(r, p.year)
	main := day
	p.fields = append(p.fields, field{key: "announced", value: day.Format(time.DateOnly)})
	// Each step happens only for the statuses that come after it.
	steps := []struct {
		key      string
		statuses []string
		gap      int
	}{
		{"adopted", []string{"adopted", "signed", "in-force", "superseded", "revoked"}, 400},
		{"in_force", []string{"in-force", "superseded", "revoked"}, 700},
		{"revoked", []string{"revoked"}, 900},
	}
	for i, s := range steps {
		if !slices.Contains(s.statuses, status) {
			break
		}
		day = day.AddDate(0, 0, 30+r.IntN(s.gap))
		if i == 0 {
			main = day
		}
		p.fields = append(p.fields, field{key: s.key, value: day.Format(time.DateOnly)})
	}
	p.date = partialDate(r, main)
	p.summary = article(scope) + " " + scope + " " + strings.ToLower(initiativeNouns()[indexOf(initiativeKinds(), p.kind)]) +
		" on " + lowerWords(p.topic) + ", announced in " + strconv.Itoa(p.year) + "; now " + status + "."
	p.summary = upperFirst(p.summary)
}

// eventFields sets a full start date, an end for longer events, and a location.
func (g *generator) eventFields(p *page) {
	r := g.rng
	start := randomDay(r, p.year)
	p.date = start.Format(time.DateOnly)
	if r.IntN(10) < 7 {
		end := start.AddDate(0, 0, 1+r.IntN(3))
		p.fields = append(p.fields, field{key: "end", value: end.Format(time.DateOnly)})
	}
	location := g.place() + " City"
	if c := g.pools["kind:country"].members; len(c) > 0 {
		location += ", " + g.pages[c[r.IntN(len(c))]].title
	}
	p.fields = append(p.fields, field{key: "location", value: location, text: true})
	p.summary = "A gathering on " + lowerWords(p.topic) + " held in " + location + " in " + strconv.Itoa(p.year) + "."
}

// sources draws one to four cited documents with https URLs.
func (g *generator) sources(p *page) []source {
	r := g.rng
	out := make([]source, 1+r.IntN(4))
	for i := range out {
		pub := pickFrom(r, g.v.publishers)
		out[i] = source{
			title:     upperFirst(pickFrom(r, g.v.adjectives)) + " " + pickFrom(r, g.v.nouns) + " on " + p.title,
			url:       "https://" + slugify(pub) + ".example.org/" + strconv.Itoa(p.year) + "/" + p.slug + "-" + strconv.Itoa(i+1),
			publisher: pub,
			date:      randomDay(r, p.year).Format(time.DateOnly),
		}
		if r.IntN(4) == 0 {
			out[i].url = strings.Replace(out[i].url, "https://", "http://", 1)
		}
	}
	return out
}

// timeline draws one to four milestones in the years after the page's own.
func (g *generator) timeline(p *page) []milestone {
	r := g.rng
	out := make([]milestone, 1+r.IntN(4))
	day := randomDay(r, p.year)
	for i := range out {
		day = day.AddDate(0, 0, 20+r.IntN(300))
		out[i] = milestone{
			date:  day.Format(time.DateOnly),
			title: upperFirst(pickFrom(r, g.v.nouns)) + " " + pickFrom(r, g.v.verbs) + " " + pickFrom(r, g.v.adjectives) + " " + pickFrom(r, g.v.nouns),
		}
	}
	return out
}

// randomDay is a day of year y; days stop at 28 so every month has them.
func randomDay(r *rand.Rand, y int) time.Time {
	return time.Date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
}

// partialDate writes d as YYYY, YYYY-MM or YYYY-MM-DD, as people do when
// they know only part of a date.
func partialDate(r *rand.Rand, d time.Time) string {
	switch x := r.IntN(20); {
	case x < 3:
		return d.Format("2006")
	case x < 8:
		return d.Format("2006-01")
	default:
		return d.Format(time.DateOnly)
	}
}

// pickDistinct draws n different elements of list, in drawing order.
func pickDistinct(r *rand.Rand, list []string, n int) []string {
	if n == 0 {
		return nil
	}
	idx := r.Perm(len(list))[:min(n, len(list))]
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

// weightedCount returns i with probability weights[i]/sum(weights).
func weightedCount(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// article is "a" or "an" for the word w.
func article(w string) string {
	if strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// lowerWords lower-cases s but keeps acronyms ("AI Safety" -> "AI safety").
func lowerWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if w != strings.ToUpper(w) || len(w) < 2 {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
