package render

import (
	"bytes"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
)

// Cell is one cell of a type index: the text shown and the key it sorts by.
type Cell struct {
	Text, Sort string
}

// Row is a page in a type index.
type Row struct {
	Page  *PageLink
	Cells []Cell
}

// HTML is the row as the built-in list.html shows it, made in Go as
// PageLink.HTML is: a type index has a row for every page of its type.
func (r Row) HTML() template.HTML {
	var b strings.Builder
	b.Grow(len(r.Page.Title) + len(r.Page.HTML) + len(r.Page.Summary) + 64*len(r.Cells) + 96)
	r.write(&b)
	return template.HTML(b.String())
}

// write writes the row's HTML.
func (r *Row) write(b stringWriter) {
	b.WriteString(`<tr><td data-sort="`)
	escape(b, r.Page.Title)
	b.WriteString(`">`)
	b.WriteString(string(r.Page.HTML))
	if r.Page.Summary != "" {
		b.WriteString(`<span class="row-summary">`)
		escape(b, r.Page.Summary)
		b.WriteString(`</span>`)
	}
	b.WriteString(`</td>`)
	for _, c := range r.Cells {
		b.WriteString(`<td`)
		if c.Sort != "" {
			b.WriteString(` data-sort="`)
			escape(b, c.Sort)
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		escape(b, c.Text)
		b.WriteString(`</td>`)
	}
	b.WriteString(`</tr>`)
}

// Column is a column of a type index; enum and bool columns can filter.
type Column struct {
	Label   string
	Name    string
	Filter  []string // the values to filter by, or nil
	Numeric bool
}

// ListView is the data of a type index.
type ListView struct {
	Site    *Site
	Key     string
	Title   string
	Intro   template.HTML
	Columns []Column
	Rows    []Row
}

// intro is the text of the home page or of a type index, from
// content/index.md or content/<folder>/_index.md, and its title when it
// gives one (a file's name is no title: "index", "_index").
func (r *Renderer) intro(n *graph.Node, title string) (template.HTML, string, error) {
	if n == nil {
		return "", title, nil
	}
	body, err := r.body(n, &arena{}) // a fresh arena, never reused
	if n.Title != "index" && n.Title != "_index" {
		title = n.Title
	}
	return body, title, err
}

// List renders the index of a type.
func (r *Renderer) List(t *schema.Type) (File, error) {
	return fileOf(func(put func(string, []byte) error) error { return r.WriteList(t, put) })
}

// fileOf is the file write hands to its put, copied, for a caller that
// keeps it (serve, tests); a build has each written out from the buffer.
func fileOf(write func(put func(path string, data []byte) error) error) (File, error) {
	var f File
	err := write(func(path string, data []byte) error {
		f = File{Path: path, Data: bytes.Clone(data)}
		return nil
	})
	return f, err
}

// WriteList renders the index of a type and hands it to put, which must
// not keep the bytes: at 100,000 pages an index is megabytes, which
// copying cost as much again.
func (r *Renderer) WriteList(t *schema.Type, put func(path string, data []byte) error) error {
	v, err := r.listView(t)
	if err != nil {
		return err
	}
	return r.executeTo("list", v, func(b []byte) error { return put(t.Folder+"/index.html", b) })
}

// listView is the data of a type's index.
func (r *Renderer) listView(t *schema.Type) (*ListView, error) {
	v := &ListView{Site: r.site, Key: t.Folder, Title: t.Label}
	var err error
	if v.Intro, v.Title, err = r.intro(r.g.Sections[t.Folder], v.Title); err != nil {
		return nil, err
	}
	cols := t.Columns
	if cols == nil {
		for _, f := range t.Fields {
			cols = append(cols, f.Name)
		}
	}
	v.Columns = append(v.Columns, Column{Label: "Date", Name: "date"})
	for _, c := range cols {
		f, _ := t.Field(c)
		col := Column{Label: f.Label, Name: f.Name}
		switch f.Kind {
		case schema.KindEnum:
			for _, val := range f.Values {
				col.Filter = append(col.Filter, f.Show(val))
			}
		case schema.KindBool:
			col.Filter = []string{"yes", "no"}
		}
		v.Columns = append(v.Columns, col)
	}
	for _, n := range r.pagesOfType(t.Name) {
		row := Row{Page: r.pageLink(n)}
		row.Cells = append(row.Cells, Cell{Text: dateRange(n.Meta.Date, n.Meta.End), Sort: n.Meta.Date.String()})
		for _, c := range cols {
			cell := Cell{}
			for _, fv := range n.Meta.Values {
				if fv.Field.Name == c {
					cell.Text = fv.Display()
					if fv.Field.Kind == schema.KindEnum {
						cell.Text = fv.Field.Show(fv.Text)
					}
					cell.Sort = cell.Text
					if fv.Field.Kind == schema.KindDate {
						cell.Sort = fv.Date.String()
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	slices.SortFunc(v.Rows, func(a, b Row) int { return comparePages(a.Page, b.Page) })
	dropEmptyColumns(v)
	return v, nil
}

// dropEmptyColumns leaves out the columns no page has a value in, and
// the filter choices no page has.
func dropEmptyColumns(v *ListView) {
	keep := make([]bool, len(v.Columns))
	present := make([]map[string]bool, len(v.Columns))
	for i := range present {
		present[i] = map[string]bool{}
	}
	for _, row := range v.Rows {
		for i, c := range row.Cells {
			if c.Text != "" {
				keep[i] = true
				present[i][c.Text] = true
			}
		}
	}
	var cols []Column
	for i, c := range v.Columns {
		if !keep[i] {
			continue
		}
		c.Filter = slices.DeleteFunc(slices.Clone(c.Filter), func(x string) bool { return !present[i][x] })
		cols = append(cols, c)
	}
	for r := range v.Rows {
		var cells []Cell
		for i, c := range v.Rows[r].Cells {
			if keep[i] {
				cells = append(cells, c)
			}
		}
		v.Rows[r].Cells = cells
	}
	v.Columns = cols
}

func comparePages(a, b *PageLink) int {
	if c := compareLower(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// TypeCount is a line of the home page's overview.
type TypeCount struct {
	Label, Singular, URL string
	Count                int
}

// Change is a recently updated page.
type Change struct {
	Page    *PageLink
	Updated string
}

// HomeView is the data of the home page.
type HomeView struct {
	Site     *Site
	Key      string
	Title    string
	Intro    template.HTML
	Types    []TypeCount
	Pages    []*PageLink // plain pages, such as "about"
	Changes  []Change
	Latest   []Entry
	Upcoming []Entry
	Total    int
}

// Home renders the home page.
func (r *Renderer) Home() (File, error) {
	v := &HomeView{Site: r.site, Key: "home", Title: r.cfg.Title, Total: len(r.g.IDs())}
	var err error
	if v.Intro, v.Title, err = r.intro(r.g.Home, v.Title); err != nil {
		return File{}, err
	}
	for _, t := range r.cfg.Schema.Types {
		v.Types = append(v.Types, TypeCount{Label: t.Label, Singular: t.Singular, URL: r.url("/" + t.Folder + "/"), Count: len(r.pagesOfType(t.Name))})
	}
	for _, n := range r.pagesOfType(schema.PageType) {
		v.Pages = append(v.Pages, r.pageLink(n))
	}
	slices.SortFunc(v.Pages, comparePages)
	v.Changes = r.changes(10)
	lines := r.allLines()
	next, _ := slices.BinarySearchFunc(lines, r.asOf, func(l *dayLine, asOf schema.Date) int {
		if l.date().Compare(asOf) <= 0 {
			return -1
		}
		return 1
	})
	if r.asOf.IsZero() {
		next = len(lines)
	}
	for i := next; i < len(lines) && len(v.Upcoming) < 4; i++ {
		e := r.lineEntry(lines[i], false, "", false)
		e.Upcoming = true
		v.Upcoming = append(v.Upcoming, e)
	}
	for i := next - 1; i >= 0 && len(v.Latest) < 8; i-- {
		v.Latest = append(v.Latest, r.lineEntry(lines[i], false, "", false))
	}
	b, err := r.execute("home", v)
	return File{Path: "index.html", Data: b}, err
}

// changes returns the n pages updated last, newest first.
func (r *Renderer) changes(n int) []Change {
	ids := r.g.IDs()
	dates := make([]schema.Date, len(ids))
	for i := range ids {
		dates[i] = changed(r.g.Nth(i))
	}
	var out []Change
	for _, i := range newest(dates, n) {
		out = append(out, Change{Page: r.pageLink(r.g.Nth(i)), Updated: dates[i].Display()})
	}
	return out
}

// newest returns the indexes of the n latest dates, latest first, and of
// equal dates the first first: what a stable sort would put first. It
// keeps the n as it goes rather than sort them all: a site of 100,000
// pages shows 50.
func newest(dates []schema.Date, n int) []int {
	kept := make([]int, 0, n+1)
	for i, d := range dates {
		if len(kept) == n && (n == 0 || d.Compare(dates[kept[n-1]]) <= 0) {
			continue // no later than the last kept, which comes first
		}
		// After every kept date as late or later: those came first.
		at, _ := slices.BinarySearchFunc(kept, d, func(k int, d schema.Date) int {
			if dates[k].Compare(d) >= 0 {
				return -1
			}
			return 1
		})
		kept = slices.Insert(kept, at, i)
		if len(kept) > n {
			kept = kept[:n]
		}
	}
	return kept
}

// changed is when a page last changed, as far as its front matter says.
func changed(n *graph.Node) schema.Date {
	if !n.Meta.Updated.IsZero() {
		return n.Meta.Updated
	}
	return n.Meta.Date
}

// tagIndex groups published pages by tag slug; names keeps the first
// spelling seen of each.
func (r *Renderer) tagIndex() (pages map[string][]*graph.Node, names map[string]string) {
	pages, names = map[string][]*graph.Node{}, map[string]string{}
	for i := range r.g.IDs() {
		n := r.g.Nth(i)
		for _, t := range n.Meta.Tags {
			s := slug.Make(t)
			if ps := pages[s]; s == "" || len(ps) > 0 && ps[len(ps)-1] == n {
				continue
			}
			if _, ok := names[s]; !ok {
				names[s] = t
			}
			pages[s] = append(pages[s], n)
		}
	}
	return pages, names
}

// TagsView is the data of the tags index.
type TagsView struct {
	Site *Site
	Key  string
	Tags []Tag
}

// TagView is the data of a tag's page.
type TagView struct {
	Site  *Site
	Key   string
	Tag   Tag
	Pages []*PageLink
}

// Tags renders the tags index and a page for each tag, handing each to
// put as it is made.
func (r *Renderer) Tags(put func(path string, data []byte) error) error {
	pages, names := r.tagIndex()
	v := &TagsView{Site: r.site, Key: "tags"}
	for _, s := range slices.Sorted(maps.Keys(pages)) {
		tag := Tag{Name: names[s], Slug: s, URL: r.url("/tags/" + s + "/"), Count: len(pages[s])}
		v.Tags = append(v.Tags, tag)
		if err := r.writeTag(s, pages[s], names[s], put); err != nil {
			return err
		}
	}
	return r.executeTo("tags", v, func(b []byte) error { return put("tags/index.html", b) })
}

// Tag renders the page of one tag.
func (r *Renderer) Tag(s string) (File, error) {
	pages, names := r.tagIndex()
	return r.tagPage(s, pages[s], names[s])
}

func (r *Renderer) tagPage(s string, pages []*graph.Node, name string) (File, error) {
	return fileOf(func(put func(string, []byte) error) error { return r.writeTag(s, pages, name, put) })
}

// writeTag renders the page of one tag and hands it to put, which must
// not keep the bytes.
func (r *Renderer) writeTag(s string, pages []*graph.Node, name string, put func(path string, data []byte) error) error {
	v := &TagView{Site: r.site, Key: "tags", Tag: Tag{Name: name, Slug: s, URL: r.url("/tags/" + s + "/"), Count: len(pages)}}
	v.Pages = make([]*PageLink, 0, len(pages))
	for _, n := range pages {
		v.Pages = append(v.Pages, r.pageLink(n))
	}
	slices.SortFunc(v.Pages, comparePages)
	return r.executeTo("tag", v, func(b []byte) error { return put("tags/"+s+"/index.html", b) })
}

// SimpleView is the data of pages that need only the site: search, 404.
type SimpleView struct {
	Site *Site
	Key  string
}

// Search renders the search page; the index is SearchIndex.
func (r *Renderer) Search() (File, error) {
	b, err := r.execute("search", &SimpleView{Site: r.site, Key: "search"})
	return File{Path: "search/index.html", Data: b}, err
}

// NotFound renders 404.html.
func (r *Renderer) NotFound() (File, error) {
	b, err := r.execute("404", &SimpleView{Site: r.site})
	return File{Path: "404.html", Data: b}, err
}
