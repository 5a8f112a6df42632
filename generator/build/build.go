package build

import (
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/output"
	"github.com/kbgen/kb/generator/render"
)

// Result is what a build did.
type Result struct {
	Problems diag.List
	Pages    int
	Written  bool   // false when problems stopped the build
	BaseURL  string // the base URL the site was built for, "" for none
}

// Build builds the site at fsys into the folder out. With errors (or,
// when strict, warnings) nothing is written and the previous output stays.
func Build(fsys, builtin fs.FS, out string, strict bool, o Options) (Result, error) {
	s, res, err := loadChecked(fsys, builtin, o)
	if err != nil {
		return res, err
	}
	defer s.Close()
	if res.Problems.Errors(strict) > 0 {
		return res, nil
	}
	dir, err := output.Begin(out)
	if err != nil {
		return res, err
	}
	if ok, err := s.renderTo(dir, &res); !ok {
		dir.Abort()
		return res, err
	}
	if err := dir.Commit(); err != nil {
		return res, err
	}
	res.Written = true
	return res, nil
}

// Check is Build without the writing: it reports the same problems,
// including a template of the site's own that fails on some page, which
// only running it on every page shows. Sites on the built-in templates,
// which tests run on every kind of page, are not rendered.
func Check(fsys, builtin fs.FS, strict bool, o Options) (Result, error) {
	s, res, err := loadChecked(fsys, builtin, o)
	if err != nil {
		return res, err
	}
	defer s.Close()
	if res.Problems.Errors(strict) > 0 || !s.ownTemplates() {
		return res, nil
	}
	_, err = s.renderTo(discard{}, &res)
	return res, err
}

// loadChecked loads a site for Build or Check, spooling what it
// converts, with the problems of its content and setup.
func loadChecked(fsys, builtin fs.FS, o Options) (*Site, Result, error) {
	o.Spool = true
	s, err := Load(fsys, builtin, o)
	if err != nil {
		return nil, Result{}, err
	}
	return s, Result{Problems: s.Problems(), Pages: s.PageCount(), BaseURL: s.cfg.BaseURL}, nil
}

// renderTo renders the site into sink. A template that fails on some
// page is a problem of the result, and ok false; any other failure is
// the error.
func (s *Site) renderTo(sink Sink, res *Result) (ok bool, err error) {
	err = s.Render(sink)
	if err == nil {
		return true, nil
	}
	if p, isProblem := render.AsProblem(err); isProblem {
		res.Problems.Add(p)
		return false, nil
	}
	return false, fmt.Errorf("render: %w", err)
}

// ownTemplates reports whether the site has templates of its own.
func (s *Site) ownTemplates() bool {
	entries, err := fs.ReadDir(s.fsys, "templates")
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".html" {
			return true
		}
	}
	return false
}

// discard is a Sink that keeps nothing, for running the templates alone.
type discard struct{}

func (discard) Put(string, []byte) error              { return nil }
func (discard) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }
func (discard) Copy(string, fs.FS, string) error      { return nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
