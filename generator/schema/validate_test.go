package schema

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
)

// validate parses src as the file at path and checks it against s.
func validate(t *testing.T, s *Schema, path, src string) (*Meta, []string) {
	t.Helper()
	p, problems := content.Parse(path, []byte(src))
	if len(problems) > 0 {
		t.Fatalf("%s: content.Parse: %s", path, problems)
	}
	m, ps := s.Validate(p)
	return m, problemStrings(ps)
}

func problemStrings(ps diag.List) []string {
	var out []string
	for _, p := range ps.Sort() {
		out = append(out, p.String())
	}
	return out
}

const (
	initiativeKinds = "declaration, action-plan, law, regulation, executive-order, treaty, resolution, principles, code-of-conduct, strategy, organisation, framework"
	riskDomains     = "discrimination-toxicity, privacy-security, misinformation, malicious-use, human-computer-interaction, socioeconomic-environmental, ai-system-safety"
)

func TestValidateProblems(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []string
	}{
		// Enums.
		{"enum with a suggestion", "content/initiatives/x.md", "---\nkind: lw\n---\n", []string{
			`content/initiatives/x.md:2:7: error: field "kind": "lw" is not one of ` + initiativeKinds + ` (did you mean "law"?)`,
		}},
		{"enum without a suggestion", "content/initiatives/x.md", "---\nkind: decree\nstatus: nonsense\n---\n", []string{
			`content/initiatives/x.md:2:7: error: field "kind": "decree" is not one of ` + initiativeKinds,
			`content/initiatives/x.md:3:9: error: field "status": "nonsense" is not one of proposed, adopted, signed, in-force, superseded, revoked`,
		}},
		{"enum is case sensitive", "content/participants/x.md", "---\nkind: Country\n---\n", []string{
			`content/participants/x.md:2:7: error: field "kind": "Country" is not one of country, bloc, organisation, company, person (did you mean "country"?)`,
		}},
		{"enum given a list", "content/initiatives/x.md", "---\nkind: law\nscope: [global, national]\n---\n", []string{
			`content/initiatives/x.md:3:8: error: field "scope" must be text, not a list`,
		}},
		{"bool", "content/initiatives/x.md", "---\nkind: law\nbinding: yes\n---\n", []string{
			`content/initiatives/x.md:3:10: error: field "binding": "yes" is not true or false`,
		}},

		// Dates.
		{"bad field date", "content/initiatives/x.md", "---\nkind: law\nadopted: 2024-13\nin_force: 2024-02-30\n---\n", []string{
			`content/initiatives/x.md:3:10: error: field "adopted": "2024-13" is not a date: there is no month 13`,
			`content/initiatives/x.md:4:11: error: field "in_force": "2024-02-30" is not a date: February 2024 has no day 30`,
		}},
		{"bad page date", "content/notes/x.md", "---\ndate: 2024-02-30\nupdated: soon\n---\n", []string{
			`content/notes/x.md:2:7: error: date: "2024-02-30" is not a date: February 2024 has no day 30`,
			`content/notes/x.md:3:10: error: updated: "soon" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`,
		}},
		{"date given a list", "content/notes/x.md", "---\ndate: [2024]\n---\n", []string{
			`content/notes/x.md:2:7: error: date must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a list`,
		}},
		{"end before date", "content/events/x.md", "---\ndate: 2024-05-02\nend: 2024-05-01\n---\n", []string{
			`content/events/x.md:3:6: error: end 2024-05-01 is before the date 2024-05-02`,
		}},
		{"end before a partial date", "content/events/x.md", "---\ndate: 2024-05\nend: 2024-04-30\n---\n", []string{
			`content/events/x.md:3:6: error: end 2024-04-30 is before the date 2024-05`,
		}},
		{"end within a partial date", "content/events/x.md", "---\ndate: 2024-05\nend: 2024-05-01\n---\n", nil},
		{"end on the date", "content/events/x.md", "---\ndate: 2024-05-01\nend: 2024-05-01\n---\n", nil},

		// Required fields and empty values.
		{"missing required field", "content/risks/x.md", "---\ntitle: Deep fakes\n---\n", []string{
			`content/risks/x.md:1:1: error: missing required field "domain" (one of: ` + riskDomains + `)`,
		}},
		{"no front matter at all", "content/risks/x.md", "Text.\n", []string{
			`content/risks/x.md:1:1: error: missing required field "domain" (one of: ` + riskDomains + `)`,
		}},
		{"empty values are not given", "content/initiatives/x.md", "---\nkind:\ndate:\nstatus:\nadopted:\nproposed_by:\nsummary:\ntags:\nsources:\ntimeline:\nnot_in_schema:\n---\n", []string{
			`content/initiatives/x.md:1:1: error: missing required field "kind" (one of: ` + initiativeKinds + `)`,
		}},
		{"empty text is given", "content/initiatives/x.md", "---\nkind: \"\"\n---\n", []string{
			`content/initiatives/x.md:2:7: error: field "kind": "" is not one of ` + initiativeKinds,
		}},

		// Unknown fields.
		{"unknown field with a suggestion", "content/participants/x.md", "---\nkind: country\nrloe: head of state\n---\n", []string{
			`content/participants/x.md:3:1: warning: field "rloe" is not in the schema of type participant; it is kept and shown (did you mean "role"?)`,
		}},
		{"misspelt required field", "content/participants/x.md", "---\nkidn: country\n---\n", []string{
			`content/participants/x.md:1:1: error: missing required field "kind" (one of: country, bloc, organisation, company, person)`,
			`content/participants/x.md:2:1: warning: field "kidn" is not in the schema of type participant; it is kept and shown (did you mean "kind"?)`,
		}},
		{"misspelt relation", "content/participants/x.md", "---\nkind: country\nmember: [eu]\n---\n", []string{
			`content/participants/x.md:3:1: warning: field "member" is not in the schema of type participant; it is kept and shown`,
		}},
		{"misspelt common field", "content/notes/x.md", "---\ntag: [a]\n---\n", []string{
			`content/notes/x.md:2:1: warning: field "tag" is not in the schema of plain pages; it is kept and shown (did you mean "tags"?)`,
		}},
		{"a type's field on a plain page", "content/notes/x.md", "---\nkind: law\n---\n", []string{
			`content/notes/x.md:2:1: warning: field "kind" is not in the schema of plain pages; it is kept and shown`,
		}},
		{"a section index is a plain page", "content/risks/_index.md", "---\ndomain: misinformation\n---\n", []string{
			`content/risks/_index.md:2:1: warning: field "domain" is not in the schema of plain pages; it is kept and shown`,
		}},

		// Sources.
		{"source url not http", "content/notes/x.md", "---\nsources:\n  - url: ftp://example.org/x\n  - url: example.org\n  - url: \"https://\"\n---\n", []string{
			`content/notes/x.md:3:10: error: source url: "ftp://example.org/x" is not an http(s) address`,
			`content/notes/x.md:4:10: error: source url: "example.org" is not an http(s) address`,
			`content/notes/x.md:5:10: error: source url: "https://" is not an http(s) address`,
		}},
		{"source problems", "content/notes/x.md", "---\nsources:\n  - title: No url\n  - https://example.org\n  - url: https://example.org\n    pages: 3\n    date: 2024-13\n---\n", []string{
			`content/notes/x.md:3:5: error: a source needs a url`,
			`content/notes/x.md:4:5: error: a source must be a map of title, url, publisher and date`,
			`content/notes/x.md:6:5: warning: a source has title, url, publisher and date; "pages" is ignored`,
			`content/notes/x.md:7:11: error: source date: "2024-13" is not a date: there is no month 13`,
		}},
		{"sources not a list", "content/notes/x.md", "---\nsources: https://example.org\n---\n", []string{
			`content/notes/x.md:2:10: error: sources must be a list of {title, url, publisher, date}`,
		}},

		// Timeline milestones.
		{"timeline problems", "content/notes/x.md", "---\ntimeline:\n  - {date: 2024, title: a, end: 2023}\n  - {date: 2024}\n  - x\n  - {date: 2025, title: b, extra: 1}\n  - {date: 2025-13, title: c}\n---\n", []string{
			`content/notes/x.md:3:33: error: timeline end 2023 is before its date 2024`,
			`content/notes/x.md:4:5: error: a timeline entry needs a date and a title`,
			`content/notes/x.md:5:5: error: a timeline entry must be a map of date and title`,
			`content/notes/x.md:6:28: warning: a timeline entry has a date, a title and an optional end; "extra" is ignored`,
			`content/notes/x.md:7:12: error: timeline date: "2025-13" is not a date: there is no month 13`,
		}},
		{"timeline not a list", "content/notes/x.md", "---\ntimeline: 2024\n---\n", []string{
			`content/notes/x.md:2:11: error: timeline must be a list of {date, title}`,
		}},

		// Other common fields.
		{"summary not text", "content/notes/x.md", "---\nsummary: [a, b]\n---\n", []string{
			`content/notes/x.md:2:10: error: summary must be text, not a list`,
		}},
		{"aliases a map", "content/notes/x.md", "---\naliases: {a: b}\n---\n", []string{
			`content/notes/x.md:2:10: error: aliases must be a list, not a map`,
		}},
		{"alias a list", "content/notes/x.md", "---\naliases: [[a]]\n---\n", []string{
			`content/notes/x.md:2:11: error: aliases must be text, not a list`,
		}},
		{"tag without letters", "content/notes/x.md", "---\ntags: [ok, \"!!\"]\n---\n", []string{
			`content/notes/x.md:2:7: error: tag "!!" has no letters or digits`,
		}},
		{"text field given a list", "content/participants/x.md", "---\nkind: person\nrole: [a, b]\n---\n", []string{
			`content/participants/x.md:3:7: error: field "role" must be text, not a list`,
		}},

		// Relations.
		{"relation target a map", "content/initiatives/x.md", "---\nkind: law\nparties:\n  - {name: China}\n---\n", []string{
			`content/initiatives/x.md:4:5: error: relation "parties": a target must be a page name, not a map`,
		}},
		{"relation empty target", "content/initiatives/x.md", "---\nkind: law\nparties: [\"\", \"[[]]\", \"  \"]\n---\n", []string{
			`content/initiatives/x.md:3:11: error: relation "parties": empty target`,
			`content/initiatives/x.md:3:15: error: relation "parties": empty target`,
			`content/initiatives/x.md:3:23: error: relation "parties": empty target`,
		}},

		{"a valid page", "content/initiatives/x.md", "---\ntitle: EU AI Act\nkind: regulation\nstatus: in-force\nbinding: true\nscope: regional\nadopted: 2024-06-13\nin_force: 2024-08-01\nproposed_by: [european-union]\n---\nText.\n", nil},
	}
	for _, tt := range tests {
		_, got := validate(t, Builtin(), tt.path, tt.src)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestValidateUnknownFieldInTOML(t *testing.T) {
	_, got := validate(t, Builtin(), "content/notes/x.md", "+++\nsumary = \"s\"\n+++\n")
	want := []string{
		`content/notes/x.md:2:1: warning: field "sumary" is not in the schema of plain pages; it is kept and shown (did you mean "summary"?)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// refStrings writes refs as "relation:target@line:col".
func refStrings(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, fmt.Sprintf("%s:%s@%d:%d", r.Relation, r.Target, r.Pos.Line, r.Pos.Col))
	}
	return out
}

func TestValidateRelations(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"single value", "proposed_by: china", []string{"proposed_by:china@3:14"}},
		{"list", "parties: [china, united-states]", []string{"parties:china@3:11", "parties:united-states@3:18"}},
		{"block list", "parties:\n  - china\n  - usa", []string{"parties:china@4:5", "parties:usa@5:5"}},
		{"quoted wikilink", `proposed_by: "[[China]]"`, []string{"proposed_by:China@3:14"}},
		{"quoted wikilink with a label", `proposed_by: "[[China|the PRC]]"`, []string{"proposed_by:China@3:14"}},
		{"quoted wikilinks in a list", `parties: ["[[China]]", "[[United States]]"]`, []string{"parties:China@3:11", "parties:United States@3:24"}},
		{"unquoted wikilink", "proposed_by: [[China]]", []string{"proposed_by:China@3:16"}},
		{"unquoted wikilinks in a flow list", "parties: [[China], [United States]]", []string{"parties:China@3:12", "parties:United States@3:21"}},
		{"unquoted wikilinks in a block list", "parties:\n  - [[China]]\n  - [[United States]]", []string{"parties:China@4:7", "parties:United States@5:7"}},
		{"spaces trimmed", `proposed_by: "  china  "`, []string{"proposed_by:china@3:14"}},
		{"schema order, not file order", "addresses: deep-fakes\nproposed_by: china", []string{"proposed_by:china@4:14", "addresses:deep-fakes@3:12"}},
		{"empty", "proposed_by:", nil},
		{"empty list", "proposed_by: []", nil},
	}
	for _, tt := range tests {
		src := "---\nkind: law\n" + tt.src + "\n---\n"
		m, problems := validate(t, Builtin(), "content/initiatives/x.md", src)
		if len(problems) > 0 {
			t.Errorf("%s: problems:\n%s", tt.name, strings.Join(problems, "\n"))
		}
		if got := refStrings(m.Refs); !slices.Equal(got, tt.want) {
			t.Errorf("%s: refs %q, want %q", tt.name, got, tt.want)
		}
	}

	// Relations on a page of another type are unknown fields, not refs.
	m, problems := validate(t, Builtin(), "content/notes/x.md", "---\nproposed_by: china\n---\n")
	if len(m.Refs) != 0 || len(problems) != 1 {
		t.Errorf("plain page with a relation: refs %v, problems %q", m.Refs, problems)
	}
}

func TestValidateMeta(t *testing.T) {
	src := `---
title: Global AI Governance Initiative
summary: China's proposal.
date: 2023-10-18
updated: 2025-01
aliases: GAIGI
tags: [ai, governance, AI, Governance]
kind: declaration
status: proposed
binding: false
in_force: 2024
adopted: 2023-10
extra: [x, y]
more: {a: 1, b: [2, 3]}
proposed_by: china
sources:
  - title: Announcement
    url: https://example.org/gaigi
    publisher: MFA
    date: 2023-10-18
  - url: https://example.org/2
timeline:
  - {date: 2024-07, title: Shanghai declaration}
  - {date: 2024, title: Staged, end: 2026}
---
Text.
`
	m, problems := validate(t, Builtin(), "content/initiatives/gaigi.md", src)
	wantProblems := []string{
		`content/initiatives/gaigi.md:13:1: warning: field "extra" is not in the schema of type initiative; it is kept and shown`,
		`content/initiatives/gaigi.md:14:1: warning: field "more" is not in the schema of type initiative; it is kept and shown`,
	}
	if !slices.Equal(problems, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
	if m.Type != "initiative" || m.Summary != "China's proposal." || m.Date != (Date{2023, 10, 18}) ||
		m.Updated != (Date{2025, 1, 0}) || !m.End.IsZero() {
		t.Errorf("type %q, summary %q, date %v, updated %v, end %v", m.Type, m.Summary, m.Date, m.Updated, m.End)
	}
	// Tags that slug the same are one, spelt as first written.
	if !slices.Equal(m.Aliases, []string{"GAIGI"}) || !slices.Equal(m.Tags, []string{"ai", "governance"}) {
		t.Errorf("aliases %q, tags %q", m.Aliases, m.Tags)
	}

	// The type's fields in schema order, then the unknown ones in file order.
	var values []string
	for _, v := range m.Values {
		values = append(values, fmt.Sprintf("%s (%s, %s, unknown %v) = %s", v.Field.Name, v.Field.Label, v.Field.Kind, v.Unknown, v.Display()))
	}
	wantValues := []string{
		"kind (Kind, enum, unknown false) = declaration",
		"status (Status, enum, unknown false) = proposed",
		"binding (Binding, bool, unknown false) = no",
		"adopted (Adopted, date, unknown false) = October 2023",
		"in_force (In force, date, unknown false) = 2024",
		"extra (Extra, list, unknown true) = x, y",
		"more (More, text, unknown true) = a: 1; b: 2, 3",
	}
	if !slices.Equal(values, wantValues) {
		t.Errorf("values:\n%s\nwant:\n%s", strings.Join(values, "\n"), strings.Join(wantValues, "\n"))
	}

	wantSources := []Source{
		{Title: "Announcement", URL: "https://example.org/gaigi", Publisher: "MFA", Date: Date{2023, 10, 18}},
		{Title: "https://example.org/2", URL: "https://example.org/2"}, // the url stands in for a missing title
	}
	if !slices.Equal(m.Sources, wantSources) {
		t.Errorf("sources %+v, want %+v", m.Sources, wantSources)
	}
	wantTimeline := []Milestone{
		{Date: Date{2024, 7, 0}, Title: "Shanghai declaration"},
		{Date: Date{2024, 0, 0}, End: Date{2026, 0, 0}, Title: "Staged"},
	}
	if !slices.Equal(m.Timeline, wantTimeline) {
		t.Errorf("timeline %+v, want %+v", m.Timeline, wantTimeline)
	}
	if got := refStrings(m.Refs); !slices.Equal(got, []string{"proposed_by:china@15:14"}) {
		t.Errorf("refs %q", got)
	}
}

func TestValidateEvent(t *testing.T) {
	m, problems := validate(t, Builtin(), "content/events/summit.md",
		"---\ndate: 2025-02-10\nend: 2025-02-11\nlocation: Paris\nhosts: [france, india]\n---\n")
	if len(problems) > 0 {
		t.Errorf("problems: %q", problems)
	}
	if m.Type != "event" || m.Date != (Date{2025, 2, 10}) || m.End != (Date{2025, 2, 11}) {
		t.Errorf("type %q, date %v, end %v", m.Type, m.Date, m.End)
	}
	if got := refStrings(m.Refs); !slices.Equal(got, []string{"hosts:france@5:9", "hosts:india@5:17"}) {
		t.Errorf("refs %q", got)
	}
	var display []string
	for _, v := range m.Values {
		display = append(display, v.Field.Label+": "+v.Display())
	}
	if want := []string{"Ends: 11 February 2025", "Location: Paris"}; !slices.Equal(display, want) {
		t.Errorf("values %q, want %q", display, want)
	}
}

func TestValidateTypeOfFolder(t *testing.T) {
	tests := []struct {
		path, want string
	}{
		{"content/initiatives/x.md", "initiative"},
		{"content/risks/x.md", "risk"},
		{"content/participants/x.md", "participant"},
		{"content/events/x.md", "event"},
		{"content/guides/editing/x.md", PageType},
		{"content/x.md", PageType},
		{"content/index.md", PageType},
		{"content/initiatives/_index.md", PageType},
	}
	for _, tt := range tests {
		p, _ := content.Parse(tt.path, []byte("---\nkind: law\ndomain: misinformation\n---\n"))
		m, _ := Builtin().Validate(p)
		if m.Type != tt.want {
			t.Errorf("%s: type %q, want %q", tt.path, m.Type, tt.want)
		}
	}
}

func TestFieldValueDisplay(t *testing.T) {
	tests := []struct {
		v    FieldValue
		want string
	}{
		{FieldValue{Field: &Field{Kind: KindText}, Text: "Paris"}, "Paris"},
		{FieldValue{Field: &Field{Kind: KindEnum}, Text: "law"}, "law"},
		{FieldValue{Field: &Field{Kind: KindNumber}, Text: "14110"}, "14110"},
		{FieldValue{Field: &Field{Kind: KindURL}, Text: "https://x.org"}, "https://x.org"},
		{FieldValue{Field: &Field{Kind: KindBool}, Bool: true}, "yes"},
		{FieldValue{Field: &Field{Kind: KindBool}}, "no"},
		{FieldValue{Field: &Field{Kind: KindDate}, Date: Date{2025, 7, 26}}, "26 July 2025"},
		{FieldValue{Field: &Field{Kind: KindList}, List: []string{"a", "b"}}, "a, b"},
	}
	for _, tt := range tests {
		if got := tt.v.Display(); got != tt.want {
			t.Errorf("%+v.Display() = %q, want %q", tt.v, got, tt.want)
		}
	}
}
