package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "china", "china"},
		{"title case and spaces", "Global AI Governance Initiative", "global-ai-governance-initiative"},
		{"punctuation runs", "EU  AI Act (2024/1689)", "eu-ai-act-2024-1689"},
		{"leading and trailing", "  --Hello, world!-- ", "hello-world"},
		{"underscores", "deep_fakes", "deep-fakes"},
		{"apostrophe dropped", "America's AI Action Plan", "americas-ai-action-plan"},
		{"chinese kept", "人工智能 全球治理", "人工智能-全球治理"},
		{"accents kept", "Déclaration de Paris", "déclaration-de-paris"},
		{"devanagari marks kept", "कृत्रिम बुद्धि", "कृत्रिम-बुद्धि"},
		{"digits", "Executive Order 14110", "executive-order-14110"},
		{"empty", "", ""},
		{"only punctuation", "?!", ""},
		// Fixed bugs.
		{"already a slug with double dash", "a--b", "a-b"},
		{"upper-case slug-looking", "ABC", "abc"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("%s: Make(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"deep-fakes", "digital-divide", "china", "chile", "machine-hallucinations"}
	tests := []struct {
		key, want string
	}{
		{"deep-fake", "deep-fakes"},
		{"chna", "china"},
		{"machine-halucinations", "machine-hallucinations"},
		{"united-states", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.key, keys); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}
