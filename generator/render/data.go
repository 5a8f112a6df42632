package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/timeline"
)

// object is a JSON object that keeps its keys in the order given, so that
// graph.json reads like the front matter it came from.
type object []member

type member struct {
	Key   string
	Value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes without escaping <, > and &, which JSON does not need.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// GraphRecord is a page's entry in graph.json: its id, type, title, URL,
// fields, relations (resolved ids), outgoing links and backlinks.
func (r *Renderer) GraphRecord(id string) ([]byte, error) {
	n := r.g.Node(id)
	fields := object{}
	for _, v := range n.Meta.Values {
		var val any = v.Text
		switch v.Field.Kind {
		case schema.KindDate:
			val = v.Date.String()
		case schema.KindBool:
			val = v.Bool
		case schema.KindList:
			val = nonNil(v.List)
		}
		fields = append(fields, member{v.Field.Name, val})
	}
	relations := object{}
	for _, e := range n.Out {
		if len(relations) > 0 && relations[len(relations)-1].Key == e.Relation.Name {
			last := &relations[len(relations)-1]
			last.Value = append(last.Value.([]string), e.Page)
			continue
		}
		relations = append(relations, member{e.Relation.Name, []string{e.Page}})
	}
	inverse := object{}
	for _, g := range n.Groups() {
		if g.Inverse {
			inverse = append(inverse, member{g.Relation, g.Pages})
		}
	}
	var links []string
	for _, t := range n.Links {
		if t.State == graph.Resolved && t.Page != n.ID && !slices.Contains(links, t.Page) {
			links = append(links, t.Page)
		}
	}
	var backlinks []string
	for _, b := range n.Backlinks {
		if !slices.Contains(backlinks, b.Page) {
			backlinks = append(backlinks, b.Page)
		}
	}
	rec := object{
		{"id", n.ID}, {"type", n.Meta.Type}, {"title", n.Title}, {"url", r.url(n.URL())},
		{"summary", summaryOf(n)}, {"date", n.Meta.Date.String()},
	}
	if !n.Meta.End.IsZero() {
		rec = append(rec, member{"end", n.Meta.End.String()})
	}
	rec = append(rec,
		member{"aliases", nonNil(n.Meta.Aliases)}, member{"tags", nonNil(n.Meta.Tags)},
		member{"fields", fields}, member{"relations", relations}, member{"inverse", inverse},
		member{"links", nonNil(links)}, member{"backlinks", nonNil(backlinks)},
	)
	return marshal(rec)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// SearchRecord is a page's entry in the search index.
func (r *Renderer) SearchRecord(id string) ([]byte, error) {
	n := r.g.Node(id)
	text := ""
	if n.Doc != nil {
		text = n.Doc.Text
	}
	return marshal(object{
		{"t", n.Title}, {"u", r.url(n.URL())}, {"y", typeLabel(n.Type)}, {"s", summaryOf(n)},
		{"a", strings.Join(n.Meta.Aliases, " ")}, {"g", strings.Join(n.Meta.Tags, " ")}, {"x", text},
	})
}

// JSONArray joins encoded records into a JSON array, one per line.
func JSONArray(records [][]byte) []byte {
	size := 4
	for _, rec := range records {
		size += len(rec) + 2
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteString("[")
	for i, rec := range records {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		b.Write(rec)
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

// GraphJSON wraps the pages' records as graph.json.
func (r *Renderer) GraphJSON(records [][]byte) File {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"site\":%s,\n\"pages\":", mustMarshal(object{{"title", r.cfg.Title}, {"base", r.site.Base}}))
	b.Write(JSONArray(records))
	b.WriteString("}\n")
	return File{Path: "graph.json", Data: b.Bytes()}
}

func mustMarshal(v any) []byte {
	b, err := marshal(v)
	if err != nil {
		panic(err) // only for values built here, never from user input
	}
	return b
}

// TimelineJSON is every timeline entry, oldest first, for reuse.
func (r *Renderer) TimelineJSON() (File, error) {
	all := r.entries()
	records := make([][]byte, 0, len(all))
	for _, e := range all {
		rec := object{
			{"page", e.Page}, {"type", e.Type}, {"title", e.Title}, {"label", e.Label()},
			{"date", e.Date.String()},
		}
		if e.IsSpan() {
			rec = append(rec, member{"end", e.End.String()})
		}
		rec = append(rec, member{"what", e.What}, member{"source", sourceName(e.Source)},
			member{"url", r.url(r.g.Node(e.Page).URL())}, member{"related", nonNil(r.g.Node(e.Page).Related())})
		b, err := marshal(rec)
		if err != nil {
			return File{}, err
		}
		records = append(records, b)
	}
	return File{Path: "timeline.json", Data: JSONArray(records)}, nil
}

func sourceName(s timeline.Source) string {
	return [...]string{"date", "field", "milestone"}[s]
}

// Feeds renders atom.xml, of the 50 pages changed last, and sitemap.xml.
func (r *Renderer) Feeds() []File {
	return []File{r.atom(), r.sitemap()}
}

func (r *Renderer) atom() File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	fmt.Fprintf(&b, "  <title>%s</title>\n", xmlText(r.cfg.Title))
	if r.cfg.Description != "" {
		fmt.Fprintf(&b, "  <subtitle>%s</subtitle>\n", xmlText(r.cfg.Description))
	}
	fmt.Fprintf(&b, "  <link href=\"%s\"/>\n  <link rel=\"self\" href=\"%s\"/>\n  <id>%s</id>\n",
		xmlText(r.cfg.AbsURL("/")), xmlText(r.cfg.AbsURL("/atom.xml")), xmlText(r.cfg.AbsURL("/")))
	changes := r.changes(50)
	updated := "1970-01-01T00:00:00Z"
	if len(changes) > 0 {
		updated = atomTime(changed(r.g.Node(changes[0].Page.ID)))
	}
	fmt.Fprintf(&b, "  <updated>%s</updated>\n  <generator>kb</generator>\n", updated)
	for _, c := range changes {
		n := r.g.Node(c.Page.ID)
		u := r.cfg.AbsURL(n.URL())
		fmt.Fprintf(&b, "  <entry>\n    <title>%s</title>\n    <link href=\"%s\"/>\n    <id>%s</id>\n    <updated>%s</updated>\n    <category term=\"%s\"/>\n    <summary>%s</summary>\n  </entry>\n",
			xmlText(n.Title), xmlText(u), xmlText(u), atomTime(changed(n)), xmlText(n.Meta.Type), xmlText(summaryOf(n)))
	}
	b.WriteString("</feed>\n")
	return File{Path: "atom.xml", Data: b.Bytes()}
}

func atomTime(d schema.Date) string {
	if d.IsZero() {
		return "1970-01-01T00:00:00Z"
	}
	return d.Time().Format("2006-01-02T15:04:05Z")
}

func (r *Renderer) sitemap() File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	add := func(p string, d schema.Date) {
		fmt.Fprintf(&b, "  <url><loc>%s</loc>", xmlText(r.cfg.AbsURL(p)))
		if !d.IsZero() {
			fmt.Fprintf(&b, "<lastmod>%s</lastmod>", d.Time().Format("2006-01-02"))
		}
		b.WriteString("</url>\n")
	}
	add("/", r.asOf)
	for _, t := range r.cfg.Schema.Types {
		add("/"+t.Folder+"/", schema.Date{})
	}
	add("/timeline/", schema.Date{})
	for _, id := range r.g.IDs() {
		n := r.g.Node(id)
		add(n.URL(), n.Meta.Updated)
	}
	b.WriteString("</urlset>\n")
	return File{Path: "sitemap.xml", Data: b.Bytes()}
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// SyntaxCSS is the stylesheet of highlighted code.
func SyntaxCSS() File {
	return File{Path: "css/syntax.css", Data: markdown.SyntaxCSS()}
}
