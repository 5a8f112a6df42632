// Package build is the pipeline: files -> pages -> graph -> HTML -> output,
// for a whole site at once or, in serve mode, for what an edit changed.
// The work is in the other packages; this one says in what order.
package build

import (
	"cmp"
	"io"
	"io/fs"
	"iter"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbgen/kb/generator/config"
	"github.com/kbgen/kb/generator/content"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/graph"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/parallel"
	"github.com/kbgen/kb/generator/render"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/spool"
	"github.com/kbgen/kb/generator/strblock"
)

// Options are the settings of the command line, which override kb.yaml.
type Options struct {
	BaseURL     string         // overrides kb.yaml's baseURL when set
	Drafts      bool           // build pages marked draft
	BrokenLinks *diag.Severity // overrides kb.yaml's broken_links when set
	// Spool keeps pages' HTML and text in a temporary file between
	// parsing and rendering, rather than in memory: what a one-off build
	// of a large site wants, and serve, which re-renders, does not.
	Spool bool
	// spillAbove replaces spillContextsAbove when set, so that tests
	// spill the link sentences of a small site.
	spillAbove int
	// gatherWindow replaces gatherWindow when set, so that tests gather
	// a small site's sentences in many windows.
	gatherWindow int
	// newSpool replaces spool.New("") when set, so that tests can hand
	// the build a spool that fails.
	newSpool func() (*spool.Spool, error)
	// Reading, when set, is told the number of pages once they are
	// listed, before any is read, and the function it returns (if not
	// nil) is called once they are read and linked: kb build prepares its
	// heap for the pages, and puts its settings back for rendering.
	Reading func(pages int) (done func())
}

// Site is a site read into memory: its settings, templates and pages. It
// is what serve keeps between edits.
type Site struct {
	fsys    fs.FS         // the site folder
	layers  render.Layers // the site, then the built-in templates and static files
	opts    Options
	cfg     *config.Config
	base    string // cfg.BasePath(), which every search record's URL starts with
	tpl     render.Templates
	conv    *markdown.Converter
	pages   map[string]*parsed // by path
	assets  []string           // other files of content/, by path
	statics []string           // files of static/, across layers
	setup   diag.List          // problems of kb.yaml and the templates
	graph   *graph.Graph
	spool   *spool.Spool // where pages' HTML, text and records wait, when Options.Spool
	live    bool         // kept for incremental updates
	// spillContexts spools the sentences around links too, for spooling
	// builds of sites so large that keeping them would cost more memory
	// than reading them back costs time; Render gathers them by target
	// first.
	spillContexts bool
	scratch       *sync.Pool // of *[]byte, for reading and spilling; shared by copies of the site
	// kept is where a one-off build (Options.Spool) keeps its pages'
	// front matter, as read and as validated, side by side (see package
	// chunk), a *keeping for each core; nil in serve, which replaces
	// pages one by one.
	kept *sync.Pool
	// withProblems are the paths of the pages with problems of their
	// own, which Problems goes through instead of every page: at
	// 100,000 pages, reading each page for its problems took 29 ms of a
	// save's 60 in serve.
	withProblems map[string]bool
}

// keeping is what a core of a one-off build keeps its pages' front
// matter in.
type keeping struct {
	text strblock.Chunks // the strings read
	meta schema.Kept     // the Metas validated, and their lists
}

// spillContextsAbove is the number of pages above which a spooling build
// spools link sentences too (at about 150 bytes a link, 15 links a page),
// to keep a very large site's heap in bounds. Up to 100,000 pages they
// stay in memory: there the build's peak is set by its memory limit while
// it renders, and keeping the 225 MB of sentences left the peak as it was
// (1.71-1.78 GB against 1.73-1.78 GB) and spared gathering them back, 1.1
// CPU s on average (six alternating pairs, five faster; 2026-12-03).
// Above that, nothing was measured, and the bound is kept.
const spillContextsAbove = 100000

// parsed is one Markdown file after the per-file stages.
type parsed struct {
	page       *graph.Page
	problems   diag.List
	search     spool.Extent // the page's search record, when searchMade
	searchMade bool
}

// Load reads a whole site: kb.yaml, the templates, and every page, parsed
// on every core.
func Load(fsys, builtin fs.FS, o Options) (*Site, error) {
	return load(fsys, builtin, o, false)
}

// load reads a site; a live one keeps what incremental updates need.
func load(fsys, builtin fs.FS, o Options, live bool) (*Site, error) {
	s := &Site{fsys: fsys, layers: render.Layers{fsys, builtin}, opts: o, pages: map[string]*parsed{}, withProblems: map[string]bool{}, live: live,
		scratch: &sync.Pool{New: func() any { return new([]byte) }}}
	s.loadSetup()
	files, err := content.List(fsys)
	if err != nil {
		return nil, err
	}
	s.assets = files.Assets
	if o.Reading != nil {
		if done := o.Reading(len(files.Pages)); done != nil {
			defer done()
		}
	}
	s.spillContexts = o.Spool && len(files.Pages) > cmp.Or(o.spillAbove, spillContextsAbove)
	if s.statics, err = s.layers.Files("static"); err != nil {
		return nil, err
	}
	if o.Spool {
		s.kept = &sync.Pool{New: func() any { return new(keeping) }}
		newSpool := o.newSpool
		if newSpool == nil {
			newSpool = func() (*spool.Spool, error) { return spool.New("") }
		}
		if s.spool, err = newSpool(); err != nil {
			return nil, err
		}
	}
	results := make([]*parsed, len(files.Pages))
	err = parallel.Each(len(files.Pages), func(i int) error {
		buf := s.getScratch()
		defer s.putScratch(buf)
		data, err := readInto(fsys, files.Pages[i], *buf)
		if err != nil {
			return err
		}
		*buf = data
		results[i], err = s.parse(files.Pages[i], data) // keeps nothing of data
		return err
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	for _, p := range results {
		s.pages[p.page.Path] = p
		if len(p.problems) > 0 {
			s.withProblems[p.page.Path] = true
		}
	}
	shareIDs(results)
	s.link()
	return s, nil
}

// shareIDs moves the pages' ids into one block (see package strblock):
// every edge, target and backlink of the graph names a page by its id,
// millions of strings at 100,000 pages. With the front matter's and the
// headings' strings also kept in a block a page, each collection while a
// 100,000-page site renders marked its heap a fifth faster (1.49 -> 1.17
// CPU ms a live MB, means of six and five builds): 1-3 CPU s of about 90,
// less than a build's noise. Only freshly read pages may be changed so: a
// live site's pages are read by its background work.
func shareIDs(pages []*parsed) {
	n := 0
	for _, p := range pages {
		n += len(p.page.ID)
	}
	k := strblock.Make(n)
	for _, p := range pages {
		p.page.ID = k.String(p.page.ID)
	}
}

func (s *Site) getScratch() *[]byte { return s.scratch.Get().(*[]byte) }

func (s *Site) putScratch(buf *[]byte) { s.scratch.Put(buf) }

// readInto reads a file of fsys, into buf when fsys can.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	if d, ok := fsys.(interface {
		ReadFileInto(string, []byte) ([]byte, error)
	}); ok {
		return d.ReadFileInto(name, buf)
	}
	return fs.ReadFile(fsys, name)
}

// loadSetup reads kb.yaml and the templates, which every page depends on.
func (s *Site) loadSetup() {
	var problems diag.List
	cfg, ps := config.Load(s.fsys)
	problems.Add(ps...)
	if s.opts.BaseURL != "" {
		cfg.BaseURL = s.opts.BaseURL
	}
	if s.opts.BrokenLinks != nil {
		cfg.BrokenLinks = *s.opts.BrokenLinks
	}
	tpl, ps := render.LoadTemplates(s.layers)
	problems.Add(ps...)
	s.cfg, s.base, s.tpl, s.setup = cfg, cfg.BasePath(), tpl, problems
	// A spooling build is a one-off: every document it converts lives to
	// its end, which is what chunks are for; serve replaces them.
	s.conv = markdown.New(markdown.Options{Unsafe: cfg.UnsafeHTML, Base: s.base, Chunked: s.opts.Spool})
}

// parse runs the per-file stages: split, check against the schema,
// convert; a spooling build also makes the page's search record and
// spools it with the page's HTML. Problems of the page go into its
// parsed; the error is the spool's, which stops the build, since it is
// not the page's doing.
func (s *Site) parse(filePath string, data []byte) (*parsed, error) {
	var text *strblock.Chunks
	var metas *schema.Kept
	if s.kept != nil {
		k := s.kept.Get().(*keeping)
		defer s.kept.Put(k)
		text, metas = &k.text, &k.meta
	}
	page, problems := content.ParseKeeping(filePath, data, text)
	meta, ps := s.cfg.Schema.ValidateKeeping(page, metas)
	problems.Add(ps...)
	out := &parsed{page: &graph.Page{Page: page, Meta: meta}}
	var spill func(*markdown.Document) error
	var spoolErr error
	if s.spool != nil {
		spill = func(doc *markdown.Document) (err error) {
			defer func() { spoolErr = err }()
			out.page.Doc = doc
			addTextTags(meta, doc) // before the search record is made
			buf := s.getScratch()
			defer s.putScratch(buf)
			*buf = render.SearchRecordOf((*buf)[:0], s.base, out.page, graph.TypeOf(s.cfg.Schema, out.page), doc.Text)
			if out.search, err = s.spool.Append(*buf); err != nil {
				return err
			}
			out.searchMade = true
			doc.Text = "" // the search record holds it
			*buf, err = doc.Spill(s.spool, s.spillContexts, *buf)
			return err
		}
	}
	doc, err := s.conv.ConvertThen(page.Body, page.BodyLine, spill)
	if spoolErr != nil {
		return nil, spoolErr
	}
	if err != nil {
		problems.Errorf(filePath, diag.Pos{}, "markdown: %v", err)
	}
	out.page.Doc = doc
	if doc != nil && s.spool == nil {
		addTextTags(meta, doc)
	}
	page.Body, page.Fields = nil, nil // read into Meta and Doc, which is all that is kept
	out.problems = problems
	return out, nil
}

// addTextTags adds the #tags written in a page's text to those of its
// front matter.
func addTextTags(m *schema.Meta, doc *markdown.Document) {
	if m != nil {
		m.AddTags(doc.Tags...)
	}
}

// link builds the graph from the parsed pages.
func (s *Site) link() {
	pages := make([]*graph.Page, 0, len(s.pages))
	for _, p := range s.pages {
		pages = append(pages, p.page)
	}
	s.graph = graph.Build(s.cfg.Schema, pages, s.assets, graph.Options{WarnBrokenLinks: s.cfg.BrokenLinks == diag.Warning, Drafts: s.opts.Drafts, Live: s.live})
	if !s.live {
		for _, p := range pages {
			p.Meta.Refs = nil // resolved into the graph's edges; only updates re-read them
		}
	}
}

// Problems returns every problem of the site, sorted.
func (s *Site) Problems() diag.List {
	var all diag.List
	all.Add(s.setup...)
	for path := range s.withProblems {
		p := s.pages[path]
		if p.page.Draft && !s.opts.Drafts {
			// A draft left out of the build cannot break it: its
			// problems are shown as warnings until it is published.
			for _, pr := range p.problems {
				pr.Severity = diag.Warning
				pr.Message = "draft: " + pr.Message
				all.Add(pr)
			}
			continue
		}
		all.Add(p.problems...)
	}
	all.Add(s.graph.Problems...)
	all.Add(s.reserved()...)
	return all.Sort()
}

// reserved reports pages whose URL a generated page already takes.
func (s *Site) reserved() diag.List {
	taken := map[string]string{"timeline": "the timeline", "tags": "the tags index", "search": "the search page", "css": "the stylesheets", "js": "the scripts"}
	for _, t := range s.cfg.Schema.Types {
		taken[t.Folder] = "the index of " + t.Label
	}
	var problems diag.List
	for _, id := range s.graph.IDs() {
		first, _, _ := strings.Cut(id, "/")
		what, ok := taken[id]
		if !ok && first == "tags" {
			what, ok = "a tag's page", true
		}
		if ok {
			n := s.graph.Node(id)
			problems.Errorf(n.Path, diag.Pos{}, "the URL /%s/ is taken by %s; rename the file or give it a slug", id, what)
		}
	}
	for _, st := range s.statics {
		rel := strings.TrimPrefix(st, "static/")
		if n := s.graph.Node(path.Dir(rel)); n != nil && path.Base(rel) == "index.html" {
			problems.Errorf(n.Path, diag.Pos{}, "the URL %s is also a file of static/ (%s)", n.URL(), st)
		}
	}
	return problems
}

// Sink receives the files of a build.
type Sink interface {
	// Put writes a file; it must not keep data, which may be reused.
	Put(rel string, data []byte) error
	// Create opens a file to be written bit by bit, for the large ones.
	Create(rel string) (io.WriteCloser, error)
	Copy(rel string, fsys fs.FS, src string) error
}

// renderer prepares the rendering of the current graph.
func (s *Site) renderer() *render.Renderer { return render.New(s.cfg, s.graph, s.tpl) }

// Render writes the whole site to sink, on every core.
func (s *Site) Render(sink Sink) error {
	r := s.renderer()
	r.PrepareLinks()
	ids := s.graph.IDs()
	// Pages show sentences of the pages that link to them, which gather
	// puts in place first when they were spilled; the lists and data
	// files do not, and are made meanwhile (the gathering waits on reads,
	// and left a core idle for a second at 100,000 pages).
	gathered := func() error { return nil }
	if s.spillContexts {
		c := make(chan error, 1)
		go func() { c <- s.gather() }()
		gathered = sync.OnceValue(func() error { return <-c })
		defer gathered() // the spool is closed after Render
	}
	// A page's node is released (see graph.Node.Release) once both its
	// page and its graph.json record are written: users counts them.
	users := make([]atomic.Int32, len(ids))
	done := func(i int) {
		if users[i].Add(1) == 2 && !s.live {
			s.graph.Nth(i).Release() // the memory goes to the pages after
		}
	}
	// Every task needs only the graph, and the spool, where each page's
	// search record waits since it was read: the lists and the data files
	// go first, each on a core, and the pages fill in around them, so that
	// no core waits at the end.
	tasks := append(listTasks(r, s.cfg.Schema.Types), timelineData(r), s.searchData(r, ids), graphData(r, s.graph, done))
	err := parallel.Each(len(tasks)+len(ids), func(i int) error {
		if i < len(tasks) {
			return tasks[i](sink)
		}
		i -= len(tasks)
		if err := gathered(); err != nil {
			return err
		}
		if err := r.WritePage(s.graph.Nth(i), sink.Put); err != nil {
			return err
		}
		done(i)
		return nil
	})
	if err != nil {
		return err
	}
	return s.copyFiles(sink)
}

// searchData writes search.json, in the order of ids: each record from
// the spool, where parse put it, or made now if it is not there.
func (s *Site) searchData(r *render.Renderer, ids []string) task {
	return stream("search.json", func(w io.Writer) error {
		var rd *spool.Reader
		if s.spool != nil {
			rd = s.spool.NewReader(readWindow)
		}
		var buf []byte
		return render.WriteJSONArray(w, len(ids), func(i int, w io.Writer) error {
			n := s.graph.Nth(i)
			if p := s.pages[n.Path]; p.searchMade {
				return rd.CopyTo(w, p.search)
			}
			var err error
			if buf, err = r.AppendSearchRecord(buf[:0], n); err != nil {
				return err
			}
			_, err = w.Write(buf)
			return err
		})
	})
}

// readWindow is how much of the spool one read brings in while
// search.json is written. Each page's search record was spooled before
// its HTML and text, some thirty kilobytes a page: 256 KB serves several.
const readWindow = 256 << 10

// graphData writes graph.json, making each page's record in the order of
// g's ids, and calls done with each page's index once its record is made.
func graphData(r *render.Renderer, g *graph.Graph, done func(i int)) task {
	return stream("graph.json", func(w io.Writer) error {
		var buf []byte
		return r.GraphJSON()(w, len(g.IDs()), func(i int, w io.Writer) error {
			buf = r.AppendGraphRecord(buf[:0], g.Nth(i))
			done(i)
			_, err := w.Write(buf)
			return err
		})
	})
}

// gatherWindow is how many bytes of link sentences gather copies at a
// time: the memory it takes before rendering, which the rendering then
// reuses. A window reads each linking page once. At 100,000 pages the
// 1.5 million sentences shown come to 154 MB: three windows.
const gatherWindow = 64 << 20

// gather puts the sentences each page shows of the pages that link to
// it next to each other in the spool, for one read a page; see
// markdown.Gather.
func (s *Site) gather() error {
	// By slot: a backlink names its page's (graph.Backlink.From).
	docs := make([]*markdown.Document, s.graph.Slots())
	for i := range s.graph.IDs() {
		n := s.graph.Nth(i)
		docs[n.Slot] = n.Doc
	}
	refs := func(t int) iter.Seq[markdown.LinkRef] {
		return func(yield func(markdown.LinkRef) bool) {
			for b := range s.graph.At(int32(t)).FirstBacklinks() {
				if !yield(markdown.LinkRef{Doc: int(b.From), Link: int(b.Link)}) {
					return
				}
			}
		}
	}
	return markdown.Gather(s.spool, docs, refs, cmp.Or(s.opts.gatherWindow, gatherWindow))
}

// task makes some outputs.
type task func(Sink) error

func one(f func() (render.File, error)) task {
	return func(sink Sink) error {
		file, err := f()
		if err != nil {
			return err
		}
		return sink.Put(file.Path, file.Data)
	}
}

// stream writes one output as it is made.
func stream(path string, write func(w io.Writer) error) task {
	return func(sink Sink) error {
		w, err := sink.Create(path)
		if err != nil {
			return err
		}
		if err := write(w); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	}
}

func many(f func() ([]render.File, error)) task {
	return func(sink Sink) error {
		files, err := f()
		if err != nil {
			return err
		}
		for _, file := range files {
			if err := sink.Put(file.Path, file.Data); err != nil {
				return err
			}
		}
		return nil
	}
}

// listTasks make the pages made of many pages: type indexes, home,
// timeline, tags, search page, 404, feeds and the code stylesheet.
func listTasks(r *render.Renderer, types []*schema.Type) []task {
	tasks := []task{
		stream("timeline/index.html", r.Timeline), one(r.Home), func(sink Sink) error { return r.Tags(sink.Put) }, one(r.Search), one(r.NotFound),
		many(func() ([]render.File, error) { return r.Feeds(), nil }),
	}
	for _, t := range types {
		tasks = append(tasks, func(sink Sink) error { return r.WriteList(t, sink.Put) })
	}
	return tasks
}

// dataFiles write a live site's data files from its pages' records: the
// search index and graph.json. Neither keeps r, and so the graph, once
// made: serve keeps them, to make the files when they are asked for.
func dataFiles(r *render.Renderer, search *searchRecords, graphs *records) (searchJSON, graphJSON func(io.Writer) error) {
	writeGraph := r.GraphJSON()
	return func(w io.Writer) error { return render.WriteJSONArray(w, search.len(), search.writer()) },
		func(w io.Writer) error { return writeGraph(w, graphs.len(), graphs.write) }
}

// timelineData makes timeline.json, which needs only the graph.
func timelineData(r *render.Renderer) task { return stream("timeline.json", r.WriteTimelineJSON) }

// copyFiles copies static/ (the site's over the built-in) and the
// non-Markdown files of content/.
func (s *Site) copyFiles(sink Sink) error {
	for _, st := range s.statics {
		if err := sink.Copy(strings.TrimPrefix(st, "static/"), s.staticSource(st), st); err != nil {
			return err
		}
	}
	for _, a := range s.assets {
		if err := sink.Copy(strings.TrimPrefix(a, "content/"), s.fsys, a); err != nil {
			return err
		}
	}
	return nil
}

// Close releases what the site holds outside memory.
func (s *Site) Close() error {
	if s.spool != nil {
		return s.spool.Close()
	}
	return nil
}

// PageCount is the number of published pages.
func (s *Site) PageCount() int { return len(s.graph.IDs()) }

// staticSource is the layer a file of static/ comes from: the site's own,
// or the built-in one.
func (s *Site) staticSource(p string) fs.FS {
	if _, err := fs.Stat(s.fsys, p); err == nil {
		return s.fsys
	}
	return s.layers[1]
}

// Graph is the site's linked pages.
func (s *Site) Graph() *graph.Graph { return s.graph }
