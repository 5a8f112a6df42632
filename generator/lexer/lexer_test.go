package lexer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/kbgen/kb/generator/internal/modsrc"
)

// tokens tokenises text with l, as kb does (coalesced), and says whether
// it panicked, as chroma's own loop does on a failing mutator.
func tokens(l chroma.Lexer, text string) (toks []chroma.Token, panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	it, err := chroma.Coalesce(l).Tokenise(nil, text)
	if err != nil {
		return nil, true
	}
	return it.Tokens(), false
}

// same fails t unless wrapped (l, wrapped) gives the tokens chroma's own
// loop gives for text. Where chroma panics, kb's loop must not.
func same(t *testing.T, name string, l, wrapped chroma.Lexer, text string) {
	t.Helper()
	want, panicked := tokens(l, text)
	got, ourPanic := tokens(wrapped, text)
	if ourPanic {
		t.Errorf("%s: the fast loop panicked", name)
		return
	}
	if panicked {
		return
	}
	if !slices.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s: tokens differ at %d of %d/%d: got %v, want %v", name, i, len(got), len(want),
			got[i:min(i+3, len(got))], want[i:min(i+3, len(want))])
	}
}

// chromaTestdata is chroma's own lexer test inputs, from the module.
func chromaTestdata(t *testing.T) string {
	t.Helper()
	dir, _, err := modsrc.Find("github.com/alecthomas/chroma/v2")
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "lexers", "testdata")
}

// registry is the lexers under test: every one of chroma's, from kb's
// copy, wrapped. chroma's own lexers package is the reference.
var registry = Builtin()

// TestSameTokensAsChroma runs every input of chroma's lexer tests through
// its lexer both ways: 175 lexers, and the corner cases chroma's authors
// chose for them.
func TestSameTokensAsChroma(t *testing.T) {
	dir := chromaTestdata(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.actual"))
	if err != nil || len(files) < 100 {
		t.Fatalf("chroma's testdata: %d files, %v", len(files), err)
	}
	sub, _ := filepath.Glob(filepath.Join(dir, "*", "*.actual"))
	files = append(files, sub...)
	for _, file := range files {
		name := strings.Split(strings.TrimSuffix(filepath.Base(file), ".actual"), ".")[0]
		if d := filepath.Base(filepath.Dir(file)); d != "testdata" {
			name = d
		}
		if name == "analysis" {
			continue
		}
		l := lexers.Get(name)
		if l == nil {
			t.Errorf("%s: no lexer", file)
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		same(t, filepath.Base(file), l, registry.Get(name), string(src))
	}
}

// hangsInChroma are the lexers whose rules match the empty string
// forever, in chroma's own loop, on some of TestEveryLexer's inputs.
var hangsInChroma = map[string]bool{"JSONata": true, "Jungle": true}

// TestEveryLexer runs every lexer chroma registers over a few inputs in
// other languages, with CRLF line ends and without a last newline: where
// a lexer meets text it does not expect, its error paths run. The lexers
// that hang in chroma's loop must end in kb's, their tokens holding the
// whole text.
func TestEveryLexer(t *testing.T) {
	dir := chromaTestdata(t)
	var inputs []string
	for _, name := range []string{"python/test_complex_file1.actual", "go.actual", "go-html-template.actual", "bash.actual", "json.actual", "yaml.actual"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(src[:min(len(src), 600)]))
	}
	inputs = append(inputs, "a\r\nb\rc", "x = \"unterminated\n  y", "", "\n", "«ünïcödé» ≠ ascii\t\x00")
	all := lexers.GlobalLexerRegistry.Lexers
	if len(all) < 250 {
		t.Fatalf("%d lexers registered", len(all))
	}
	for _, l := range all {
		name, wrapped := l.Config().Name, registry.Get(l.Config().Name)
		for i, text := range inputs {
			if !hangsInChroma[name] {
				same(t, fmt.Sprintf("%s/%d", name, i), l, wrapped, text)
				continue
			}
			toks, panicked := tokens(wrapped, text)
			var b strings.Builder
			for _, tok := range toks {
				b.WriteString(tok.Value)
			}
			if want := strings.ReplaceAll(text, "\r\n", "\n"); panicked || b.String() != strings.ReplaceAll(want, "\r", "\n") {
				t.Errorf("%s/%d: tokens hold %q, want the text %q", name, i, b.String(), text)
			}
		}
	}
}

// TestConcurrent tokenises with one wrapped lexer on several goroutines
// at once, as a build's pages do; run with -race it checks that states
// compiled on first use are shared safely.
func TestConcurrent(t *testing.T) {
	dir := chromaTestdata(t)
	src, err := os.ReadFile(filepath.Join(dir, "python", "test_complex_file1.actual"))
	if err != nil {
		t.Fatal(err)
	}
	base := lexers.Get("python")
	want, _ := tokens(base, string(src))
	l := registry.Get("python")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got, _ := tokens(l, string(src)); !slices.Equal(got, want) {
				t.Error("tokens differ when tokenised concurrently")
			}
		})
	}
	wg.Wait()
}

// FuzzSameTokens compares the two loops on any text in the languages the
// benchmark corpus uses, and Markdown, whose lexer embeds the others.
func FuzzSameTokens(f *testing.F) {
	for _, s := range []string{"def f(x):\n    return x # c\n", "func F() {}\n", "a: [1, 2]\n", "{\"a\": 1}", "```go\nx := 1\n```\n"} {
		f.Add(s)
	}
	names := []string{"python", "go", "yaml", "json", "markdown"}
	wrapped := map[string]chroma.Lexer{}
	for _, name := range names {
		wrapped[name] = registry.Get(name)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, name := range names {
			same(t, name, lexers.Get(name), wrapped[name], text)
		}
	})
}

// TestRegistry: a lexer found in Registry runs the faster loop, and so do
// the lexers it calls for embedded languages: Org mode holding a source
// block in a language whose lexer hangs in chroma's loop ends, its tokens
// holding the whole text, the block's read by that language's lexer.
// Lexers that are not regex lexers (Markdown's, delegating ones) are held
// as they are, and chroma's own lexers keep their registry.
func TestRegistry(t *testing.T) {
	reg := registry
	if len(reg.Lexers) != len(lexers.GlobalLexerRegistry.Lexers) {
		t.Errorf("%d lexers, want %d", len(reg.Lexers), len(lexers.GlobalLexerRegistry.Lexers))
	}
	org := reg.Get("org")
	for _, lang := range []string{"org", "jungle", "jsonata", "python"} {
		if _, ok := reg.Get(lang).(*Lexer); !ok {
			t.Errorf("%s is a %T, want the faster loop", lang, reg.Get(lang))
		}
	}
	text := "* Notes\n#+begin_src jungle\nx = \"unterminated\n  y\n#+end_src\ntext\n"
	toks, panicked := tokens(org, text)
	var b strings.Builder
	names := 0
	for _, tok := range toks {
		b.WriteString(tok.Value)
		if tok.Type == chroma.Name || tok.Type == chroma.NameVariable {
			names++
		}
	}
	if panicked || b.String() != text {
		t.Errorf("tokens hold %q, want the text %q", b.String(), text)
	}
	if names == 0 {
		t.Errorf("the source block was not read as Jungle: %v", toks)
	}
	// With a language chroma's loop ends on: the same tokens as chroma's.
	same(t, "org", lexers.Get("org"), org, "* Notes\n#+begin_src python\ndef f(x):\n    return x\n#+end_src\n")
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if _, ok := l.(*chroma.RegexLexer); ok {
			continue
		}
		got := reg.Get(l.Config().Name)
		if got == nil || !reflect.DeepEqual(got.Config(), l.Config()) {
			t.Errorf("%s: got %v", l.Config().Name, got)
		}
	}
}
