package lexers

import (
	"reflect"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromalexers "github.com/alecthomas/chroma/v2/lexers"
)

// TestLexersAsChroma: the registry holds chroma's lexers in chroma's
// order with chroma's settings, and every lexer defined in XML reads its
// file, with the settings the index gave it beforehand.
func TestLexersAsChroma(t *testing.T) {
	got, want := GlobalLexerRegistry.Lexers, chromalexers.GlobalLexerRegistry.Lexers
	if len(got) != len(want) {
		t.Fatalf("%d lexers, want chroma's %d", len(got), len(want))
	}
	lazy := 0
	for i := range got {
		if !reflect.DeepEqual(got[i].Config(), want[i].Config()) {
			t.Errorf("lexer %d: config %+v, want %+v", i, got[i].Config(), want[i].Config())
		}
		z, ok := got[i].(*Lazy)
		if !ok {
			continue
		}
		lazy++
		rl, err := z.Load()
		if err != nil {
			t.Errorf("%s: %v", z.Config().Name, err)
			continue
		}
		if !reflect.DeepEqual(rl.Config(), z.Config()) {
			t.Errorf("%s: read %+v, indexed %+v", z.Config().Name, rl.Config(), z.Config())
		}
	}
	if lazy < 250 {
		t.Errorf("%d lexers read on first use, want most", lazy)
	}
	for _, name := range []string{"go", "python", "yaml", "PHTML", "markdown", "no-such-language"} {
		g, w := Get(name), chromalexers.Get(name)
		if (g == nil) != (w == nil) || g != nil && !reflect.DeepEqual(g.Config(), w.Config()) {
			t.Errorf("Get(%q) = %v, want %v", name, g, w)
		}
		if _, ok := w.(*chroma.RegexLexer); ok {
			if _, ok := g.(*chroma.RegexLexer); !ok {
				t.Errorf("Get(%q) is a %T, want a *chroma.RegexLexer as chroma's", name, g)
			}
		}
	}
}
