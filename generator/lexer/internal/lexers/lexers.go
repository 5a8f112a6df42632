// Package lexers is chroma's lexers package, copied, with its lexers
// defined in XML registered lazily: chroma's own reads the start of each
// of its 279 XML files when a program starts (`kb help` took 0.06 s and
// 19 MB with it, 0.03-0.04 s and 14 MB without), where this one reads a
// lexer's file when the lexer is first used. The lexers and
// their XML files are chroma's, byte for byte (see COPYING); only this
// file is kb's.
//
// The copy is made by the test: `go test ./generator/lexer/internal/lexers
// -update` copies the lexers of the chroma version go.mod names, and
// without -update the test fails where the copy differs from them. Run
// it after upgrading chroma.
package lexers

import (
	"embed"
	"encoding/xml"
	"fmt"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed embedded
var embedded embed.FS

// GlobalLexerRegistry is the registry of every lexer, as chroma's. The
// lexers defined in Go register themselves in it as they do in chroma.
var GlobalLexerRegistry = func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, x := range xmlLexers {
		reg.Register(&Lazy{config: x.config, path: x.path})
	}
	return reg
}()

// xmlLexer is a lexer defined in one of the embedded XML files, with the
// settings its <config> holds (see index.go).
type xmlLexer struct {
	path   string
	config *chroma.Config
}

// Lazy is a lexer defined in an embedded XML file, read on first use.
// Its Config is known without reading the file.
type Lazy struct {
	config   *chroma.Config
	path     string
	registry *chroma.LexerRegistry

	once  sync.Once
	lexer *chroma.RegexLexer
	err   error
}

// Load reads the lexer's file, once, and returns the lexer, pointed at
// the registry Lazy was registered in.
func (l *Lazy) Load() (*chroma.RegexLexer, error) {
	l.once.Do(func() {
		l.lexer, l.err = chroma.NewXMLLexer(embedded, l.path)
		if l.err == nil && l.registry != nil {
			l.lexer.SetRegistry(l.registry)
		}
	})
	return l.lexer, l.err
}

// Rules reads the lexer's rules from its file as chroma does, but leaves
// their patterns uncompiled: chroma's RegexLexer.Rules compiles those of
// every state before it returns, where kb's loop compiles a state's when
// it enters the state (see package lexer).
func (l *Lazy) Rules() (chroma.Rules, error) {
	f, err := embedded.Open(l.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lexer struct {
		chroma.Config
		Rules chroma.Rules `xml:"rules"`
	}
	if err := xml.NewDecoder(f).Decode(&lexer); err != nil {
		return nil, fmt.Errorf("%s: %w", l.path, err)
	}
	return lexer.Rules, nil
}

// Config is the lexer's settings, read from its file when it was copied.
func (l *Lazy) Config() *chroma.Config { return l.config }

// Tokenise reads the lexer's file, if it has not yet, and tokenises.
func (l *Lazy) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	lexer, err := l.Load()
	if err != nil {
		return nil, err
	}
	return lexer.Tokenise(options, text)
}

// SetRegistry sets where the lexer finds other lexers. Registering a lexer
// sets it, before the lexer is first used.
func (l *Lazy) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.registry = r
	return l
}

// SetAnalyser reads the lexer's file and sets its analyser.
func (l *Lazy) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	if lexer, err := l.Load(); err == nil {
		lexer.SetAnalyser(analyser)
	}
	return l
}

// AnalyseText reads the lexer's file and scores text.
func (l *Lazy) AnalyseText(text string) float32 {
	lexer, err := l.Load()
	if err != nil {
		return 0
	}
	return lexer.AnalyseText(text)
}

// Names of all lexers, optionally including aliases.
func Names(withAliases bool) []string {
	return GlobalLexerRegistry.Names(withAliases)
}

// Aliases of all the lexers, and skip those lexers who do not have any aliases,
// or show their name instead
func Aliases(skipWithoutAliases bool) []string {
	return GlobalLexerRegistry.Aliases(skipWithoutAliases)
}

// Get a Lexer by name, alias or file extension. A lexer defined in XML
// is read and returned as chroma's Get returns it, a *chroma.RegexLexer,
// which the lexers defined in Go expect (PHTML's rules are PHP's).
func Get(name string) chroma.Lexer {
	return loaded(GlobalLexerRegistry.Get(name))
}

// MatchMimeType attempts to find a lexer for the given MIME type.
func MatchMimeType(mimeType string) chroma.Lexer {
	return loaded(GlobalLexerRegistry.MatchMimeType(mimeType))
}

// Match returns the first lexer matching filename.
func Match(filename string) chroma.Lexer {
	return loaded(GlobalLexerRegistry.Match(filename))
}

// loaded is l, read if it is Lazy. A lexer whose file cannot be read
// (none can fail: TestLexersAsChroma reads them all) stays Lazy, and
// fails when it is used.
func loaded(l chroma.Lexer) chroma.Lexer {
	if z, ok := l.(*Lazy); ok {
		if rl, err := z.Load(); err == nil {
			return rl
		}
	}
	return l
}

// Register a Lexer with the global registry.
func Register(lexer chroma.Lexer) chroma.Lexer {
	return GlobalLexerRegistry.Register(lexer)
}

// Analyse text content and return the "best" lexer..
func Analyse(text string) chroma.Lexer {
	return loaded(GlobalLexerRegistry.Analyse(text))
}

// PlaintextRules is used for the fallback lexer as well as the explicit
// plaintext lexer.
func PlaintextRules() chroma.Rules {
	return chroma.Rules{
		"root": []chroma.Rule{
			{Pattern: `.+`, Type: chroma.Text},
			{Pattern: `\n`, Type: chroma.Text},
		},
	}
}

// Fallback lexer if no other is found.
var Fallback chroma.Lexer = chroma.MustNewLexer(&chroma.Config{
	Name:      "fallback",
	Filenames: []string{"*"},
	Priority:  -1,
}, PlaintextRules)
