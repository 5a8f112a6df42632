// Package content reads a site's content/ folder: it splits each Markdown
// file into front matter and body, and gives each page its slug, id and URL.
// It knows nothing of types or links; the schema and graph packages do.
package content

import (
	"bytes"
	"hash/crc32"
	"path"
	"strings"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/slug"
	"github.com/kbgen/kb/generator/strblock"
)

// Page is one Markdown file of content/, split and identified.
type Page struct {
	Path     string  // slash-separated, relative to the site root: "content/initiatives/x.md"
	Section  string  // the first folder under content/ ("initiatives"), "" at the top
	Slug     string  // the last part of the id
	ID       string  // "initiatives/x"; "" for the home page's text
	Title    string  // the title field, or the file name
	Draft    bool    // left out unless drafts are built
	Format   string  // "yaml", "toml", "json", or "" without front matter
	Fields   []Field // every front-matter field, in the order written
	Body     []byte
	BodyLine int    // the file line on which the body starts
	Hash     uint64 // of the whole file, to skip saves that changed nothing
	Broken   bool   // the front matter could not be read; its problem is reported
}

// URL is the page's path below the site root, with slashes on both sides:
// "/initiatives/x/".
func (p *Page) URL() string {
	if p.ID == "" {
		return "/"
	}
	return "/" + p.ID + "/"
}

// Field returns the front-matter field named key.
func (p *Page) Field(key string) (Field, bool) {
	return Value{Fields: p.Fields}.Get(key)
}

// IsHome reports whether this is content/index.md, the home page's own text.
func (p *Page) IsHome() bool { return p.Path == "content/index.md" }

// IsSectionIndex reports whether this is content/<folder>/_index.md, the
// text shown above the list of a folder's pages.
func (p *Page) IsSectionIndex() bool { return path.Base(p.Path) == "_index.md" }

// Parse splits and identifies the Markdown file at path (relative to the
// site root, under content/). A page with problems is still returned
// whenever its id is known, so that other pages' links to it resolve.
func Parse(filePath string, data []byte) (*Page, diag.List) {
	return ParseKeeping(filePath, data, nil)
}

// ParseKeeping is Parse with the front matter's strings kept in text, as
// a one-off build of a large site wants them (see strblock.Chunks); with
// a nil text each page keeps its own.
func ParseKeeping(filePath string, data []byte, text *strblock.Chunks) (*Page, diag.List) {
	var problems diag.List
	p := &Page{Path: filePath, Hash: Hash(data)}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark some editors write
	fm, err := split(data, text)
	if err != nil {
		se := err.(*syntaxError)
		problems.Errorf(filePath, se.pos, "%s", se.msg)
		p.Broken = true
		p.Body = data
		p.BodyLine = 1
	} else {
		p.Format, p.Fields, p.Body, p.BodyLine = fm.format, fm.fields, fm.body, fm.bodyLine
	}

	rel := strings.TrimPrefix(filePath, "content/")
	dir, file := path.Split(rel)
	name := strings.TrimSuffix(file, path.Ext(file))
	p.Title = name
	if f, ok := p.Field("title"); ok {
		switch {
		case f.Value.Kind == KindScalar && strings.TrimSpace(f.Value.Text) != "":
			p.Title = f.Value.Text
		case f.Value.Kind == KindScalar:
			problems.Errorf(filePath, f.Value.Pos, "title must not be empty")
		default:
			problems.Errorf(filePath, f.Value.Pos, "title must be a single line of text, not %s", f.Value.Kind)
		}
	}
	if f, ok := p.Field("draft"); ok {
		switch {
		case f.Value.Kind == KindScalar && f.Value.Text == "true":
			p.Draft = true
		case f.Value.Kind == KindScalar && f.Value.Text == "false":
		default:
			problems.Errorf(filePath, f.Value.Pos, "draft must be true or false")
		}
	}

	var dirs []string
	for _, d := range strings.Split(strings.Trim(dir, "/"), "/") {
		if d != "" {
			dirs = append(dirs, slug.Make(d))
		}
	}
	if len(dirs) > 0 {
		p.Section = dirs[0]
	}
	p.Slug = slug.Make(name)
	if f, ok := p.Field("slug"); ok {
		s := f.Value.Text
		switch {
		case f.Value.Kind != KindScalar || strings.TrimSpace(s) == "":
			problems.Errorf(filePath, f.Value.Pos, "slug must not be empty")
		case strings.Contains(s, "/") || strings.Contains(s, ".."):
			problems.Errorf(filePath, f.Value.Pos, "slug %q must not hold \"/\" or \"..\"", s)
		case slug.Make(s) == "":
			problems.Errorf(filePath, f.Value.Pos, "slug %q has no letters or digits", s)
		default:
			p.Slug = slug.Make(s)
		}
	}
	switch {
	case p.IsHome():
		p.ID = ""
	case p.IsSectionIndex():
		p.ID = path.Join(dirs...)
	case p.Slug == "":
		problems.Errorf(filePath, diag.Pos{}, "the file name %q has no letters or digits to make a slug of; add a slug field", file)
	default:
		p.ID = path.Join(append(dirs, p.Slug)...)
	}
	return p, problems
}

// castagnoli is the CRC-32C table, which the hardware computes.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Hash is the file's length and CRC-32C: a cheap way to tell that a file
// saved again did not change.
func Hash(b []byte) uint64 {
	return uint64(len(b))<<32 | uint64(crc32.Checksum(b, castagnoli))
}
