package render

import (
	"html/template"
	"strconv"
)

// Fragments are the parts of a page that list many things, made in Go
// rather than in the template: a page lists hundreds of links, entries and
// sentences, and html/template costs about a microsecond an action. The
// built-in page.html prints them; a site's own template may use the
// structured fields of PageView instead.
type Fragments struct {
	Facts     template.HTML // the fact box's rows: fields, own relations, tags, checked date
	TOC       template.HTML // <li> items
	Timeline  template.HTML // <li> items
	Sources   template.HTML // <li> items
	Inverse   template.HTML // a <section> for each relation others state about the page
	Backlinks template.HTML // <li> items
}

// html builds a page's fragments, one after the other, in its arena.
type html struct{ buf []byte }

func (b *html) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}
func (b *html) raw(s string)  { b.buf = append(b.buf, s...) }
func (b *html) text(s string) { escape(b, s) }

func fragments(v *PageView, a *arena) Fragments {
	return Fragments{
		Facts: a.fragment(v, factsHTML), TOC: a.fragment(v, tocHTML), Timeline: a.fragment(v, timelineHTML),
		Sources: a.fragment(v, sourcesHTML), Inverse: a.fragment(v, inverseHTML), Backlinks: a.fragment(v, backlinksHTML),
	}
}

// factsHTML is the fact box's rows: fields, own relations, tags, checked date.
func factsHTML(b *html, v *PageView) {
	for _, x := range v.Facts {
		b.raw(`<div class="fact fact-`)
		b.text(x.Class)
		b.raw(`"><dt>`)
		b.text(x.Label)
		b.raw(`</dt><dd>`)
		if x.URL != "" {
			b.raw(`<a href="`)
			b.text(x.URL)
			b.raw(`" rel="external noopener">`)
			b.text(x.Value)
			b.raw(`</a>`)
		} else {
			b.text(x.Value)
		}
		b.raw("</dd></div>\n")
	}
	for _, g := range v.Relations {
		if g.Inverse {
			continue
		}
		b.raw(`<div class="fact fact-relation"><dt>`)
		b.text(g.Label)
		b.raw(`</dt><dd>`)
		for i, p := range g.Pages {
			if i > 0 {
				b.raw(", ")
			}
			b.raw(string(p.HTML))
		}
		b.raw("</dd></div>\n")
	}
	if len(v.Tags) > 0 {
		b.raw(`<div class="fact fact-tags"><dt>Tags</dt><dd>`)
		for _, t := range v.Tags {
			b.raw(`<a class="tag" href="`)
			b.text(t.URL)
			b.raw(`">#`)
			b.text(t.Name)
			b.raw(`</a> `)
		}
		b.raw("</dd></div>\n")
	}
	if v.Updated != "" {
		b.raw(`<div class="fact fact-updated"><dt>Checked</dt><dd>`)
		b.text(v.Updated)
		b.raw("</dd></div>\n")
	}
}

// tocHTML is the table of contents' items.
func tocHTML(b *html, v *PageView) {
	for _, h := range v.TOC {
		b.raw(`<li class="toc-`)
		b.raw(strconv.Itoa(h.Level))
		b.raw(`"><a href="#`)
		b.text(h.ID)
		b.raw(`">`)
		b.text(h.Text)
		b.raw("</a></li>")
	}
}

// timelineHTML is the page's timeline's items.
func timelineHTML(b *html, v *PageView) {
	for i := range v.Timeline {
		v.Timeline[i].write(b)
		b.raw("\n")
	}
}

// sourcesHTML is the numbered sources' items.
func sourcesHTML(b *html, v *PageView) {
	for _, s := range v.Sources {
		b.raw(`<li><a href="`)
		b.text(s.URL)
		b.raw(`" rel="external noopener">`)
		b.text(s.Title)
		b.raw(`</a>`)
		if s.Publisher != "" {
			b.raw(`, <span class="publisher">`)
			b.text(s.Publisher)
			b.raw(`</span>`)
		}
		if s.Date != "" {
			b.raw(", ")
			b.text(s.Date)
		}
		b.raw("</li>\n")
	}
}

// inverseHTML is a section for each relation others state about the page.
func inverseHTML(b *html, v *PageView) {
	for _, g := range v.Relations {
		if !g.Inverse {
			continue
		}
		b.raw(`<section class="relation"><h2>`)
		b.text(g.Label)
		b.raw(` <span class="count">`)
		b.raw(strconv.Itoa(len(g.Pages)))
		b.raw(`</span></h2><ul>`)
		for _, p := range g.Pages {
			b.raw("<li>")
			b.raw(string(p.HTML))
			b.raw("</li>")
		}
		b.raw("</ul></section>\n")
	}
}

// backlinksHTML is the items of the pages that link here, each with its sentence.
func backlinksHTML(b *html, v *PageView) {
	for _, bl := range v.Backlinks {
		b.raw("<li>")
		b.raw(string(bl.Page.HTML))
		for _, c := range bl.Contexts {
			b.raw("<blockquote>")
			b.text(c.Before)
			b.raw("<mark>")
			b.text(c.Link)
			b.raw("</mark>")
			b.text(c.After)
			b.raw("</blockquote>")
		}
		b.raw("</li>\n")
	}
}
