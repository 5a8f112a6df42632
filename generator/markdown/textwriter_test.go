package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// checkTextWriter fails if textWriter writes in otherwise than goldmark's
// default writer does.
func checkTextWriter(t *testing.T, in string) {
	t.Helper()
	for _, kind := range []string{"Write", "RawWrite"} {
		var got, want Writer
		switch kind {
		case "Write":
			textWriter{html.DefaultWriter}.Write(&got, []byte(in))
			html.DefaultWriter.Write(&want, []byte(in))
		default:
			textWriter{html.DefaultWriter}.RawWrite(&got, []byte(in))
			html.DefaultWriter.RawWrite(&want, []byte(in))
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s(%q) = %q, goldmark's writer %q", kind, in, got.Bytes(), want.Bytes())
		}
	}
}

func TestTextWriter(t *testing.T) {
	for _, in := range []string{
		"", "plain words", "a < b > c", `say "hi"`, "AT&T", "&amp; &copy; &#35; &#x41; &bogus;",
		`a\*b \\ c\`, "nul\x00here", "ünïcödé – dash", "trailing \\", "&", "&#", "&#x",
	} {
		checkTextWriter(t, in)
	}
}

func FuzzTextWriter(f *testing.F) {
	for _, seed := range []string{"plain", "a&amp;b", `\*x`, "<\x00>", "&#1234;"} {
		f.Add(seed)
	}
	f.Fuzz(checkTextWriter)
}
