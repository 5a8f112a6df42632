package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"

	"github.com/kbgen/kb/generator/diag"
)

// Layers finds a site's files in its own folder first and in the built-in
// site second: a site's templates/ and static/ override the built-in ones
// file by file.
type Layers []fs.FS

// ReadFile returns the first layer's copy of name.
func (l Layers) ReadFile(name string) ([]byte, error) {
	for _, fsys := range l {
		if fsys == nil {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if !errors.Is(err, fs.ErrNotExist) {
			return b, err
		}
	}
	return nil, fs.ErrNotExist
}

// Files lists the files under dir across layers, each once, sorted.
func (l Layers) Files(dir string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, fsys := range l {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && !seen[p] && !strings.HasPrefix(d.Name(), ".") {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	sortStrings(out)
	return out, nil
}

// pageKinds are the templates that each make a kind of page; each is
// parsed with base.html and partials.html.
func pageKinds() []string {
	return []string{"page", "list", "home", "timeline", "tags", "tag", "search", "404"}
}

// partsKind is the template set of base.html and partials.html alone,
// which Site.Cached runs its parts from.
const partsKind = "parts"

// Templates holds one parsed template set per kind of page, and the parts
// set.
type Templates struct {
	sets map[string]*template.Template
	// inGo holds the kinds of page written in Go (see writeInGo): those
	// whose base.html, partials.html and own template are the built-in
	// ones, which the Go writers write as they would.
	inGo map[string]bool
}

// WritesInGo reports whether every kind of page that has a Go writer is
// written by it, as the built-in templates make them, rather than by
// running the templates.
func (t Templates) WritesInGo() bool {
	for kind := range builtinTemplates {
		if !t.inGo[kind] {
			return false
		}
	}
	return true
}

// RunningTemplates returns the templates with every page made by running
// its template, as for a site with templates of its own, even where they
// are the built-in ones (which the Go writers otherwise write): for
// comparing the two.
func (t Templates) RunningTemplates() Templates {
	t.inGo = nil
	return t
}

// LoadTemplates parses the templates once. A template that does not parse
// is an error with its file and line.
func LoadTemplates(l Layers) (Templates, diag.List) {
	var problems diag.List
	read := func(name string) string {
		b, err := l.ReadFile("templates/" + name)
		if err != nil {
			problems.Errorf("templates/"+name, diag.Pos{}, "%v", err)
		}
		return string(b)
	}
	base, partials := read("base.html"), read("partials.html")
	if len(problems) > 0 {
		return Templates{}, problems
	}
	ts := Templates{sets: map[string]*template.Template{}, inGo: map[string]bool{}}
	for _, kind := range append(pageKinds(), partsKind) {
		files := []struct{ name, text string }{{"base.html", base}, {"partials.html", partials}}
		if kind != partsKind {
			files = append(files, struct{ name, text string }{kind + ".html", read(kind + ".html")})
		}
		if h, ok := builtinTemplates[kind]; ok && pageTemplatesHash(base, partials, files[2].text) == h {
			ts.inGo[kind] = true
		}
		t := template.New("base.html").Funcs(funcs())
		for _, part := range files {
			var err error
			if part.name == "base.html" {
				t, err = t.Parse(part.text)
			} else {
				_, err = t.New(part.name).Parse(part.text)
			}
			if err != nil {
				problems.Add(templateProblem(part.name, err))
			}
		}
		ts.sets[kind] = t
	}
	return ts, problems
}

// templateProblem places a template error: "template: page.html:12: ...".
func templateProblem(name string, err error) diag.Problem {
	msg := err.Error()
	p := diag.Problem{Path: "templates/" + name, Severity: diag.Error, Message: msg}
	rest, ok := strings.CutPrefix(msg, "template: "+name+":")
	if !ok {
		return p
	}
	lineText, after, _ := strings.Cut(rest, ":")
	if line, err := strconv.Atoi(lineText); err == nil {
		p.Pos.Line = line
		p.Message = strings.TrimSpace(after)
	}
	return p
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"join": strings.Join,
		"add":  func(a, b int) int { return a + b },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
	}
}
