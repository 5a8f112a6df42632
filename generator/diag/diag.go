// Package diag holds the problems a build finds in a site, each with the
// place it was found, so that editors and CI can jump to it.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Warning is printed and does not fail the build, unless it is strict.
	Warning Severity = iota
	// Error fails the build and leaves the previous output as it was.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Pos is a place in a file: a 1-based line and a 1-based byte column.
// The zero Pos means "the file as a whole".
type Pos struct {
	Line, Col int
}

// Problem is one thing wrong with the content, at a place.
type Problem struct {
	Path     string // slash-separated, relative to the site root
	Pos      Pos
	Severity Severity
	Message  string
}

// String formats the problem as editors and CI understand it:
// "content/x.md:7:13: error: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Pos.Line)
		if p.Pos.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Pos.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", p.Severity, p.Message)
	return b.String()
}

// List collects problems. Its methods never stop at the first one.
type List []Problem

// Errorf adds an error at path and pos.
func (l *List) Errorf(path string, pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at path and pos.
func (l *List) Warnf(path string, pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Path: path, Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add appends problems found elsewhere.
func (l *List) Add(ps ...Problem) { *l = append(*l, ps...) }

// Sort orders problems by file, line, column, then message, and drops
// exact duplicates, so that output is stable from build to build.
func (l List) Sort() List {
	slices.SortFunc(l, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(b.Severity, a.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(l)
}

// Errors reports how many problems fail the build; with strict, warnings count too.
func (l List) Errors(strict bool) int {
	n := 0
	for _, p := range l {
		if p.Severity == Error || strict {
			n++
		}
	}
	return n
}

// Fresh returns the problems of after that before does not have, where
// two problems are the same when key gives the same for both, and each of
// before stands for one of after: two alike after one before are one
// fresh. A save compares the site's problems with the last ones so, by a
// key that leaves out what moves without the problem changing (its line).
func Fresh(before, after List, key func(Problem) string) List {
	had := map[string]int{}
	for _, p := range before {
		had[key(p)]++
	}
	var fresh List
	for _, p := range after {
		if k := key(p); had[k] > 0 {
			had[k]--
		} else {
			fresh = append(fresh, p)
		}
	}
	return fresh
}

// String is the whole list, one problem per line.
func (l List) String() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Lines maps byte offsets of a text to places in its file.
type Lines struct {
	starts    []int // offsets at which lines start
	firstLine int   // the file line of the text's first line
}

// NewLines indexes text, whose first line is line firstLine of its file.
func NewLines(text []byte, firstLine int) *Lines {
	l := new(Lines)
	l.Index(text, firstLine)
	return l
}

// Index indexes text as NewLines does, in l's memory: a converter that
// indexes page after page then grows one index, not one a page.
func (l *Lines) Index(text []byte, firstLine int) {
	l.starts, l.firstLine = append(l.starts[:0], 0), firstLine
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			return
		}
		i += j + 1
		l.starts = append(l.starts, i)
	}
}

// Pos returns the place of byte offset off.
func (l *Lines) Pos(off int) Pos {
	lo, hi := 0, len(l.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return Pos{Line: lo + l.firstLine, Col: off - l.starts[lo] + 1}
}

// yamlLine finds the line in YAML errors: "yaml: line 3: did not find expected key".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// YAMLError turns an error of gopkg.in/yaml.v3 into a place and a message;
// the YAML text began on line firstLine of its file.
func YAMLError(err error, firstLine int) (Pos, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := Pos{Line: firstLine}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		// yaml.v3 counts lines from 1 for scanner errors but from 0 for
		// parser errors, which all say "did not find expected ...".
		if strings.HasPrefix(msg, "did not find expected") {
			n++
		}
		pos.Line = firstLine + n - 1
	}
	return pos, msg
}

// Count says how many of noun there are, as messages print counts: "1
// error", "2 errors", "1 page".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
