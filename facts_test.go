package main

import (
	"os"
	"slices"
	"testing"

	"github.com/kbgen/kb/generator/build"
	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/schema"
)

// TestBuiltinFacts reads the built-in knowledge base's graph and checks
// facts from the sheet it was written from (../shared/facts.md), so that
// an edit that breaks them fails CI.
func TestBuiltinFacts(t *testing.T) {
	site, err := build.Load(os.DirFS("."), builtinFS(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if problems := site.Problems(); len(problems) > 0 {
		t.Fatalf("the built-in site has problems (kb check --strict must report nothing):\n%s", problems)
	}
	g := site.Graph()
	node := func(id string) *graph.Node {
		n := g.Node(id)
		if n == nil {
			t.Fatalf("no page %s", id)
		}
		return n
	}
	targets := func(n *graph.Node, relation string) []string {
		var ids []string
		for _, e := range n.Out {
			if e.Relation.Name == relation {
				ids = append(ids, g.ID(e.To))
			}
		}
		return ids
	}
	field := func(n *graph.Node, name string) schema.FieldValue {
		for _, v := range n.Meta.Values {
			if v.Field.Name == name {
				return v
			}
		}
		t.Fatalf("%s has no field %s", n.ID, name)
		return schema.FieldValue{}
	}
	day := func(s string) schema.Date {
		d, err := schema.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	// The proposal: 26 July 2025, by China, at WAIC 2025.
	org := node("initiatives/world-ai-cooperation-organization")
	if org.Meta.Date != day("2025-07-26") || field(org, "announced").Date != day("2025-07-26") {
		t.Errorf("the proposal's date: %s", org.Meta.Date)
	}
	if field(org, "status").Text != "proposed" || field(org, "kind").Text != "organisation" {
		t.Errorf("the proposal is %s %s", field(org, "status").Text, field(org, "kind").Text)
	}
	if by := targets(org, "proposed_by"); !slices.Contains(by, "participants/china") {
		t.Errorf("the proposal is proposed by %v, not China", by)
	}
	if at := targets(org, "announced_at"); !slices.Equal(at, []string{"events/waic-2025"}) {
		t.Errorf("the proposal was announced at %v", at)
	}
	waic := node("events/waic-2025")
	if waic.Meta.Date != day("2025-07-26") || waic.Meta.End != day("2025-07-28") {
		t.Errorf("WAIC 2025 runs %s to %s", waic.Meta.Date, waic.Meta.End)
	}

	// The EU AI Act: adopted by the Council on 21 May 2024, in force on 1 August 2024.
	act := node("initiatives/eu-ai-act")
	if field(act, "adopted").Date != day("2024-05-21") || field(act, "in_force").Date != day("2024-08-01") {
		t.Errorf("the EU AI Act: adopted %s, in force %s", field(act, "adopted").Date, field(act, "in_force").Date)
	}
	var milestones []string
	for _, m := range act.Meta.Timeline {
		milestones = append(milestones, m.Date.String())
	}
	for _, d := range []string{"2024-07-12", "2025-02-02", "2025-08-02", "2026-08-02"} {
		if !slices.Contains(milestones, d) {
			t.Errorf("the EU AI Act's timeline lacks %s", d)
		}
	}

	// The Paris statement: the US and the UK did not sign; China, India and the EU did.
	paris := node("initiatives/paris-statement")
	parties := targets(paris, "parties")
	declined := targets(paris, "declined_by")
	for _, p := range []string{"participants/united-states", "participants/united-kingdom"} {
		if slices.Contains(parties, p) || !slices.Contains(declined, p) {
			t.Errorf("%s: parties %v, declined %v", p, parties, declined)
		}
	}
	for _, p := range []string{"participants/china", "participants/india", "participants/european-union"} {
		if !slices.Contains(parties, p) {
			t.Errorf("%s is not a party to the Paris statement: %v", p, parties)
		}
	}

	// China's page shows what it proposed, under the inverse label.
	var proposed []string
	for _, gr := range g.Groups(node("participants/china")) {
		if gr.Label == "Proposed" {
			for _, s := range gr.Slots {
				proposed = append(proposed, g.ID(s))
			}
		}
	}
	for _, p := range []string{"initiatives/global-ai-governance-initiative", "initiatives/global-ai-governance-action-plan"} {
		if !slices.Contains(proposed, p) {
			t.Errorf("China's page does not list %s under Proposed: %v", p, proposed)
		}
	}

	// Executive Order 14110: signed 30 October 2023, revoked 20 January 2025 by EO 14148.
	eo := node("initiatives/executive-order-14110")
	if eo.Meta.Date != day("2023-10-30") || field(eo, "revoked").Date != day("2025-01-20") {
		t.Errorf("EO 14110: %s, revoked %s", eo.Meta.Date, field(eo, "revoked").Date)
	}
	if by := targets(node("initiatives/executive-order-14148"), "revokes"); !slices.Contains(by, eo.ID) {
		t.Errorf("EO 14148 revokes %v", by)
	}

	// The scope the issue asks for.
	count := map[string]int{}
	for _, id := range g.IDs() {
		count[g.Node(id).Meta.Type]++
	}
	for typ, min := range map[string]int{"initiative": 20, "risk": 8, "participant": 25, "event": 8} {
		if count[typ] < min {
			t.Errorf("%d %ss, want at least %d", count[typ], typ, min)
		}
	}
	for _, id := range g.IDs() {
		if n := g.Node(id); (n.Meta.Type == "initiative" || n.Meta.Type == "event") && len(n.Meta.Sources) == 0 {
			t.Errorf("%s cites no sources", id)
		}
	}
	domains := map[string]bool{}
	for _, id := range g.IDs() {
		if n := g.Node(id); n.Meta.Type == "risk" {
			domains[field(n, "domain").Text] = true
		}
	}
	if len(domains) != 7 {
		t.Errorf("the risks cover %d of the seven domains: %v", len(domains), domains)
	}
}
