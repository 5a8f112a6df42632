package render

import (
	"strconv"
	"strings"
)

// writePage writes a page as the built-in base.html and page.html do.
func writePage(b stringWriter, v *PageView) error {
	p := v.Page
	grow(b, len(v.Body)+len(v.HTML.Facts)+len(v.HTML.Timeline)+len(v.HTML.Sources)+len(v.HTML.TOC)+
		len(v.HTML.Inverse)+len(v.HTML.Backlinks)+8192)
	footer, err := writeBaseTop(b, v.Site, v.Key, func() {
		escape(b, p.Title)
		b.WriteString(" · ")
		escape(b, v.Site.Title)
	}, func() { escape(b, p.Summary) })
	if err != nil {
		return err
	}

	// page.html's "main".
	b.WriteString("\n<article class=\"page type-")
	escape(b, p.Type)
	b.WriteString("\">\n  <header class=\"page-header\">\n    <p class=\"kicker\"><span class=\"badge type-")
	escape(b, p.Type)
	b.WriteString("\">")
	escape(b, p.TypeLabel)
	b.WriteString("</span>")
	if v.Date != "" {
		b.WriteString(" <span class=\"kicker-date\">")
		escape(b, v.Date)
		b.WriteString("</span>")
	}
	b.WriteString("</p>\n    <h1>")
	escape(b, p.Title)
	b.WriteString("</h1>")
	if len(v.Aliases) > 0 {
		b.WriteString("\n    <p class=\"aliases\">Also known as ")
		escape(b, strings.Join(v.Aliases, " · "))
		b.WriteString("</p>")
	}
	if p.Summary != "" {
		b.WriteString("\n    <p class=\"summary\">")
		escape(b, p.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n  </header>\n  <div class=\"page-grid\">\n    <div class=\"page-main\">\n      <dl class=\"facts\">\n")
	b.WriteString(string(v.HTML.Facts))
	b.WriteString("      </dl>\n      <div class=\"body\">\n")
	b.WriteString(string(v.Body))
	b.WriteString("\n      </div>")
	if len(v.Timeline) > 0 {
		b.WriteString("\n      <section class=\"page-timeline\" aria-labelledby=\"timeline-h\">\n        <h2 id=\"timeline-h\">Timeline</h2>\n        <ol class=\"timeline compact\">\n")
		b.WriteString(string(v.HTML.Timeline))
		b.WriteString("        </ol>\n      </section>")
	}
	if len(v.Sources) > 0 {
		b.WriteString("\n      <section class=\"sources\" aria-labelledby=\"sources-h\">\n        <h2 id=\"sources-h\">Sources</h2>\n        <ol>\n")
		b.WriteString(string(v.HTML.Sources))
		b.WriteString("        </ol>\n      </section>")
	}
	b.WriteString("\n    </div>\n    <aside class=\"page-side\">")
	if len(v.TOC) > 0 {
		b.WriteString("\n      <nav class=\"toc\" aria-label=\"Contents\">\n        <h2>Contents</h2>\n        <ol>")
		b.WriteString(string(v.HTML.TOC))
		b.WriteString("</ol>\n      </nav>")
	}
	b.WriteString("\n")
	b.WriteString(string(v.HTML.Inverse))
	if len(v.Backlinks) > 0 {
		b.WriteString("\n      <section class=\"backlinks\">\n        <h2>Linked from <span class=\"count\">")
		b.WriteString(strconv.Itoa(len(v.Backlinks)))
		b.WriteString("</span></h2>\n        <ul>\n")
		b.WriteString(string(v.HTML.Backlinks))
		b.WriteString("        </ul>\n      </section>")
	}
	b.WriteString("\n    </aside>\n  </div>\n</article>\n")

	writeBaseBottom(b, footer)
	return nil
}
