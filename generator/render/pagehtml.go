package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// A page is most of a build's output, and running the built-in page.html
// through html/template cost a tenth of a build: a microsecond or more
// for each of its forty actions (each a reflective call, each printed
// value also through an escaper), on every page. When a site's base.html,
// partials.html and page.html are the built-in ones, writePage writes
// what they would, byte for byte, in Go; a site with any of its own runs
// them as always. TestWritePageAsTemplates compares the two on whole
// sites, and fails when the built-in templates change without writePage.

// builtinPageTemplates is the SHA-256 of the built-in base.html,
// partials.html and page.html, each followed by a NUL byte: the
// templates writePage writes pages as.
const builtinPageTemplates = "8afbed1583120c3c8eced3088b299452da867b77dbb26b4e09f90e1e153a8b40"

// pageTemplatesHash is the hash builtinPageTemplates is compared with.
func pageTemplatesHash(base, partials, page string) string {
	h := sha256.New()
	for _, s := range []string{base, partials, page} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writePage writes a page as the built-in base.html and page.html do.
func writePage(b *bytes.Buffer, v *PageView) error {
	p := v.Page
	b.Grow(len(v.Body) + len(v.HTML.Facts) + len(v.HTML.Timeline) + len(v.HTML.Sources) + len(v.HTML.TOC) +
		len(v.HTML.Inverse) + len(v.HTML.Backlinks) + 8192)
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

// writeBaseTop writes the built-in base.html up to its "main" block, with
// title and description writing what the page's blocks of those names
// do, and returns the footer for writeBaseBottom.
func writeBaseTop(b stringWriter, s *Site, key string, title, description func()) (footer string, err error) {
	head, err := s.Cached("head", "")
	if err != nil {
		return "", err
	}
	header, err := s.Cached("header", key)
	if err != nil {
		return "", err
	}
	foot, err := s.Cached("footer", "")
	if err != nil {
		return "", err
	}
	b.WriteString("<!doctype html>\n<html lang=\"")
	escape(b, s.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	title()
	b.WriteString("</title>\n<meta name=\"description\" content=\"")
	description()
	b.WriteString("\">\n")
	b.WriteString(string(head))
	b.WriteString("\n</head>\n<body data-base=\"")
	escape(b, s.Base)
	b.WriteString("\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
	b.WriteString(string(header))
	b.WriteString("\n<main id=\"main\" class=\"wrap\">\n")
	return string(foot), nil
}

// writeBaseBottom writes the rest of the built-in base.html, after its
// "main" block.
func writeBaseBottom(b stringWriter, footer string) {
	b.WriteString("\n</main>\n")
	b.WriteString(footer)
	b.WriteString("\n</body>\n</html>\n")
}
