package render

import (
	"html/template"
	"strconv"
	"strings"
)

// writeList writes a type index as the built-in base.html and list.html
// do.
func writeList(b stringWriter, v *ListView) error {
	s := v.Site
	if len(v.Rows) > 0 {
		grow(b, len(v.Rows)*(400+64*len(v.Rows[0].Cells))) // a row's size, about
	}
	footer, err := writeBaseTop(b, s, v.Key, func() {
		escape(b, v.Title)
		b.WriteString(" · ")
		escape(b, s.Title)
	}, func() { escape(b, s.Description) })
	if err != nil {
		return err
	}
	b.WriteString("\n<header class=\"page-header\">\n  <h1>")
	escape(b, v.Title)
	b.WriteString(" <span class=\"count\">")
	b.WriteString(strconv.Itoa(len(v.Rows)))
	b.WriteString("</span></h1>\n</header>\n")
	if v.Intro != "" {
		b.WriteString("<div class=\"body intro\">")
		b.WriteString(string(v.Intro))
		b.WriteString("</div>")
	}
	b.WriteString("\n<div class=\"table-tools\" hidden>\n  <input type=\"search\" class=\"table-filter\" placeholder=\"Filter by title…\" aria-label=\"Filter by title\">")
	for i, c := range v.Columns {
		if len(c.Filter) == 0 {
			continue
		}
		b.WriteString("\n  <label>")
		escape(b, c.Label)
		b.WriteString(" <select data-col=\"")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString("\"><option value=\"\">all</option>")
		for _, f := range c.Filter {
			b.WriteString("<option>")
			escape(b, f)
			b.WriteString("</option>")
		}
		b.WriteString("</select></label>")
	}
	b.WriteString("\n  <span class=\"shown\" aria-live=\"polite\"></span>\n</div>\n<div class=\"table-wrap\">\n<table class=\"index\">\n  <thead><tr><th scope=\"col\" aria-sort=\"ascending\"><button type=\"button\">Title</button></th>")
	for _, c := range v.Columns {
		b.WriteString("<th scope=\"col\"><button type=\"button\">")
		escape(b, c.Label)
		b.WriteString("</button></th>")
	}
	b.WriteString("</tr></thead>\n  <tbody>")
	for i := range v.Rows {
		b.WriteString("\n  ")
		v.Rows[i].write(b)
	}
	b.WriteString("\n  </tbody>\n</table>\n</div>\n")
	writeBaseBottom(b, footer)
	return nil
}

// writeTag writes a tag's page as the built-in base.html, partials.html
// and tag.html do.
func writeTag(b stringWriter, v *TagView) error {
	s := v.Site
	grow(b, len(v.Pages)*400) // a card's size, about
	footer, err := writeBaseTop(b, s, v.Key, func() {
		b.WriteString("#")
		escape(b, v.Tag.Name)
		b.WriteString(" · ")
		escape(b, s.Title)
	}, func() { escape(b, s.Description) })
	if err != nil {
		return err
	}
	b.WriteString("\n<header class=\"page-header\">\n  <p class=\"kicker\"><a href=\"")
	b.WriteString(s.baseHref)
	b.WriteString("tags/\">Tags</a></p>\n  <h1>#")
	escape(b, v.Tag.Name)
	b.WriteString(" <span class=\"count\">")
	b.WriteString(strconv.Itoa(v.Tag.Count))
	b.WriteString("</span></h1>\n</header>\n<ul class=\"cards\">")
	for _, p := range v.Pages {
		b.WriteString("\n  ")
		p.writeCard(b)
	}
	b.WriteString("\n</ul>\n")
	writeBaseBottom(b, footer)
	return nil
}

// baseHref is base as html/template prints it at the start of a link's
// href (tag.html's href="{{.Site.Base}}tags/"): filtered and normalized
// as a URL, then escaped, which a base path of plain ASCII comes through
// unchanged.
func baseHref(base string) string {
	var b strings.Builder
	t := template.Must(template.New("href").Parse(`<a href="{{.}}">`))
	if err := t.Execute(&b, base); err != nil {
		return base // a string cannot fail to print
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
}
