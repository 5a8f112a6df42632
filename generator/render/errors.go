package render

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kbgen/kb/generator/diag"
)

// TemplateError is a template that failed while it made an output: a
// mistake in a site's templates that parsing cannot see, such as a field
// that does not exist or an index out of range, met on some page.
type TemplateError struct {
	Kind   string // which template ran: "page" for templates/page.html
	Output string // the output it was making, when known: "risks/x/index.html"
	Err    error
}

func (e *TemplateError) Error() string {
	msg := fmt.Sprintf("templates/%s.html: %v", e.Kind, e.Err)
	if e.Output != "" {
		msg += " (making " + e.Output + ")"
	}
	return msg
}

func (e *TemplateError) Unwrap() error { return e.Err }

// Problem places the error in the template file it names, which may be
// another than the one that ran ("base.html", "partials.html"):
//
//	templates/page.html:3:28: error: executing "main" at <.Page.Nope>: can't evaluate field Nope in type *render.PageLink (making risks/x/index.html)
func (e *TemplateError) Problem() diag.Problem {
	p := diag.Problem{Path: "templates/" + e.Kind + ".html", Severity: diag.Error, Message: e.Err.Error()}
	if name, pos, msg, ok := placeTemplateError(e.Err.Error()); ok {
		p.Path, p.Pos, p.Message = "templates/"+name, pos, msg
	}
	if e.Output != "" {
		p.Message += " (making " + e.Output + ")"
	}
	return p
}

// AsProblem is the problem a template error makes, for reporting it with
// the content's; ok is false for other errors (a disk that is full).
func AsProblem(err error) (p diag.Problem, ok bool) {
	var te *TemplateError
	if !errors.As(err, &te) {
		return diag.Problem{}, false
	}
	return te.Problem(), true
}

// placeTemplateError reads where text/template ("template: page.html:3:28:
// msg") and html/template ("html/template:page.html:3:28: msg") say an
// error is.
func placeTemplateError(s string) (name string, pos diag.Pos, msg string, ok bool) {
	rest, found := strings.CutPrefix(s, "template: ")
	if !found {
		if rest, found = strings.CutPrefix(s, "html/template:"); !found {
			return "", pos, "", false
		}
	}
	name, rest, found = strings.Cut(rest, ":")
	if !found || !strings.HasSuffix(name, ".html") {
		return "", pos, "", false
	}
	lineText, rest, found := strings.Cut(rest, ":")
	line, err := strconv.Atoi(lineText)
	if !found || err != nil {
		return "", pos, "", false
	}
	pos.Line = line
	if colText, after, found := strings.Cut(rest, ":"); found {
		if col, err := strconv.Atoi(colText); err == nil {
			pos.Col, rest = col, after
		}
	}
	return name, pos, strings.TrimSpace(rest), true
}
