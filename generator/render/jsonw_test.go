package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONStrings checks the hand-written escaping against encoding/json's.
func TestJSONStrings(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "new\nline\ttab\rreturn", "\x00\x01\x1f control",
		"<html> & 'quotes'", "中国 ünïcödé", "line\u2028sep\u2029para", "bad \xff utf-8", "emoji 🙂",
	} {
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
}
