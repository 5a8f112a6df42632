package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestJSONStrings checks the hand-written escaping against encoding/json's.
func TestJSONStrings(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "new\nline\ttab\rreturn", "\x00\x01\x1f control",
		"<html> & 'quotes'", "中国 ünïcödé", "line\u2028sep\u2029para", "bad \xff utf-8", "emoji 🙂",
		"\b backspace \f form feed",
	} {
		checkJSONString(t, s)
	}
}

// checkJSONString compares jsonw's string with encoding/json's, byte for
// byte.
func checkJSONString(t *testing.T, s string) {
	t.Helper()
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	var w jsonw
	w.string(s)
	if got := string(w.b); got != string(bytes.TrimSpace(want.Bytes())) {
		t.Errorf("%q: got %s, want %s", s, got, want.Bytes())
	}
}

// FuzzJSONString checks the hand-written escaping against encoding/json's
// on any input.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"plain text. Then more", "a\"b\\c\n", "中国 \u2028 \xff", "\x7f\x80"} {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

// BenchmarkJSONString escapes prose as search.json holds it.
func BenchmarkJSONString(b *testing.B) {
	s := strings.Repeat("The Global AI Governance Action Plan, announced in Shanghai on 26 July 2025, proposes a \"World AI Cooperation Organization\".\n", 40)
	var w jsonw
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		w.b = w.b[:0]
		w.str(s)
	}
}
