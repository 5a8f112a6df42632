package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// page is one planned page: everything both renderings (kb and Hugo) need,
// as plain data, with relations as indexes into generator.pages.
type page struct {
	typ      pageType
	slug     string
	title    string
	kind     string // a participant's or initiative's kind, a risk's domain
	topic    string // what the page is about, for summaries and prose
	year     int    // the year its dates are drawn around
	summary  string
	date     string // "", YYYY, YYYY-MM or YYYY-MM-DD
	aliases  []string
	tags     []string
	fields   []field // type-specific scalar fields, in writing order
	rels     [][]int // targets per relations() index; nil when absent
	titled   []bool  // per relations() index: write targets as "[[Title]]"
	timeline []milestone
	sources  []source
	updated  string
	body     string
}

// field is one scalar front-matter field; text is free text and so quoted.
type field struct {
	key, value string
	text       bool
}

// milestone is one entry of a page's timeline.
type milestone struct{ date, title string }

// source is one entry of a page's sources.
type source struct{ title, url, publisher, date string }

// generator plans a site: it owns the random source and everything drawn
// so far. After plan returns it is only read.
type generator struct {
	rng   *rand.Rand
	v     *vocab
	pages []*page
	taken map[string]bool // slugified titles, slugs and aliases in use
	pools map[string]pool // by type folder, and "kind:<participant kind>"
}

// Limits on Options.Pages.
const (
	minPages = 100
	maxPages = 100_000
)

// plan draws the whole site for o: pages, names, fields, relations, bodies.
func plan(o Options) *generator {
	n := min(max(o.Pages, minPages), maxPages)
	g := &generator{
		rng:   rand.New(rand.NewPCG(uint64(o.Seed), 0x6b62636f72707573)),
		v:     newVocab(),
		taken: make(map[string]bool, 2*n),
		pools: make(map[string]pool),
	}
	for t := range numTypes {
		g.addPages(t, typeCount(n, t))
	}
	g.addAliases()
	g.makePools()
	for _, p := range g.pages {
		g.addFields(p)
	}
	g.addRelations()
	g.writeBodies(o.Seed)
	return g
}

// typeCount is how many of n pages have type t; the last type takes the
// rounding remainder so that the counts add up to n.
func typeCount(n int, t pageType) int {
	if t == numTypes-1 {
		used := 0
		for u := range t {
			used += n * u.share() / 100
		}
		return n - used
	}
	return n * t.share() / 100
}

// addPages adds count pages of type t with unique titles.
func (g *generator) addPages(t pageType, count int) {
	for i := range count {
		p := &page{typ: t}
		switch t {
		case participant:
			p.kind = pickKind(g.rng, i)
		case initiative:
			p.kind = pickFrom(g.rng, initiativeKinds())
		}
		p.year = 2015 + g.rng.IntN(11)
		p.title = g.uniqueTitle(p)
		p.slug = slugify(p.title)
		g.pages = append(g.pages, p)
	}
}

// pickKind draws a participant kind; the first five participants get one
// kind each so that even the smallest site has every kind.
func pickKind(r *rand.Rand, i int) string {
	kinds := participantKinds()
	if i < len(kinds) {
		return kinds[i]
	}
	return weighted(r, kinds, []int{15, 5, 25, 30, 25})
}

// uniqueTitle draws titles until one's slug is free; after many tries it
// numbers the last one, which keeps the loop bounded at any size.
func (g *generator) uniqueTitle(p *page) string {
	var title string
	for range 40 {
		title = g.title(p)
		if !g.taken[slugify(title)] {
			g.taken[slugify(title)] = true
			return title
		}
	}
	for n := 2; ; n++ {
		t := title + " " + strconv.Itoa(n)
		if !g.taken[slugify(t)] {
			g.taken[slugify(t)] = true
			return t
		}
	}
}

// title draws one candidate title for p, and sets its topic.
func (g *generator) title(p *page) string {
	r, v := g.rng, g.v
	switch p.typ {
	case participant:
		return g.participantTitle(p)
	case initiative:
		p.topic = pickFrom(r, v.initTopic)
		noun := initiativeNouns()[indexOf(initiativeKinds(), p.kind)]
		prefix := g.place()
		if r.IntN(10) < 3 {
			prefix = pickFrom(r, v.orgAdj)
		}
		link := " on "
		if p.kind == "organisation" {
			link = " for "
		}
		t := prefix + " " + noun + link + p.topic
		if r.IntN(5) == 0 {
			t += " " + strconv.Itoa(p.year)
		}
		return t
	case risk:
		d := r.IntN(len(riskDomains()))
		p.kind = riskDomains()[d] // kept here so the title and domain agree
		p.topic = pickFrom(r, v.riskSector)
		harm := pickFrom(r, harms()[d])
		if r.IntN(3) > 0 {
			harm = pickFrom(r, v.riskQual) + " " + strings.ToLower(harm[:1]) + harm[1:]
		}
		return harm + " in " + p.topic
	default:
		p.topic = pickFrom(r, v.eventTopic)
		return g.place() + " " + p.topic + " " + pickFrom(r, v.eventNoun) + " " + strconv.Itoa(p.year)
	}
}

// participantTitle draws a name that fits the participant's kind.
func (g *generator) participantTitle(p *page) string {
	r, v := g.rng, g.v
	p.topic = pickFrom(r, v.orgTopic)
	switch p.kind {
	case "country":
		return g.place()
	case "bloc":
		return g.place() + " " + pickFrom(r, v.blocNoun)
	case "organisation":
		if r.IntN(2) == 0 {
			return pickFrom(r, v.orgAdj) + " " + p.topic + " " + pickFrom(r, v.orgNoun)
		}
		return g.place() + " " + p.topic + " " + pickFrom(r, v.orgNoun)
	case "company":
		name := pickFrom(r, v.coStart) + pickFrom(r, v.coEnd)
		if r.IntN(2) == 0 {
			name += " " + pickFrom(r, v.coMid)
		}
		return name + " " + pickFrom(r, v.coSuffix)
	default:
		name := pickFrom(r, v.first) + " "
		if r.IntN(10) < 7 {
			name += string(rune('A'+r.IntN(26))) + ". "
		}
		return name + pickFrom(r, v.last)
	}
}

// place draws an invented place name such as "Kesaria" or "Norvedoland".
func (g *generator) place() string {
	r, v := g.rng, g.v
	s := pickFrom(r, v.sylStart)
	for range r.IntN(3) {
		s += pickFrom(r, v.sylMid)
	}
	return s + pickFrom(r, v.sylEnd)
}

// addAliases gives some pages an alias (an acronym, a code, a short
// name), once every title is taken, so an alias never shadows a title.
func (g *generator) addAliases() {
	for _, p := range g.pages {
		var alias string
		switch {
		case p.typ == initiative && g.rng.IntN(10) < 4,
			p.typ == participant && (p.kind == "organisation" || p.kind == "bloc") && g.rng.IntN(2) == 0:
			alias = acronym(p.title)
		case p.typ == participant && p.kind == "country" && g.rng.IntN(2) == 0:
			alias = strings.ToUpper(p.slug[:3])
		case p.typ == participant && p.kind == "person" && g.rng.IntN(5) == 0:
			f := strings.Fields(p.title)
			alias = f[0][:1] + ". " + f[len(f)-1]
		case p.typ == event && g.rng.IntN(10) < 3:
			f := strings.Fields(p.title)
			alias = f[0] + " " + f[len(f)-1]
		}
		if len(alias) >= 3 && !g.taken[slugify(alias)] {
			g.taken[slugify(alias)] = true
			p.aliases = append(p.aliases, alias)
		}
	}
}

// acronym is the capitals of a title's significant words: "Global
// Partnership on AI Safety" -> "GPAS".
func acronym(title string) string {
	var b strings.Builder
	for _, w := range strings.Fields(title) {
		if c := w[0]; c >= 'A' && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// slugify lower-cases s and turns every run of other characters than
// ASCII letters and digits into one "-", as the content contract does for
// the ASCII titles this package makes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// pickFrom returns a uniformly drawn element of list.
func pickFrom(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// weighted returns list[i] with probability weights[i]/sum(weights).
func weighted(r *rand.Rand, list []string, weights []int) string {
	return list[weightedCount(r, weights)]
}

// indexOf is the position of s in list, or -1.
func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
