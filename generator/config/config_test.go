package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbgen/kb/generator/diag"
)

func load(src string) (*Config, []string) {
	c, problems := Load(fstest.MapFS{File: {Data: []byte(src)}})
	var out []string
	for _, p := range problems.Sort() {
		out = append(out, p.String())
	}
	return c, out
}

func typeNames(c *Config) []string {
	var names []string
	for _, t := range c.Schema.Types {
		names = append(names, t.Name+"/"+t.Folder)
	}
	return names
}

var builtinTypes = []string{"initiative/initiatives", "risk/risks", "participant/participants", "event/events"}

func TestLoadWithoutFile(t *testing.T) {
	c, problems := Load(fstest.MapFS{"content/x.md": {}})
	if len(problems) > 0 {
		t.Errorf("problems: %s", problems)
	}
	d := Default()
	if c.Title != d.Title || c.Language != "en" || c.BaseURL != "" || c.BrokenLinks != diag.Error || c.UnsafeHTML ||
		!slices.Equal(typeNames(c), builtinTypes) {
		t.Errorf("Load without kb.yaml = %+v, want the defaults", c)
	}
	if d.Title != "Knowledge base" || d.Description != "" {
		t.Errorf("Default() = %+v", d)
	}
}

func TestLoadEmptyFile(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n"} {
		c, problems := load(src)
		if len(problems) > 0 || c.Title != "Knowledge base" || !slices.Equal(typeNames(c), builtinTypes) {
			t.Errorf("Load(%q) = %+v, %q; want the defaults", src, c, problems)
		}
	}
}

func TestLoadSettings(t *testing.T) {
	c, problems := load(`title: AI governance
description: Who governs AI, and how.
language: fr
baseURL: https://example.org/kb/
broken_links: warn
unsafe_html: true
`)
	if len(problems) > 0 {
		t.Errorf("problems: %q", problems)
	}
	if c.Title != "AI governance" || c.Description != "Who governs AI, and how." || c.Language != "fr" ||
		c.BaseURL != "https://example.org/kb/" || c.BrokenLinks != diag.Warning || !c.UnsafeHTML {
		t.Errorf("Load = %+v", c)
	}

	// Other spellings of the same settings.
	for _, src := range []string{"base_url: /kb/\nbroken_links: warning\n", "baseurl: /kb/\nbroken_links: warning\n"} {
		c, problems := load(src)
		if len(problems) > 0 || c.BaseURL != "/kb/" || c.BrokenLinks != diag.Warning {
			t.Errorf("Load(%q) = base %q, broken links %v, %q", src, c.BaseURL, c.BrokenLinks, problems)
		}
	}
	c, _ = load("broken_links: error\n")
	if c.BrokenLinks != diag.Error {
		t.Errorf("broken_links: error gives %v", c.BrokenLinks)
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		fixed     string // the bug this case caught, since fixed
	}{
		{"unknown setting", "title: T\ncolour: red\n", []string{
			`kb.yaml:2:1: warning: unknown setting "colour" (title, description, language, baseURL, broken_links, unsafe_html, builtin_types, types)`,
		}, ""},
		{"bad broken_links", "broken_links: never\n", []string{
			"kb.yaml:1:15: error: broken_links must be error or warn",
		}, ""},
		{"broken_links a list", "broken_links: [warn]\n", []string{
			"kb.yaml:1:15: error: broken_links must be error or warn",
			"kb.yaml:1:15: error: broken_links must be text",
		}, ""},
		{"unsafe_html not a bool", "unsafe_html: yes\n", []string{
			"kb.yaml:1:14: error: unsafe_html must be true or false",
		}, ""},
		{"builtin_types not a bool", "builtin_types: no\n", []string{
			"kb.yaml:1:16: error: builtin_types must be true or false",
		}, ""},
		{"title not text", "title: {a: b}\n", []string{
			"kb.yaml:1:8: error: title must be text",
		}, ""},
		{"baseURL not http", "baseURL: ftp://example.org/\n", []string{
			`kb.yaml:1:10: error: baseURL "ftp://example.org/" is not an http(s) address or a path`,
		}, ""},
		{"baseURL unparsable", "baseURL: \"http://[::1\"\n", []string{
			`kb.yaml:1:10: error: baseURL "http://[::1" is not an http(s) address or a path`,
		}, ""},
		{"not a map", "- title\n", []string{
			"kb.yaml:1:1: error: kb.yaml must be a map of settings",
		}, ""},
		{"yaml scanner error", "title: x\n  bad: y\n", []string{
			"kb.yaml:2: error: mapping values are not allowed in this context",
		}, ""},
		{"yaml parser error", "title: x\ntypes:\n  incident:\n    fields:\n      severity: {type: enum, values: [low, high]\n", []string{
			"kb.yaml:5: error: did not find expected ',' or '}'",
		}, "yaml.v3 reports parser errors on 0-based lines (diag.YAMLError), one line too early"},
		{"schema problems carry kb.yaml places", "types:\n  incident:\n    fields:\n      severity: {type: enum}\n", []string{
			"kb.yaml:4:17: error: field severity: an enum needs values",
		}, ""},
		{"schema check", "types:\n  incident:\n    folder: risks\n", []string{
			`kb.yaml:2:3: error: types risk and incident both use the folder "risks"`,
		}, ""},
		{"relation to a type left out", "builtin_types: false\ntypes:\n  incident:\n    relations:\n      involves: {target: participant}\n", []string{
			`kb.yaml:5:26: error: type incident: relation involves: target type "participant" does not exist (the types are incident)`,
		}, ""},
		{"a setting given twice", "title: A\ntitle: B\n", []string{
			`kb.yaml:2:1: error: setting "title" is given twice`,
		}, "yaml.v3 does not reject duplicate keys when decoding into a yaml.Node, and Load does not check (config.go Load)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadTypes(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"added to the built-in types", "types:\n  incident:\n    relations:\n      involves: {target: participant}\n",
			append(slices.Clone(builtinTypes), "incident/incidents")},
		{"a built-in type replaced by name", "types:\n  risk:\n    folder: hazards\n",
			[]string{"initiative/initiatives", "risk/hazards", "participant/participants", "event/events"}},
		{"builtin types left out", "builtin_types: false\ntypes:\n  incident: {}\n", []string{"incident/incidents"}},
		{"builtin types left out, after the types", "types:\n  incident: {}\nbuiltin_types: false\n", []string{"incident/incidents"}},
		{"no types at all", "builtin_types: false\n", nil},
		{"builtin types kept explicitly", "builtin_types: true\n", builtinTypes},
		{"empty types", "types:\n", builtinTypes},
	}
	for _, tt := range tests {
		c, problems := load(tt.src)
		if len(problems) > 0 {
			t.Errorf("%s: problems: %q", tt.name, problems)
		}
		if got := typeNames(c); !slices.Equal(got, tt.want) {
			t.Errorf("%s: types %q, want %q", tt.name, got, tt.want)
		}
	}

	// A custom type's fields reach the schema.
	c, _ := load("types:\n  incident:\n    fields:\n      severity: {type: enum, values: [low, high], required: true}\n")
	f, ok := c.Schema.Type("incident").Field("severity")
	if !ok || !f.Required || !slices.Equal(f.Values, []string{"low", "high"}) {
		t.Errorf("incident.severity = %+v, %v", f, ok)
	}
}

func TestBasePathAndAbsURL(t *testing.T) {
	tests := []struct {
		baseURL  string
		basePath string
		abs      string // AbsURL("/atom.xml")
		root     string // AbsURL("/")
		fixed    string // the bug this case caught, since fixed
	}{
		{"", "/", "/atom.xml", "/", ""},
		{"/kb/", "/kb/", "/kb/atom.xml", "/kb/", ""},
		{"/kb", "/kb/", "/kb/atom.xml", "/kb/", ""},
		{"kb", "/kb/", "/kb/atom.xml", "/kb/", ""},
		{"/a/b/", "/a/b/", "/a/b/atom.xml", "/a/b/", ""},
		{"https://x.org", "/", "https://x.org/atom.xml", "https://x.org/", ""},
		{"https://x.org/kb", "/kb/", "https://x.org/kb/atom.xml", "https://x.org/kb/", ""},
		{"https://x.org/kb/", "/kb/", "https://x.org/kb/atom.xml", "https://x.org/kb/", ""},
		{"http://localhost:1313/", "/", "http://localhost:1313/atom.xml", "http://localhost:1313/", "a baseURL whose path is \"/\" gives the base path \"//\" (config.go BasePath)"},
		{"/", "/", "/atom.xml", "/", "a baseURL whose path is \"/\" gives the base path \"//\" (config.go BasePath)"},
		{"https://x.org/", "/", "https://x.org/atom.xml", "https://x.org/", "a baseURL whose path is \"/\" gives the base path \"//\" (config.go BasePath)"},
	}
	for _, tt := range tests {
		t.Run(tt.baseURL, func(t *testing.T) {
			c := &Config{BaseURL: tt.baseURL}
			if got := c.BasePath(); got != tt.basePath {
				t.Errorf("BasePath() = %q, want %q", got, tt.basePath)
			}
			if got := c.AbsURL("/atom.xml"); got != tt.abs {
				t.Errorf("AbsURL(/atom.xml) = %q, want %q", got, tt.abs)
			}
			if got := c.AbsURL("atom.xml"); got != tt.abs {
				t.Errorf("AbsURL(atom.xml) = %q, want %q", got, tt.abs)
			}
			if got := c.AbsURL("/"); got != tt.root {
				t.Errorf("AbsURL(/) = %q, want %q", got, tt.root)
			}
		})
	}
}
