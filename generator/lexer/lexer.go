// Package lexer runs chroma's regular-expression lexers with the tokens
// chroma's own loop gives, in a fraction of the tries.
//
// chroma tokenises by trying, at each position, the current state's rules
// in order, each a regexp2 match anchored at the position (`\G`). regexp2
// skips its first-character test for anchored patterns, so every try runs
// the matcher to its first failure: a Python token tries some thirty rules
// and a 1,000-page build spent a sixth of its time there. This loop first asks each
// rule's set of possible first characters (the set regexp2 computes for
// its own unanchored searches) and tries only the rules that can match the
// character at hand. Everything else, the rules, their order, the
// mutators and emitters, is chroma's; and where chroma's loop never ends
// (a rule matching the empty string forever), this one moves on.
package lexer

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
	"github.com/kbgen/kb/generator/lexer/internal/lexers"
)

// Lexer is a chroma regex lexer with the faster loop. Its states' rules
// are compiled on first use, each state once, so a block of YAML pays for
// the states YAML's lexer enters, not for all of them; and a lexer
// defined in XML is read on first use too (see Builtin). Registry makes
// them.
type Lexer struct {
	config   *chroma.Config
	load     func() (*chroma.RegexLexer, error)
	raw      func() (chroma.Rules, error) // the rules, uncompiled
	registry *chroma.LexerRegistry
	analyser func(text string) float32 // set by SetAnalyser, or nil

	once sync.Once
	err  error
	base *chroma.RegexLexer // what load gave, once prepared
	// rules are the states' rules as mutators and emitters see them
	// (chroma's ByGroupNames reads the current rule's regexp; Raku's
	// lexer replaces rules while it runs). Each state's slice is its own,
	// and its rules are compiled copies once the state is entered.
	rules  chroma.CompiledRules
	states map[string]*state
}

// state holds one state's rules with their first characters, made when
// the state is first entered.
type state struct {
	once  sync.Once
	err   error
	rules []rule
}

// rule is a compiled rule and what the text must hold where it matches.
type rule struct {
	*chroma.CompiledRule
	filter
	// named: the rule's emitter or mutator may read the match's named
	// groups, which then have to be put in a map for every match.
	named bool
}

// readsNamed reports whether a rule's emitter or mutator may read the
// match's named groups: any emitter but a token type, any mutator but a
// push or a pop (ByGroupNames and Raku's mutators do).
func readsNamed(r chroma.Rule) bool {
	if _, ok := r.Type.(chroma.TokenType); r.Type != nil && !ok {
		return true
	}
	if r.Mutator == nil {
		return false
	}
	m, ok := r.Mutator.(chroma.SerialisableMutator)
	return !ok || m.MutatorKind() != "push" && m.MutatorKind() != "pop"
}

// filter is what regexp2 knows a match of a pattern must start with,
// from its analysis for unanchored searches: a set of first characters
// (nil when the pattern can match nothing, or there is no set), a least
// length in characters, and strings one of which begins the match (none
// when regexp2 finds none).
type filter struct {
	first    *syntax.CharSet
	min      int
	prefixes [][]rune
}

// admits reports whether a match can start at text[pos:]. It never says
// no to a match the pattern would make.
func (f *filter) admits(text []rune, pos int) bool {
	if f.first != nil && !f.first.Contains(text[pos]) || len(text)-pos < f.min {
		return false
	}
	if f.prefixes == nil {
		return true
	}
	for _, p := range f.prefixes {
		if len(text)-pos >= len(p) && slices.Equal(text[pos:pos+len(p)], p) {
			return true
		}
	}
	return false
}

// matchTimeout is the bound chroma sets on every rule's match.
const matchTimeout = 250 * time.Millisecond

// Config is the lexer's settings, known before it is read.
func (l *Lexer) Config() *chroma.Config { return l.config }

// SetRegistry sets where l's emitters find other lexers, leaving the
// chroma lexer it wraps as it was.
func (l *Lexer) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	l.registry = r
	return l
}

// SetAnalyser sets the function AnalyseText asks, in place of the chroma
// lexer's.
func (l *Lexer) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	l.analyser = analyser
	return l
}

// AnalyseText scores how likely text is in the lexer's language.
func (l *Lexer) AnalyseText(text string) float32 {
	if l.analyser != nil {
		return l.analyser(text)
	}
	base, err := l.load()
	if err != nil {
		return 0
	}
	return base.AnalyseText(text)
}

// Builtin returns a registry of every lexer chroma has, as Registry
// wraps them. They are chroma's, from a copy that reads each XML-defined
// lexer's file when the lexer is first used, where chroma's lexers
// package reads them all when a program starts (see package
// internal/lexers).
func Builtin() *chroma.LexerRegistry { return Registry(lexers.GlobalLexerRegistry) }

// Registry returns a registry holding every lexer of from, each wrapped,
// so that a lexer found in it and the lexers it finds for embedded
// languages all run the faster loop. Lexers that are not regex lexers are
// held as they are, and from's lexers are not changed.
func Registry(from *chroma.LexerRegistry) *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, l := range from.Lexers {
		switch l := l.(type) {
		case *chroma.RegexLexer:
			// Rules compiles every state's rules: chroma gives them no
			// other way.
			reg.Register(&Lexer{config: l.Config(), load: func() (*chroma.RegexLexer, error) { return l, nil }, raw: l.Rules})
		case *lexers.Lazy:
			reg.Register(&Lexer{config: l.Config(), load: l.Load, raw: l.Rules})
		default:
			reg.Register(unregistered{l})
		}
	}
	return reg
}

// unregistered holds a lexer in a registry without telling it: chroma's
// Register would point the lexer at the new registry.
type unregistered struct{ chroma.Lexer }

func (u unregistered) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return u }

// Tokenise is chroma's RegexLexer.Tokenise with the faster loop.
func (l *Lexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	l.once.Do(func() { l.err = l.prepare() })
	if l.err != nil {
		return nil, l.err
	}
	if options == nil {
		options = &chroma.TokeniseOptions{State: "root", EnsureLF: true}
	}
	if options.EnsureLF {
		text = ensureLF(text)
	}
	newlineAdded := false
	if !options.Nested && l.config.EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	it := &iterator{
		lexer: l,
		root:  options.State,
		state: chroma.LexerState{
			Registry:       l.registry,
			Lexer:          l.base,
			Text:           []rune(text),
			Stack:          []string{options.State},
			Rules:          l.rules,
			MutatorContext: map[any]any{},
		},
	}
	it.end = len(it.state.Text)
	if newlineAdded {
		it.end--
	}
	return it.next, nil
}

// prepare lays out the states as chroma's compile does: the rules of
// every state, with includes and combined states resolved, but no
// regular expression compiled yet.
func (l *Lexer) prepare() error {
	base, err := l.load()
	if err != nil {
		return err
	}
	l.base = base
	raw, err := l.raw()
	if err != nil {
		return err
	}
	rules := chroma.CompiledRules{}
	for name, rs := range raw {
		rules[name] = nil
		for _, r := range rs {
			rules[name] = append(rules[name], &chroma.CompiledRule{Rule: r})
		}
	}
	// As chroma's RegexLexer.maybeCompile: apply the lexer mutators
	// (include, combined) until none is left.
restart:
	seen := map[chroma.LexerMutator]bool{}
	for name := range rules {
		for i := range len(rules[name]) {
			m, ok := rules[name][i].Mutator.(chroma.LexerMutator)
			if !ok {
				continue
			}
			if seen[m] {
				return fmt.Errorf("%s: saw mutator %T twice", l.Config().Name, m)
			}
			seen[m] = true
			if err := m.MutateLexer(rules, name, i); err != nil {
				return err
			}
			goto restart
		}
	}
	// Includes can leave states sharing arrays; each gets its own, so
	// that compiling one state writes to no other.
	for name, rs := range rules {
		rules[name] = slices.Clone(rs)
	}
	l.rules = rules
	l.states = make(map[string]*state, len(rules))
	for name := range rules {
		l.states[name] = &state{}
	}
	return nil
}

// state returns a state's rules, compiling them on first use.
func (l *Lexer) state(name string) ([]rule, error) {
	s, ok := l.states[name]
	if !ok {
		return nil, fmt.Errorf("%s: unknown state %q", l.Config().Name, name)
	}
	s.once.Do(func() { s.rules, s.err = l.compile(l.rules[name]) })
	return s.rules, s.err
}

// compile compiles one state's rules as chroma would, in place of the
// uncompiled ones in crs, and finds each one's first characters. A rule
// shared by several states (through an include) is compiled by each;
// compiling one pattern twice gives the same matches.
func (l *Lexer) compile(crs []*chroma.CompiledRule) ([]rule, error) {
	config := l.Config()
	flags := ""
	if !config.NotMultiline {
		flags += "m"
	}
	if config.CaseInsensitive {
		flags += "i"
	}
	if config.DotAll {
		flags += "s"
	}
	out := make([]rule, len(crs))
	for i, cr := range crs {
		pattern := "(?:" + cr.Pattern + ")"
		if flags != "" {
			pattern = "(?" + flags + ")" + pattern
		}
		pattern = `\G` + pattern
		re, err := regexp2.Compile(pattern)
		if err != nil {
			return nil, fmt.Errorf("%s: failed to compile rule %q: %w", config.Name, cr.Pattern, err)
		}
		re.MatchTimeout = matchTimeout
		// A copy, so that states compiled at once on two goroutines
		// never write to one shared rule.
		c := *cr
		c.Regexp = re
		// As chroma's compile checks each rule's emitter (ByGroups: one
		// emitter a group): a state with a rule that fails ends the
		// tokens, as a lexer that fails does in chroma.
		if v, ok := c.Type.(chroma.ValidatingEmitter); ok {
			if err := v.ValidateEmitter(&c); err != nil {
				return nil, fmt.Errorf("%s: %w", config.Name, err)
			}
		}
		crs[i] = &c
		out[i] = rule{CompiledRule: &c, filter: filterOf(strings.TrimPrefix(pattern, `\G`)), named: readsNamed(c.Rule)}
	}
	return out, nil
}

// filterOf is what regexp2's analysis of pattern, unanchored, says a
// match must start with: anchored with \G, as chroma's rules are, regexp2
// computes none of it.
func filterOf(pattern string) filter {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return filter{}
	}
	code, err := syntax.Write(tree)
	if err != nil {
		return filter{}
	}
	var f filter
	if code.FcPrefix != nil {
		code.PrepareCharSetASCIIBitmaps()
		set := code.FcPrefix.PrefixSet
		f.first = &set
	}
	if o := code.FindOptimizations; o != nil {
		f.min = max(o.MinRequiredLength, 0)
		switch o.FindMode {
		case syntax.LeadingString_LeftToRight:
			f.prefixes = [][]rune{o.LeadingPrefixRunes}
		case syntax.LeadingStrings_LeftToRight:
			f.prefixes = o.LeadingPrefixesRunes
		}
	}
	return f
}

// iterator is chroma's LexerState.Iterator with the first-character test.
type iterator struct {
	lexer *Lexer
	root  string // the state the lexer started in, and returns to on errors
	end   int    // where to stop: the text's end, less a newline added
	state chroma.LexerState
	stack []chroma.Iterator // emitted tokens still to give out
	// still counts the matches in a row that read nothing: see maxStill.
	still int
}

// maxStill is how many matches in a row may read nothing before the loop
// takes the next character as an error token. A rule that matches the
// empty string and leaves the state as it was would otherwise match
// forever: chroma's own loop hangs so on some inputs of a few lexers
// (JSONata, Jungle in chroma v2.27), and with it a build. Lexers step
// through a few empty matches to change state; none needs a thousand.
const maxStill = 1000

func (it *iterator) next() chroma.Token {
	s := &it.state
	for s.Pos < it.end && len(s.Stack) > 0 {
		if t, ok := it.pending(); ok {
			return t
		}
		s.State = s.Stack[len(s.Stack)-1]
		rules, err := it.lexer.state(s.State)
		if err != nil {
			return it.fail()
		}
		i, r, groups, named := match(s.Text, s.Pos, rules, s.Rules[s.State])
		stuck := false
		if groups != nil && groups[0] == "" {
			if it.still++; it.still > maxStill {
				// Start again from the root state, past this character.
				groups, stuck = nil, true
				s.Stack = []string{it.root}
			}
		}
		if groups == nil {
			it.still = 0
			// As chroma (and Pygments): an unmatched newline returns to
			// the root state; any other character is an error token.
			if s.Text[s.Pos] == '\n' && s.State != it.root && !stuck {
				s.Stack = []string{it.root}
				continue
			}
			s.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(s.Text[s.Pos-1 : s.Pos])}
		}
		if groups[0] != "" {
			it.still = 0
		}
		s.Rule = i
		s.Groups = groups
		s.NamedGroups = named
		s.Pos += utf8.RuneCountInString(groups[0])
		if r.Mutator != nil {
			if err := r.Mutator.Mutate(s); err != nil {
				return it.fail()
			}
		}
		if r.Type != nil {
			it.stack = append(it.stack, r.Type.Emit(s.Groups, s))
		}
	}
	if t, ok := it.pending(); ok {
		return t
	}
	// Text left over with no state to read it is an error token.
	if s.Pos != len(s.Text) && len(s.Stack) == 0 {
		value := string(s.Text[s.Pos:])
		s.Pos = len(s.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// pending gives out the next token the emitters made, if any.
func (it *iterator) pending() (chroma.Token, bool) {
	for len(it.stack) > 0 {
		n := len(it.stack) - 1
		t := it.stack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			it.stack = it.stack[:n]
			continue
		}
		return t, true
	}
	return chroma.EOF, false
}

// fail ends the tokens with the rest of the text as one error token,
// where chroma would panic (a rule that does not compile, a mutator that
// fails): the block is then shown with its text unhighlighted.
func (it *iterator) fail() chroma.Token {
	s := &it.state
	s.Stack = nil
	it.stack = nil
	value := string(s.Text[s.Pos:])
	s.Pos = len(s.Text)
	if value == "" {
		return chroma.EOF
	}
	return chroma.Token{Type: chroma.Error, Value: value}
}

// match is chroma's matchRules over a state's current rules, trying a
// rule only when the character at pos can start its match. rules are the
// state's rules with their filters; a rule that a mutator has replaced
// since (current[i] is another) is always tried. The named groups are
// nil when the matching rule does not read them.
func match(text []rune, pos int, rules []rule, current []*chroma.CompiledRule) (int, *chroma.CompiledRule, []string, map[string]string) {
	for i, cr := range current {
		known := i < len(rules) && rules[i].CompiledRule == cr
		if known && !rules[i].admits(text, pos) {
			continue
		}
		m, err := cr.Regexp.FindRunesMatchStartingAt(text, pos)
		if m == nil || err != nil || m.RuneIndex != pos {
			continue
		}
		all := m.Groups()
		groups := make([]string, len(all))
		var named map[string]string
		if !known || rules[i].named {
			named = make(map[string]string, len(all))
		}
		for j, g := range all {
			groups[j] = g.String()
			if named != nil {
				named[g.Name] = groups[j]
			}
		}
		return i, cr, groups, named
	}
	return 0, nil, nil, nil
}

// ensureLF is chroma's: "\r\n" and lone "\r" become "\n".
func ensureLF(text string) string {
	if !strings.ContainsRune(text, '\r') {
		return text
	}
	buf := make([]byte, len(text))
	var j int
	for i := range len(text) {
		c := text[i]
		if c == '\r' {
			if i < len(text)-1 && text[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		buf[j] = c
		j++
	}
	return string(buf[:j])
}
