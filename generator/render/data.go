package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/seen"
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

// AppendGraphRecord appends to dst a page's entry in graph.json: its id,
// type, title, URL, fields, relations (resolved ids), outgoing links and
// backlinks.
func (r *Renderer) AppendGraphRecord(dst []byte, n *graph.Node) []byte {
	w := jsonw{b: dst}
	w.open('{')
	for _, kv := range [][2]string{
		{"id", n.ID}, {"type", n.Meta.Type}, {"title", n.Title}, {"url", r.url(n.URL())},
		{"summary", n.Summary()}, {"date", n.Meta.Date.String()},
	} {
		w.key(kv[0])
		w.string(kv[1])
	}
	if !n.Meta.End.IsZero() {
		w.key("end")
		w.string(n.Meta.End.String())
	}
	w.key("aliases")
	w.strings(n.Meta.Aliases)
	w.key("tags")
	w.strings(n.Meta.Tags)
	w.key("fields")
	w.open('{')
	for _, v := range n.Meta.Values {
		w.key(v.Field.Name)
		switch v.Field.Kind {
		case schema.KindDate:
			w.string(v.Date.String())
		case schema.KindBool:
			w.bool(v.Bool)
		case schema.KindList:
			w.strings(v.List)
		default:
			w.string(v.Text)
		}
	}
	w.close('}')
	w.key("relations")
	w.open('{')
	for i, e := range n.Out {
		if i == 0 || n.Out[i-1].Relation.Name != e.Relation.Name {
			if i > 0 {
				w.close(']')
			}
			w.key(e.Relation.Name)
			w.open('[')
		}
		r.writeID(&w, e.To)
	}
	if len(n.Out) > 0 {
		w.close(']')
	}
	w.close('}')
	w.key("links")
	w.open('[')
	var linked seen.Set[int32]
	for _, t := range n.Links {
		if t.State == graph.Resolved && t.Slot != n.Slot && linked.First(t.Slot) {
			r.writeID(&w, t.Slot)
		}
	}
	w.close(']')
	w.key("backlinks")
	w.open('[')
	for b := range n.FirstBacklinks() { // each linking page once
		r.writeID(&w, b.From)
	}
	w.close(']')
	w.close('}')
	return w.b
}

// AppendSearchRecord appends to dst a page's entry in the search index.
func (r *Renderer) AppendSearchRecord(dst []byte, n *graph.Node) ([]byte, error) {
	head, text, err := r.AppendSearchHead(dst, n)
	if err != nil {
		return nil, err
	}
	return AppendSearchText(head, text), nil
}

// AppendSearchHead appends to dst a page's entry in the search index but
// for its plain text, which it returns for AppendSearchText to end the
// entry with. Serve keeps the two apart: the text is the page's own,
// which it keeps anyway, and at 100,000 pages whole entries held all of
// it a second time (420 MB).
func (r *Renderer) AppendSearchHead(dst []byte, n *graph.Node) ([]byte, string, error) {
	text := ""
	if n.Doc != nil {
		var err error
		if text, err = n.Doc.PlainText(); err != nil {
			return nil, "", err
		}
	}
	return searchHead(dst, r.site.Base, n.Page, n.Type), text, nil
}

// SearchRecordOf appends to dst the search index entry of page p, of type
// t, whose plain text is text, on a site whose base path is base. A build
// that spools makes it as it reads the page, while the text is at hand.
func SearchRecordOf(dst []byte, base string, p *graph.Page, t *schema.Type, text string) []byte {
	return AppendSearchText(searchHead(slices.Grow(dst, len(text)+256), base, p, t), text)
}

// searchHead appends the start of a search index entry: all of it but the
// page's text, which comes last.
func searchHead(dst []byte, base string, p *graph.Page, t *schema.Type) []byte {
	w := jsonw{b: dst}
	w.open('{')
	for _, kv := range [][2]string{
		{"t", p.Title}, {"u", base + strings.TrimPrefix(p.URL(), "/")}, {"y", typeLabel(t)}, {"s", p.Summary()},
		{"a", strings.Join(p.Meta.Aliases, " ")}, {"g", strings.Join(p.Meta.Tags, " ")},
	} {
		w.key(kv[0])
		w.string(kv[1])
	}
	return w.b
}

// AppendSearchText ends a search index entry that AppendSearchHead began
// with the page's text.
func AppendSearchText(head []byte, text string) []byte {
	w := jsonw{b: head, comma: true}
	w.key("x")
	w.string(text)
	w.close('}')
	return w.b
}

// WriteJSONArray writes n encoded records as a JSON array, one a line.
// Each record is written by record, called with 0 to n-1 in order, so
// that none need be in memory.
func WriteJSONArray(w io.Writer, n int, record func(i int, w io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("[")
	for i := 0; i < n; i++ {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		if err := record(i, bw); err != nil {
			return err
		}
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// GraphJSON returns what writes graph.json: the site, then n pages'
// records. It keeps the site's title and base, not the renderer, so that
// serve can keep it to write the file again without keeping the graph.
func (r *Renderer) GraphJSON() func(w io.Writer, n int, record func(i int, w io.Writer) error) error {
	head := fmt.Appendf(nil, "{\"site\":%s,\n\"pages\":", mustMarshal(object{{"title", r.cfg.Title}, {"base", r.site.Base}}))
	return func(w io.Writer, n int, record func(i int, w io.Writer) error) error {
		if _, err := w.Write(head); err != nil {
			return err
		}
		if err := WriteJSONArray(w, n, record); err != nil {
			return err
		}
		_, err := io.WriteString(w, "}\n")
		return err
	}
}

func mustMarshal(v any) []byte {
	b, err := marshal(v)
	if err != nil {
		panic(err) // only for values built here, never from user input
	}
	return b
}

// WriteTimelineJSON writes timeline.json: every timeline entry, oldest
// first, for reuse.
func (r *Renderer) WriteTimelineJSON(w io.Writer) error {
	// Every entry, oldest first, is every line of the timeline's, which
	// are sorted already, with its entries in their page's order: a
	// line's entries are of one page and one day, and no other page's
	// entry comes between them in the order of timeline.Compare (which
	// orders a day's entries by title, then page). Sorting copies of all
	// the entries again took 135 MB at 100,000 pages.
	lines := r.allLines()
	count := 0
	for _, l := range lines {
		count += int(l.n)
	}
	var j jsonw
	line, next := 0, int32(0) // the entry to write: WriteJSONArray asks for them in order
	return WriteJSONArray(w, count, func(_ int, w io.Writer) error {
		l := lines[line]
		n := r.g.At(l.slot)
		e := &n.Entries[l.at+next]
		if next++; next == l.n {
			line, next = line+1, 0
		}
		j = jsonw{b: j.b[:0]}
		j.open('{')
		for _, kv := range [][2]string{{"page", e.Page}, {"type", e.Type}, {"title", e.Title}, {"label", e.Label()}, {"date", e.Date.String()}} {
			j.key(kv[0])
			j.string(kv[1])
		}
		if e.IsSpan() {
			j.key("end")
			j.string(e.End.String())
		}
		for _, kv := range [][2]string{{"what", e.What}, {"source", sourceName(e.Source)}, {"url", r.url(n.URL())}} {
			j.key(kv[0])
			j.string(kv[1])
		}
		j.key("related")
		j.open('[')
		for _, s := range n.RelatedSlots() { // as Graph.Related, without making its list an entry
			r.writeID(&j, s)
		}
		j.close(']')
		j.close('}')
		_, err := w.Write(j.b)
		return err
	})
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
		xmlText(r.absURL("/")), xmlText(r.absURL("/atom.xml")), xmlText(r.absURL("/")))
	changes := r.changes(50)
	updated := "1970-01-01T00:00:00Z"
	if len(changes) > 0 {
		updated = atomTime(changed(r.g.Node(changes[0].Page.ID)))
	}
	fmt.Fprintf(&b, "  <updated>%s</updated>\n  <generator>kb</generator>\n", updated)
	for _, c := range changes {
		n := r.g.Node(c.Page.ID)
		u := r.absURL(n.URL())
		fmt.Fprintf(&b, "  <entry>\n    <title>%s</title>\n    <link href=\"%s\"/>\n    <id>%s</id>\n    <updated>%s</updated>\n    <category term=\"%s\"/>\n    <summary>%s</summary>\n  </entry>\n",
			xmlText(n.Title), xmlText(u), xmlText(u), atomTime(changed(n)), xmlText(n.Meta.Type), xmlText(n.Summary()))
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
		fmt.Fprintf(&b, "  <url><loc>%s</loc>", xmlText(r.absURL(p)))
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
	for i := range r.g.IDs() {
		n := r.g.Nth(i)
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
