package build

import (
	"strings"
	"testing"

	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
)

// page makes a graph page from a file's text, as the pipeline does.
func page(t *testing.T, path, text string) *graph.Page {
	t.Helper()
	p, problems := content.Parse(path, []byte(text))
	meta, ps := schema.Builtin().Validate(p)
	problems.Add(ps...)
	if problems.Errors(false) > 0 {
		t.Fatalf("%s: %s", path, problems)
	}
	doc, err := markdown.New(markdown.Options{}).Convert(p.Body, p.BodyLine)
	if err != nil {
		t.Fatal(err)
	}
	return &graph.Page{Page: p, Meta: meta, Doc: doc}
}

const planBase = `---
title: EU AI Act
summary: The EU's AI law.
date: 2024-05-21
aliases: [AI Act]
tags: [law]
kind: regulation
status: adopted
adopted: 2024-05-21
proposed_by: [european-union]
updated: 2026-11-30
---

## What it is

A law. It addresses [[deep fakes]] among others.

More text.
`

func TestPlan(t *testing.T) {
	const path = "content/initiatives/eu-ai-act.md"
	edit := func(old, new string) string { return strings.Replace(planBase, old, new, 1) }
	tests := []struct {
		name     string
		old, new string // "" for no page
		path     string // when not the default
		want     Effect
	}{
		{"new page", "", planBase, "", Everything},
		{"deleted page", planBase, "", "", Everything},
		{"body text only", planBase, edit("More text.", "Other text."), "", Self | Search},
		{"markup only", planBase, edit("More text.", "More *text*."), "", Self},
		{"retitled", planBase, edit("title: EU AI Act", "title: AI Act of the EU"), "", Self | Neighbours | Namesakes | Lists | Search | Data},
		{"new alias", planBase, edit("aliases: [AI Act]", "aliases: [AI Act, AIA]"), "", Self | Neighbours | Namesakes | Lists | Search | Data},
		{"summary", planBase, edit("The EU's AI law.", "The law."), "", Self | Neighbours | Lists | Search | Data},
		{"page date", planBase, edit("date: 2024-05-21", "date: 2024-05"), "", Self | Neighbours | Lists | Data},
		{"timeline field", planBase, edit("adopted: 2024-05-21", "adopted: 2024-05-22"), "", Self | Neighbours | Lists | Data},
		{"milestone", planBase, edit("updated:", "timeline:\n  - {date: 2026-08-02, title: applies}\nupdated:"), "", Self | Neighbours | Lists | Data},
		{"enum field", planBase, edit("status: adopted", "status: in-force"), "", Self | Lists | Data},
		{"checked date", planBase, edit("updated: 2026-11-30", "updated: 2026-12-01"), "", Self | Lists},
		{"tags", planBase, edit("tags: [law]", "tags: [law, eu]"), "", Self | Lists | Search | Data},
		{"relation", planBase, edit("proposed_by: [european-union]", "proposed_by: [european-union, france]"), "", Self | Neighbours | Lists | Data},
		{"link added", planBase, edit("More text.", "More on [[China]]."), "", Self | Neighbours | Data | Search},
		{"link's sentence", planBase, edit("among others", "and more"), "", Self | Neighbours | Data | Search},
		{"heading", planBase, edit("## What it is", "## What it does"), "", Self | Neighbours | Search},
		{"block id", planBase, edit("More text.", "More text. ^more"), "", Self | Neighbours},
		{"link by path", planBase, edit("More text.", "More on [China](../participants/china.md)."), "", Self | Neighbours | Data | Search},
		{"link made an image", planBase + "\n[x](chart.png)\n", planBase + "\n![x](chart.png)\n", "", Self | Neighbours | Data},
		{"draft", planBase, edit("updated:", "draft: true\nupdated:"), "", Everything},
		{"saved unchanged", planBase, planBase, "", Self},
		{"home text", "---\ntitle: Home\n---\nHi.", "---\ntitle: Home\n---\nHello.", "content/index.md", Lists},
		{"section text", "Intro.", "Intro, longer.", "content/initiatives/_index.md", Lists},
	}
	for _, tt := range tests {
		p := tt.path
		if p == "" {
			p = path
		}
		var old, new *graph.Page
		if tt.old != "" {
			old = page(t, p, tt.old)
		}
		if tt.new != "" {
			new = page(t, p, tt.new)
		}
		if got := Plan(old, new); got != tt.want {
			t.Errorf("%s: Plan = %s, want %s", tt.name, got, tt.want)
		}
	}
}
