package render

import (
	"strconv"
)

// writeTimeline writes the timeline page as the built-in base.html and
// timeline.html do. The page has an entry for every date of every page
// (300,000 at 100,000 pages), each of which the template printed through
// a reflective call and a string of its own; here each is written
// straight into b.
func writeTimeline(b stringWriter, v *TimelineView) error {
	s := v.Site
	footer, err := writeBaseTop(b, s, v.Key, func() {
		b.WriteString("Timeline · ")
		escape(b, s.Title)
	}, func() {
		b.WriteString("Everything in ")
		escape(b, s.Title)
		b.WriteString(" that happened, in order.")
	})
	if err != nil {
		return err
	}
	b.WriteString("\n<header class=\"page-header\">\n  <h1>Timeline <span class=\"count\">")
	b.WriteString(strconv.Itoa(v.Count))
	b.WriteString("</span></h1>\n  <p class=\"summary\">Every dated fact of the knowledge base: when each initiative was announced, adopted, took force or was revoked, and every event and milestone.</p>\n</header>\n<form class=\"filters\" id=\"timeline-filters\" hidden>")
	for _, f := range v.Filters {
		b.WriteString("\n  <label>")
		escape(b, f.Label)
		b.WriteString("\n    <select name=\"")
		escape(b, f.Name)
		b.WriteString("\"><option value=\"\">all</option>")
		for _, o := range f.Options {
			b.WriteString("<option value=\"")
			escape(b, o.Value)
			b.WriteString("\">")
			escape(b, o.Label)
			b.WriteString("</option>")
		}
		b.WriteString("</select>\n  </label>")
	}
	b.WriteString("\n  <label>Order <select name=\"order\"><option value=\"newest\">newest first</option><option value=\"oldest\">oldest first</option></select></label>\n  <button type=\"reset\">Clear</button>\n  <output class=\"shown\" aria-live=\"polite\"></output>\n</form>\n<div class=\"timeline-full\" id=\"timeline\">")
	for y := range v.Years {
		year := strconv.Itoa(y.Year)
		b.WriteString("\n  <section class=\"year\" data-year=\"")
		b.WriteString(year)
		b.WriteString("\">\n    <h2 class=\"year-mark\">")
		b.WriteString(year)
		b.WriteString("</h2>")
		for _, m := range y.Months {
			b.WriteString("\n    <div class=\"month\">\n      ")
			if m.Name != "" {
				b.WriteString("<h3 class=\"month-mark\">")
				escape(b, m.Name)
				b.WriteString("</h3>")
			}
			b.WriteString("\n      <ol class=\"timeline\">")
			for i := range m.Entries {
				b.WriteString("\n      ")
				m.Entries[i].write(b)
			}
			b.WriteString("\n      </ol>\n    </div>")
		}
		b.WriteString("\n  </section>")
	}
	b.WriteString("\n</div>\n")
	writeBaseBottom(b, footer)
	return nil
}
