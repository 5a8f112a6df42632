package corpus

import (
	"math/rand/v2"
	"slices"
)

// Indexes into relations() and page.rels; TestRelationIndexes keeps them
// in step with the list.
const (
	relProposedBy = iota
	relParties
	relAddresses
	relAnnouncedAt
	relBuildsOn
	relSupersedes
	relRelated
	relMemberOf
	relRepresents
	relHosts
	relAttendees
	numRelations
)

// pool is a set of pages in popularity order: members[0] is drawn most.
type pool struct{ members []int }

// picker draws from a pool, half the time Zipf-distributed over the
// popularity rank and half uniformly, so that a few pages collect many
// inverse relations and backlinks while every page can still get some.
type picker struct {
	members []int
	r       *rand.Rand
	z       *rand.Zipf
}

// picker returns a picker over p drawing from r.
func (p pool) picker(r *rand.Rand) *picker {
	pk := &picker{members: p.members, r: r}
	if len(p.members) > 1 {
		pk.z = rand.NewZipf(r, 1.1, 2, uint64(len(p.members)-1))
	}
	return pk
}

// pick draws one member.
func (p *picker) pick() int {
	if p.z != nil && p.r.IntN(2) == 0 {
		return p.members[p.z.Uint64()]
	}
	return p.members[p.r.IntN(len(p.members))]
}

// distinct draws up to n different members other than self that ok
// accepts (nil accepts all); a small pool or a strict ok yields fewer.
func (p *picker) distinct(n, self int, ok func(int) bool) []int {
	var out []int
	for try := 0; len(out) < n && try < 4*n; try++ {
		if j := p.pick(); j != self && (ok == nil || ok(j)) && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	return out
}

// makePools orders the pages of each type, and the participants of each
// kind, by a random popularity.
func (g *generator) makePools() {
	add := func(key string, i int) {
		p := g.pools[key]
		p.members = append(p.members, i)
		g.pools[key] = p
	}
	for i, p := range g.pages {
		add(p.typ.folder(), i)
		if p.typ == participant {
			add("kind:"+p.kind, i)
		}
	}
	keys := []string{participant.folder(), initiative.folder(), risk.folder(), event.folder()}
	for _, k := range participantKinds() {
		keys = append(keys, "kind:"+k)
	}
	for _, k := range keys {
		m := g.pools[k].members
		g.rng.Shuffle(len(m), func(i, j int) { m[i], m[j] = m[j], m[i] })
	}
}

// addRelations draws every page's relations; targets always have the
// type the schema asks for.
func (g *generator) addRelations() {
	d := &drawer{g: g, r: g.rng, pickers: make(map[string]*picker, len(g.pools))}
	for i, p := range g.pages {
		d.self, d.page = i, p
		p.rels = make([][]int, numRelations)
		p.titled = make([]bool, numRelations)
		switch p.typ {
		case initiative:
			d.initiative()
		case risk:
			if d.chance(70) {
				d.set(relRelated, d.from("risks"), 1+d.r.IntN(3))
			}
		case participant:
			d.participant()
		case event:
			d.set(relHosts, d.from("kind:country", "kind:country", "kind:organisation"), 1+d.r.IntN(2))
			d.set(relAttendees, d.from("participants"), 3+d.r.IntN(13))
		}
	}
	g.addSupersedes(d.from("initiatives"))
}

// drawer draws the relations of one page at a time, from pickers over
// the generator's pools that it keeps for the whole site.
type drawer struct {
	g       *generator
	r       *rand.Rand
	pickers map[string]*picker
	self    int
	page    *page
}

// from returns the picker of one of the pools named by keys, drawn
// uniformly (a key named twice is twice as likely).
func (d *drawer) from(keys ...string) *picker {
	k := keys[d.r.IntN(len(keys))]
	if d.pickers[k] == nil {
		d.pickers[k] = d.g.pools[k].picker(d.r)
	}
	return d.pickers[k]
}

// set draws up to n targets of relation rel for the current page; one
// relation in twenty is written as "[[Title]]" links rather than slugs.
func (d *drawer) set(rel int, pick *picker, n int) {
	var ok func(int) bool
	if rel == relBuildsOn {
		self := d.self
		ok = func(j int) bool { return j < self } // only older pages: no cycles
	}
	d.page.rels[rel] = pick.distinct(n, d.self, ok)
	d.page.titled[rel] = d.r.IntN(20) == 0
}

// chance is true with the given probability in percent.
func (d *drawer) chance(percent int) bool { return d.r.IntN(100) < percent }

// initiative draws who proposed it (one in five has two proposers), the
// parties to agreements, the risks it addresses, where it was announced,
// and what it builds on.
func (d *drawer) initiative() {
	proposers := 1
	if d.r.IntN(5) == 0 {
		proposers = 2
	}
	d.set(relProposedBy, d.from("kind:country", "kind:country", "kind:organisation", "kind:bloc", "kind:company"), proposers)
	switch d.page.kind {
	case "code-of-conduct":
		d.set(relParties, d.from("kind:company"), 2+d.r.IntN(9))
	case "treaty", "declaration", "resolution", "principles":
		d.set(relParties, d.from("kind:country", "kind:country", "participants"), 2+d.r.IntN(9))
	}
	if d.chance(90) {
		d.set(relAddresses, d.from("risks"), 1+d.r.IntN(3))
	}
	if d.chance(40) {
		d.set(relAnnouncedAt, d.from("events"), 1)
	}
	if d.chance(35) {
		d.set(relBuildsOn, d.from("initiatives"), 1+d.r.IntN(2))
	}
}

// participant draws memberships and, for people, whom they represent.
func (d *drawer) participant() {
	switch d.page.kind {
	case "country":
		if d.chance(70) {
			d.set(relMemberOf, d.from("kind:bloc", "kind:organisation"), 1+d.r.IntN(3))
		}
	case "company":
		if d.chance(40) {
			d.set(relMemberOf, d.from("kind:organisation"), 1+d.r.IntN(2))
		}
	case "organisation":
		if d.chance(20) {
			d.set(relMemberOf, d.from("kind:organisation", "kind:bloc"), 1)
		}
	case "person":
		if d.chance(30) {
			d.set(relMemberOf, d.from("kind:organisation"), 1)
		}
		if d.chance(80) {
			d.set(relRepresents, d.from("kind:country", "kind:organisation", "kind:company"), 1)
		}
	}
}

// addSupersedes makes a later initiative supersede each superseded one,
// so that the status and the relation agree. Like builds_on, supersedes
// points from a page to one before it, so neither relation has cycles.
func (g *generator) addSupersedes(pick *picker) {
	for i, p := range g.pages {
		if p.typ != initiative || p.field("status") != "superseded" {
			continue
		}
		if by := pick.distinct(1, i, func(j int) bool { return j > i }); len(by) == 1 {
			q := g.pages[by[0]]
			if !slices.Contains(q.rels[relSupersedes], i) {
				q.rels[relSupersedes] = append(q.rels[relSupersedes], i)
			}
		}
	}
}

// field is the value of p's scalar field key, or "".
func (p *page) field(key string) string {
	for _, f := range p.fields {
		if f.key == key {
			return f.value
		}
	}
	return ""
}
