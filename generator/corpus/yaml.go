package corpus

import (
	"strconv"
	"strings"
)

// The front matter is written by hand rather than with a YAML encoder so
// that it looks like what people write: unquoted enums and dates, flow
// lists for short lists, block lists for long ones.

// writeCommon writes title, summary and date.
func writeCommon(b *strings.Builder, indent string, p *page, date string) {
	b.WriteString(indent + "title: " + quote(p.title) + "\n")
	b.WriteString(indent + "summary: " + quote(p.summary) + "\n")
	if date != "" {
		b.WriteString(indent + "date: " + date + "\n")
	}
}

// writeScalar writes one scalar field; free text is quoted.
func writeScalar(b *strings.Builder, indent string, f field) {
	v := f.value
	if f.text {
		v = quote(v)
	}
	b.WriteString(indent + f.key + ": " + v + "\n")
}

// writeList writes a list of already rendered scalars, if it has any:
// up to four as a flow list, more as a block list.
func writeList(b *strings.Builder, indent, key string, items []string) {
	switch {
	case len(items) == 0:
	case len(items) <= 4:
		b.WriteString(indent + key + ": [" + strings.Join(items, ", ") + "]\n")
	default:
		b.WriteString(indent + key + ":\n")
		for _, it := range items {
			b.WriteString(indent + "  - " + it + "\n")
		}
	}
}

// writeExtras writes timeline, sources and updated: the common fields
// that hold structure.
func writeExtras(b *strings.Builder, indent string, p *page) {
	if len(p.timeline) > 0 {
		b.WriteString(indent + "timeline:\n")
		for _, m := range p.timeline {
			b.WriteString(indent + "  - date: " + m.date + "\n")
			b.WriteString(indent + "    title: " + quote(m.title) + "\n")
		}
	}
	if len(p.sources) > 0 {
		b.WriteString(indent + "sources:\n")
		for _, s := range p.sources {
			b.WriteString(indent + "  - title: " + quote(s.title) + "\n")
			b.WriteString(indent + "    url: " + s.url + "\n")
			b.WriteString(indent + "    publisher: " + quote(s.publisher) + "\n")
			b.WriteString(indent + "    date: " + s.date + "\n")
		}
	}
	if p.updated != "" {
		b.WriteString(indent + "updated: " + p.updated + "\n")
	}
}

// quote writes s as a YAML double-quoted scalar; Go's quoting is valid
// YAML for the ASCII text this package makes.
func quote(s string) string { return strconv.Quote(s) }

// quoteAll quotes each of list.
func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return out
}

// plainAll applies plain to each of list.
func plainAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = plain(s)
	}
	return out
}

// plain writes a slug or tag unquoted unless YAML 1.1 (which
// adrg/frontmatter's yaml.v2 speaks) would read it as something other
// than a string: a bool such as "no" or "on", a number, or null.
func plain(s string) string {
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "":
		return quote(s)
	}
	if s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '.' {
		return quote(s)
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return quote(s)
		}
	}
	return s
}
