package schema

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/kbgen/kb/generator/diag"
)

// fromYAML reads a schema from the text of kb.yaml's "types:".
func fromYAML(t *testing.T, src string) (*Schema, []string) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("yaml: %v", err)
	}
	s, problems := FromYAML("kb.yaml", doc.Content[0])
	return s, problemStrings(problems)
}

// TestBuiltin checks the built-in schema against the table of
// /work/shared/content-model.md, "The built-in schema (AI governance)".
func TestBuiltin(t *testing.T) {
	type field struct {
		name     string
		kind     FieldKind
		required bool
		values   string // comma-separated
		timeline bool
	}
	type relation struct {
		name, target, inverse string
		symmetric             bool
		label                 string // for symmetric relations
	}
	tests := []struct {
		name, folder string
		end          string
		fields       []field
		relations    []relation
	}{
		{
			name: "initiative", folder: "initiatives",
			fields: []field{
				{"kind", KindEnum, true, "declaration, action-plan, law, regulation, executive-order, treaty, resolution, principles, code-of-conduct, strategy, organisation, framework", false},
				{"status", KindEnum, false, "proposed, adopted, signed, in-force, superseded, revoked", false},
				{"binding", KindBool, false, "", false},
				{"scope", KindEnum, false, "national, regional, multilateral, global", false},
				{"announced", KindDate, false, "", true},
				{"adopted", KindDate, false, "", true},
				{"in_force", KindDate, false, "", true},
				{"revoked", KindDate, false, "", true},
			},
			relations: []relation{
				{name: "proposed_by", target: "participant", inverse: "Proposed"},
				{name: "parties", target: "participant", inverse: "Party to"},
				{name: "addresses", target: "risk", inverse: "Addressed by"},
				{name: "announced_at", target: "event", inverse: "Launched here"},
				{name: "builds_on", target: "initiative", inverse: "Built upon by"},
				{name: "supersedes", target: "initiative", inverse: "Superseded by"},
			},
		},
		{
			name: "risk", folder: "risks",
			fields: []field{
				{"domain", KindEnum, true, "discrimination-toxicity, privacy-security, misinformation, malicious-use, human-computer-interaction, socioeconomic-environmental, ai-system-safety", false},
			},
			relations: []relation{
				{name: "related", target: "risk", symmetric: true, label: "Related risks"},
			},
		},
		{
			name: "participant", folder: "participants",
			fields: []field{
				{"kind", KindEnum, true, "country, bloc, organisation, company, person", false},
				{"role", KindText, false, "", false},
			},
			relations: []relation{
				{name: "member_of", target: "participant", inverse: "Members"},
				{name: "represents", target: "participant", inverse: "Represented by"},
			},
		},
		{
			name: "event", folder: "events", end: "end",
			fields: []field{
				{"end", KindDate, false, "", false},
				{"location", KindText, false, "", false},
			},
			relations: []relation{
				{name: "hosts", target: "participant", inverse: "Hosted"},
				{name: "attendees", target: "participant", inverse: "Attended"},
			},
		},
	}
	s := Builtin()
	var names []string
	for _, typ := range s.Types {
		names = append(names, typ.Name)
	}
	if want := []string{"initiative", "risk", "participant", "event"}; !slices.Equal(names, want) {
		t.Errorf("types %q, want %q", names, want)
	}
	for _, tt := range tests {
		typ := s.Type(tt.name)
		if typ == nil {
			t.Errorf("no type %q", tt.name)
			continue
		}
		if typ.Folder != tt.folder || s.TypeOfFolder(tt.folder) != typ || typ.End != tt.end {
			t.Errorf("%s: folder %q, end %q; want %q, %q", tt.name, typ.Folder, typ.End, tt.folder, tt.end)
		}
		for _, want := range tt.fields {
			f, ok := typ.Field(want.name)
			if !ok {
				t.Errorf("%s: no field %q", tt.name, want.name)
				continue
			}
			if f.Kind != want.kind || f.Required != want.required || strings.Join(f.Values, ", ") != want.values ||
				(f.Timeline != "") != want.timeline {
				t.Errorf("%s.%s: kind %s, required %v, values %q, timeline %q; want %s, %v, %q, timeline %v",
					tt.name, want.name, f.Kind, f.Required, strings.Join(f.Values, ", "), f.Timeline,
					want.kind, want.required, want.values, want.timeline)
			}
		}
		for _, f := range typ.Fields {
			if f.Timeline == "" && f.Kind == KindDate && f.Name != typ.End {
				t.Errorf("%s.%s: a date field outside the timeline", tt.name, f.Name)
			}
		}
		for _, want := range tt.relations {
			r, ok := typ.Relation(want.name)
			if !ok {
				t.Errorf("%s: no relation %q", tt.name, want.name)
				continue
			}
			if r.Target != want.target || r.Symmetric != want.symmetric ||
				(!want.symmetric && r.Inverse != want.inverse) || (want.symmetric && r.Label != want.label) {
				t.Errorf("%s.%s: target %q, inverse %q, label %q, symmetric %v; want %+v",
					tt.name, want.name, r.Target, r.Inverse, r.Label, r.Symmetric, want)
			}
		}
		for _, c := range typ.Columns {
			if _, ok := typ.Field(c); !ok {
				t.Errorf("%s: column %q is not a field", tt.name, c)
			}
		}
	}
	if problems := s.Check("builtin.yaml"); len(problems) > 0 {
		t.Errorf("Builtin().Check:\n%s", problems)
	}
	// Labels of the timeline and of fields.
	in, _ := s.Type("initiative").Field("in_force")
	if in.Label != "In force" || in.Timeline != "in force" {
		t.Errorf("in_force: label %q, timeline %q", in.Label, in.Timeline)
	}
	if typ := s.Type("initiative"); typ.Label != "Initiatives" || typ.Singular != "Initiative" {
		t.Errorf("initiative: label %q, singular %q", typ.Label, typ.Singular)
	}
	// Each call returns a schema of its own.
	a, b := Builtin(), Builtin()
	a.Types[0].Name = "changed"
	if b.Types[0].Name != "initiative" {
		t.Errorf("Builtin() shares its types between calls")
	}
}

const incidentYAML = `incident:
  columns: [severity, occurred]
  fields:
    severity: {type: enum, values: [low, medium, high], required: true}
    occurred: {type: date, timeline: occurred}
    resolved_on: {type: date, label: Resolved, timeline: resolved}
    victims: {type: number}
    report: {type: url}
    systems: {type: list}
    public: {type: bool}
    notes: {}
  relations:
    involves: {target: participant, label: Involves, inverse: Involved in}
    realises: {target: risk}
`

func TestFromYAMLCustomType(t *testing.T) {
	s, problems := fromYAML(t, incidentYAML)
	if len(problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problems, "\n"))
	}
	typ := s.Type("incident")
	if typ == nil {
		t.Fatal("no type incident")
	}
	if typ.Folder != "incidents" || typ.Label != "Incidents" || typ.Singular != "Incident" || typ.End != "" ||
		!slices.Equal(typ.Columns, []string{"severity", "occurred"}) {
		t.Errorf("type: %+v", typ)
	}
	var fields []string
	for _, f := range typ.Fields {
		fields = append(fields, fmt.Sprintf("%s %q %s values=%q required=%v timeline=%q", f.Name, f.Label, f.Kind, f.Values, f.Required, f.Timeline))
	}
	wantFields := []string{
		`severity "Severity" enum values=["low" "medium" "high"] required=true timeline=""`,
		`occurred "Occurred" date values=[] required=false timeline="occurred"`,
		`resolved_on "Resolved" date values=[] required=false timeline="resolved"`,
		`victims "Victims" number values=[] required=false timeline=""`,
		`report "Report" url values=[] required=false timeline=""`,
		`systems "Systems" list values=[] required=false timeline=""`,
		`public "Public" bool values=[] required=false timeline=""`,
		`notes "Notes" text values=[] required=false timeline=""`,
	}
	if !slices.Equal(fields, wantFields) {
		t.Errorf("fields:\n%s\nwant:\n%s", strings.Join(fields, "\n"), strings.Join(wantFields, "\n"))
	}
	wantRelations := []Relation{
		{Name: "involves", Label: "Involves", Target: "participant", Inverse: "Involved in", Pos: diag.Pos{Line: 13, Col: 5}, TargetPos: diag.Pos{Line: 13, Col: 24}},
		{Name: "realises", Label: "Realises", Target: "risk", Inverse: "Realises (inverse)", Pos: diag.Pos{Line: 14, Col: 5}, TargetPos: diag.Pos{Line: 14, Col: 24}},
	}
	if !slices.Equal(typ.Relations, wantRelations) {
		t.Errorf("relations %+v, want %+v", typ.Relations, wantRelations)
	}

	// Merged over the built-in types, it checks pages of its folder.
	site := Builtin().Merge(s)
	if problems := site.Check("kb.yaml"); len(problems) > 0 {
		t.Errorf("Check:\n%s", problems)
	}
	src := "---\nseverity: hihg\noccurred: 2024-13\nvictims: many\nreport: not-a-url\nsystems: chatbot\npublic: maybe\ninvolves: openai\n---\n"
	m, got := validate(t, site, "content/incidents/x.md", src)
	want := []string{
		`content/incidents/x.md:2:11: error: field "severity": "hihg" is not one of low, medium, high (did you mean "high"?)`,
		`content/incidents/x.md:3:11: error: field "occurred": "2024-13" is not a date: there is no month 13`,
		`content/incidents/x.md:4:10: error: field "victims": "many" is not a number`,
		`content/incidents/x.md:5:9: error: field "report": "not-a-url" is not an http(s) address`,
		`content/incidents/x.md:7:9: error: field "public": "maybe" is not true or false`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m.Type != "incident" || len(m.Values) != 1 || !slices.Equal(m.Values[0].List, []string{"chatbot"}) ||
		!slices.Equal(refStrings(m.Refs), []string{"involves:openai@8:11"}) {
		t.Errorf("meta: type %q, values %+v, refs %v", m.Type, m.Values, m.Refs)
	}
	m, got = validate(t, site, "content/incidents/y.md",
		"---\nseverity: high\noccurred: 2024-03\nvictims: 2.5\nreport: https://example.org/r\npublic: true\nsystems: [a, b]\n---\n")
	if len(got) > 0 {
		t.Errorf("valid incident: %q", got)
	}
	var display []string
	for _, v := range m.Values {
		display = append(display, v.Display())
	}
	if want := []string{"high", "March 2024", "2.5", "https://example.org/r", "a, b", "yes"}; !slices.Equal(display, want) {
		t.Errorf("values %q, want %q", display, want)
	}
}

func TestFromYAMLProblems(t *testing.T) {
	const bugKey = "an unknown setting is reported at its value, not its key (schema/yaml.go reader.mapping passes only the value)"
	tests := []struct {
		name, src string
		want      []string
		fixed     string // the bug this case caught, since fixed
	}{
		{"unknown type setting", "incident:\n  colour: red\n", []string{
			`kb.yaml:2:3: error: type incident: unknown setting "colour" (folder, label, singular, end, columns, fields, relations)`,
		}, bugKey},
		{"unknown type setting with a map value", "incident:\n  colour:\n    r: 1\n", []string{
			`kb.yaml:2:3: error: type incident: unknown setting "colour" (folder, label, singular, end, columns, fields, relations)`,
		}, bugKey},
		{"unknown field setting", "incident:\n  fields:\n    x: {type: text, colour: red}\n", []string{
			`kb.yaml:3:21: error: field x: unknown setting "colour" (type, label, values, labels, required, timeline)`,
		}, bugKey},
		{"unknown relation setting", "incident:\n  relations:\n    x: {target: risk, colour: red}\n", []string{
			`kb.yaml:3:23: error: relation x: unknown setting "colour" (target, label, inverse, symmetric)`,
		}, bugKey},
		{"enum without values", "incident:\n  fields:\n    severity: {type: enum}\n", []string{
			`kb.yaml:3:15: error: field severity: an enum needs values`,
		}, ""},
		{"unknown kind", "incident:\n  fields:\n    severity: {type: strin}\n", []string{
			`kb.yaml:3:22: error: field severity: unknown type "strin" (one of text, enum, date, bool, number, url, list)`,
		}, ""},
		{"timeline on a text field", "incident:\n  fields:\n    x: {timeline: x}\n", []string{
			`kb.yaml:3:8: error: field x: only a date field can join the timeline`,
		}, ""},
		{"common field redefined", "incident:\n  fields:\n    title: {type: text}\n", []string{
			`kb.yaml:3:12: error: field title: "title" is a common field of every page and cannot be redefined`,
		}, ""},
		{"end not a date field", "incident:\n  end: location\n  fields:\n    location: {}\n", []string{
			`kb.yaml:2:3: error: type incident: end "location" must name one of its date fields`,
		}, ""},
		{"end names nothing", "incident:\n  end: until\n", []string{
			`kb.yaml:2:3: error: type incident: end "until" must name one of its date fields`,
		}, ""},
		{"column not a field", "incident:\n  columns: [nope]\n", []string{
			`kb.yaml:2:3: error: type incident: column "nope" is not one of its fields`,
		}, ""},
		{"type name not a slug", "Incident Report:\n  folder: incidents\n", []string{
			`kb.yaml:2:3: error: type name "Incident Report" must be a lower-case slug other than "page"`,
		}, ""},
		{"type name page", "page:\n  folder: pages\n", []string{
			`kb.yaml:2:3: error: type name "page" must be a lower-case slug other than "page"`,
		}, ""},
		{"relation without target", "incident:\n  relations:\n    x: {label: X}\n", []string{
			`kb.yaml:3:8: error: relation x: needs a target type`,
		}, ""},
		{"required not a bool", "incident:\n  fields:\n    x: {required: yes}\n", []string{
			`kb.yaml:3:19: error: required must be true or false`,
		}, ""},
		{"symmetric not a bool", "incident:\n  relations:\n    x: {target: incident, symmetric: 1}\n", []string{
			`kb.yaml:3:38: error: symmetric must be true or false`,
		}, ""},
		{"fields not a map", "incident:\n  fields: [a, b]\n", []string{
			`kb.yaml:2:11: error: fields must be a map`,
		}, ""},
		{"values not a list", "incident:\n  fields:\n    x: {type: enum, values: low}\n", []string{
			`kb.yaml:3:8: error: field x: an enum needs values`,
			`kb.yaml:3:29: error: values must be a list`,
		}, ""},
		{"folder not text", "incident:\n  folder: [a]\n", []string{
			`kb.yaml:2:11: error: folder must be text`,
		}, ""},
		{"types not a map", "- incident\n", []string{
			`kb.yaml:1:1: error: types must be a map`,
		}, ""},
		{"a type with nothing set", "incident:\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := fromYAML(t, tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSchemaCheck(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"folder clash with a built-in type", "incident:\n  folder: risks\n", []string{
			`kb.yaml:1:1: error: types risk and incident both use the folder "risks"`,
		}},
		{"missing target type", "incident:\n  relations:\n    involves: {target: company}\n", []string{
			`kb.yaml:3:24: error: type incident: relation involves: target type "company" does not exist (the types are initiative, risk, participant, event, incident)`,
		}},
		{"misspelt target type", "incident:\n  relations:\n    involves: {target: risks}\n", []string{
			`kb.yaml:3:24: error: type incident: relation involves: target type "risks" does not exist (did you mean "risk"?)`,
		}},
		{"symmetric relation to another type", "incident:\n  relations:\n    like: {target: risk, symmetric: true}\n", []string{
			`kb.yaml:3:20: error: type incident: relation like: a symmetric relation must target its own type`,
		}},
		{"field and relation of one name", "incident:\n  fields:\n    risk: {}\n  relations:\n    risk: {target: risk}\n", []string{
			`kb.yaml:5:5: error: type incident: "risk" is both a field and a relation`,
		}},
		{"symmetric relation to its own type", "incident:\n  relations:\n    like: {target: incident, symmetric: true}\n", nil},
	}
	for _, tt := range tests {
		s, problems := fromYAML(t, tt.src)
		if len(problems) > 0 {
			t.Errorf("%s: FromYAML: %q", tt.name, problems)
		}
		got := problemStrings(Builtin().Merge(s).Check("kb.yaml"))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Check:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestMerge(t *testing.T) {
	over, problems := fromYAML(t, "risk:\n  folder: hazards\n  fields:\n    severity: {}\nincident:\n  folder: incidents\n")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	base := Builtin()
	merged := base.Merge(over)
	var names []string
	for _, typ := range merged.Types {
		names = append(names, typ.Name+"/"+typ.Folder)
	}
	want := []string{"initiative/initiatives", "risk/hazards", "participant/participants", "event/events", "incident/incidents"}
	if !slices.Equal(names, want) {
		t.Errorf("merged types %q, want %q", names, want)
	}
	if base.Type("risk").Folder != "risks" || len(base.Types) != 4 {
		t.Errorf("Merge changed the schema it was called on")
	}
	if _, ok := merged.Type("risk").Field("domain"); ok {
		t.Errorf("a replaced type keeps the fields of the type it replaces")
	}
	if merged.TypeOfFolder("risks") != nil || merged.TypeOfFolder("hazards") == nil {
		t.Errorf("TypeOfFolder does not follow the replaced folder")
	}
}

func TestLookups(t *testing.T) {
	s := Builtin()
	if s.Type("page") != nil || s.Type("nope") != nil || s.TypeOfFolder("guides") != nil || s.TypeOfFolder("") != nil {
		t.Errorf("lookups of unknown names found a type")
	}
	typ := s.Type("event")
	if _, ok := typ.Field("hosts"); ok {
		t.Errorf("a relation found as a field")
	}
	if _, ok := typ.Relation("location"); ok {
		t.Errorf("a field found as a relation")
	}
}

func TestFieldDescribe(t *testing.T) {
	tests := []struct {
		f    Field
		want string
	}{
		{Field{Kind: KindEnum, Values: []string{"a", "b"}}, "one of: a, b"},
		{Field{Kind: KindDate}, "YYYY, YYYY-MM or YYYY-MM-DD"},
		{Field{Kind: KindBool}, "true or false"},
		{Field{Kind: KindList}, "a list"},
		{Field{Kind: KindURL}, "an http(s) address"},
		{Field{Kind: KindNumber}, "a number"},
		{Field{Kind: KindText}, "text"},
	}
	for _, tt := range tests {
		if got := tt.f.Describe(); got != tt.want {
			t.Errorf("%s.Describe() = %q, want %q", tt.f.Kind, got, tt.want)
		}
	}
}

func TestEnumLabels(t *testing.T) {
	f := &Field{Kind: KindEnum, Values: []string{"in-force", "action-plan"}, Labels: map[string]string{"in-force": "In force (binding)"}}
	for _, tt := range []struct{ value, want string }{
		{"in-force", "In force (binding)"},
		{"action-plan", "Action plan"},
		{"", ""},
	} {
		if got := f.Show(tt.value); got != tt.want {
			t.Errorf("Show(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
	domain, _ := Builtin().Type("risk").Field("domain")
	if got := domain.Show("ai-system-safety"); got != "AI system safety, failures & limitations" {
		t.Errorf("the built-in domain label: %q", got)
	}
	_, problems := fromYAML(t, "x:\n  fields:\n    s:\n      type: enum\n      values: [a]\n      labels: {b: B}\n")
	if want := `kb.yaml:4:7: error: field s: a label for "b", which is not one of its values`; len(problems) != 1 || problems[0] != want {
		t.Errorf("problems %q, want %q", problems, want)
	}
}
