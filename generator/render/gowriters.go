package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Pages are most of a build's output, and running the built-in page.html
// through html/template cost a tenth of a build: a microsecond or more
// for each of its forty actions (each a reflective call, each printed
// value also through an escaper), on every page. The lists are fewer but
// long: the timeline page has an entry for every date of every page, a
// type index a row for every page of its type, tag pages a card for
// every tagged page. When a site's base.html, partials.html and a kind's
// own template are the built-in ones, writeInGo writes what they would,
// byte for byte; a site with any of its own runs them as always.
// TestWritePageAsTemplates compares the two on whole sites, and
// TestBuiltinTemplates fails when a built-in template changes without its
// writer.

// builtinTemplates holds, for each kind of page kb can write in Go, the
// SHA-256 of the built-in base.html, partials.html and the kind's
// template (see pageTemplatesHash): the templates its writer writes as.
var builtinTemplates = map[string]string{
	"page":     "8afbed1583120c3c8eced3088b299452da867b77dbb26b4e09f90e1e153a8b40",
	"timeline": "36f4fb6902dcb0881d01eb002e7f24f985a1811bab926c38f91017821df50bcf",
	"list":     "e4c06ad1aca91d886ea3a04b00eedb39f43445c739613c61e58ef3e6a3b4b18e",
	"tag":      "932f1f12c08832c8aac7acf951a5e02e12b8a48d190dc581953daf037c7f81b2",
}

// pageTemplatesHash is the hash builtinTemplates holds.
func pageTemplatesHash(base, partials, page string) string {
	h := sha256.New()
	for _, s := range []string{base, partials, page} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeInGo writes a page of a kind that builtinTemplates holds, from its
// view, as its built-in templates make it.
func writeInGo(b stringWriter, data any) error {
	switch v := data.(type) {
	case *PageView:
		return writePage(b, v)
	case *TimelineView:
		return writeTimeline(b, v)
	case *ListView:
		return writeList(b, v)
	case *TagView:
		return writeTag(b, v)
	}
	return fmt.Errorf("no Go writer for %T", data)
}

// grow makes room for about n more bytes when b is a buffer, so that a
// long page's buffer grows once rather than by doubling.
func grow(b stringWriter, n int) {
	if buf, ok := b.(*bytes.Buffer); ok {
		buf.Grow(n)
	}
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
