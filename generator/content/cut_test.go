package content

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgCut is what adrg/frontmatter finds in data, for comparison: the
// format, the front matter's bytes and the body.
func adrgCut(data []byte) (name string, raw, body []byte, err error) {
	capture := func(format string) frontmatter.UnmarshalFunc {
		return func(b []byte, _ any) error {
			name, raw = format, bytes.Clone(b)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml")),
		frontmatter.NewFormat("+++", "+++", capture("toml")),
		{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
	}
	body, err = frontmatter.Parse(bytes.NewReader(data), new(struct{}), formats...)
	return name, raw, body, err
}

// checkCut fails when cutFrontMatter and adrg/frontmatter disagree.
func checkCut(t *testing.T, data []byte) {
	t.Helper()
	wantName, wantRaw, wantBody, err := adrgCut(data)
	if err != nil {
		t.Fatalf("adrg/frontmatter: %v", err)
	}
	f, raw, bodyAt, found := cutFrontMatter(data)
	name := ""
	if found {
		name = f.name
	}
	if name != wantName || !bytes.Equal(raw, wantRaw) || !bytes.Equal(data[bodyAt:], wantBody) {
		t.Errorf("%q:\ngot  %q %q body %q\nwant %q %q body %q", data, name, raw, data[bodyAt:], wantName, wantRaw, wantBody)
	}
}

func TestCutFrontMatter(t *testing.T) {
	for _, in := range []string{
		"", "\n", "body only\n", "---", "---\n", "---\n---", "---\n---\n", "---\na: b\n---\nbody\n",
		"\n\n  ---  \na: b\n  ---\nbody", "---\na: b\n", "---\na: b\n--- \n\nbody\n",
		"+++\na = 1\n+++\nbody\n", "+++\na = 1\n---\n",
		"{\n\"a\": 1\n}\n\nbody\n", "{\n\"a\": 1\n}\nbody\n}\n\nrest\n", "{\n\"a\": 1\n}", "{\n\"a\": 1\n}\n",
		"{\n}\n}\n\nbody", "text\n---\na: b\n---\n", "---\r\na: b\r\n---\r\nbody\r\n", "\ufeff---\na: b\n---\n",
	} {
		checkCut(t, []byte(in))
	}
}

func FuzzCutFrontMatter(f *testing.F) {
	for _, s := range []string{"---\na: b\n---\nbody\n", "{\n\"a\": 1\n}\n\nx", "+++\na = 1\n+++\n", "\n  ---\n---"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkCut(t, data) })
}
