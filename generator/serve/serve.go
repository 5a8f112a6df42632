// Package serve is kb's preview server: it serves a site from memory,
// applies each save as an incremental update, and tells open browsers to
// reload the pages that changed, or shows the problems of a bad save over
// the page while the last good site stays up.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kbgen/kb/generator/build"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/render"
)

//go:embed live.js
var liveJS []byte

// liveScript is added to every HTML page served.
const liveScript = `<script src="/_kb/live.js"></script>`

// Server serves one live site.
type Server struct {
	mu       sync.Mutex // serialises updates
	live     *build.Live
	state    status
	shown    diag.List // the problems the log has printed, as of the last save
	clients  map[chan event]bool
	clientMu sync.Mutex
	log      io.Writer
	done     chan struct{} // closed on shutdown, to end event streams

	listsMu sync.Mutex
	running bool          // the lists are being remade in the background
	idle    chan struct{} // closed when they are done
}

// status is what /_kb/status says and what a page shows when it opens.
type status struct {
	OK bool `json:"ok"`
	// Held says that the last save brought errors and was not applied:
	// the pages served are the last good build. Without it, errors are
	// the site's as served (a link to a note not yet written), which
	// do not hold saves back.
	Held bool `json:"held"`
	// Problems are the first shownProblems problems; More counts the
	// rest, and Errors counts the errors of all.
	Problems []string `json:"problems"`
	More     int      `json:"more"`
	Errors   int      `json:"errors"`
	Updated  int      `json:"updates"`
}

// shownProblems is how many problems the status lists. A folder moved
// away breaks every link to its pages: on the 10,000-page corpus, 67,610
// of them, 9.9 MB of status sent to every open tab, for an overlay no
// one reads to the end. kb check lists them all.
const shownProblems = 500

// event is one server-sent event.
type event struct {
	name string
	data []byte
}

// New serves live, whose first build found problems.
func New(live *build.Live, problems diag.List, log io.Writer) *Server {
	s := &Server{live: live, clients: map[chan event]bool{}, log: log, done: make(chan struct{})}
	s.state, s.shown = statusOf(problems, nil), problems
	return s
}

// statusOf is the status of a site with the problems, listing first
// those fresh since the last save: behind a site's hundreds of old
// problems, the first shownProblems in file order would not reach the
// one the save brought.
func statusOf(problems, fresh diag.List) status {
	errs := problems.Errors(false)
	st := status{OK: errs == 0, Problems: []string{}, Errors: errs, More: max(0, len(problems)-shownProblems)}
	listed := make(map[diag.Problem]int, len(fresh))
	for _, p := range fresh {
		listed[p]++
	}
	ordered := slices.Clone(fresh)
	for _, p := range problems {
		if listed[p] > 0 {
			listed[p]--
			continue
		}
		ordered = append(ordered, p)
	}
	for _, p := range ordered[:len(problems)-st.More] {
		st.Problems = append(st.Problems, p.String())
	}
	return st
}

// Close ends the event streams, so that the HTTP server can shut down.
func (s *Server) Close() { close(s.done) }

// Apply updates the site for a batch of changed files and tells the
// browsers. It returns what the update did.
func (s *Server) Apply(paths []string) (build.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	u, err := s.live.Update(paths)
	if err != nil {
		fmt.Fprintf(s.log, "kb: %v\n", err)
		return u, err
	}
	fresh := freshProblems(s.shown, u.Problems)
	s.shown = u.Problems
	s.state = statusOf(u.Problems, fresh)
	s.state.Updated++
	took := time.Since(start).Round(100 * time.Microsecond)
	again := s.logNew(fresh, u.Problems)
	if u.Failed {
		s.state.Held = true
		fmt.Fprintf(s.log, "kb: %s changed; %s, still serving the last good site%s\n", named(paths), diag.Count(u.Problems.Errors(false), "error"), again)
		s.broadcast(event{"problems", mustJSON(s.state)})
		return u, nil
	}
	fmt.Fprintf(s.log, "kb: %s changed; %s updated in %s%s\n", named(paths), diag.Count(u.Pages, "page"), took, again)
	s.broadcast(event{"reload", mustJSON(reloadOf(u.Changed))})
	// The edited page is served; the pages made of all pages follow,
	// made without holding up the next save.
	s.goLists()
	return u, nil
}

// named names a batch's files for the log, the first few of them: a
// checkout or a replace across the site changes thousands of files at
// once, and a line naming 3,463 of them (157 KB) buried the rest of the
// log.
func named(paths []string) string {
	if len(paths) <= namedFiles {
		return strings.Join(paths, ", ")
	}
	return strings.Join(paths[:namedFiles], ", ") + " and " + diag.Count(len(paths)-namedFiles, "more file")
}

// namedFiles is how many of a batch's files the log names.
const namedFiles = 3

// freshProblems returns the problems that were not among those shown
// before. A problem is the one shown before when its file, severity and
// message are, wherever in the file it has moved to since (the overlay
// has its place now).
func freshProblems(shown, problems diag.List) diag.List {
	kind := func(p diag.Problem) string { return p.Severity.String() + "\x00" + p.Path + "\x00" + p.Message }
	return diag.Fresh(shown, problems, kind)
}

// logNew prints the fresh problems of a save, and returns how many of
// the rest it left out, for the save's line in the log: a site with a
// thousand links to notes not yet written would otherwise print them
// all on every save.
func (s *Server) logNew(fresh, problems diag.List) string {
	fmt.Fprint(s.log, fresh.String())
	if again := len(problems) - len(fresh); again > 0 {
		return fmt.Sprintf(" (%s as before, not printed again)", diag.Count(again, "problem"))
	}
	return ""
}

// goLists starts remaking the lists and data files in the background,
// unless a run is under way: one run at a time, so that saves made faster
// than runs end do not pile up runs that slow each other and the saves.
// The run under way starts the next when it is done. s.mu must be held.
func (s *Server) goLists() {
	s.listsMu.Lock()
	defer s.listsMu.Unlock()
	if s.running {
		return
	}
	job := s.live.PrepareLists()
	if job == nil {
		return
	}
	s.running, s.idle = true, make(chan struct{})
	go s.runLists(job)
}

// runLists remakes the lists and data files and tells the browsers, then
// does the same for the updates made meanwhile, until there are none.
//
// Then, with nothing left to do until the next save, it collects garbage.
// Left to itself the collector runs once in several saves, and the saves
// after the first few take memory the process has not touched, which
// the kernel must fault in: on 10,000 pages, 45-55 ms to update a page
// instead of 14 ms right after a collection. Collected when idle, the
// next save reuses the heap freed.
func (s *Server) runLists(job *build.ListsRun) {
	defer runtime.GC()
	for job != nil {
		start := time.Now()
		err := job.Run()
		s.mu.Lock()
		var changed []string
		var failed []byte
		if err != nil {
			fmt.Fprintf(s.log, "kb: %v\n", err)
			s.live.AbandonLists(job) // the next save tries again
			job = nil
			if p, ok := render.AsProblem(err); ok {
				// A list's template failed: the tabs say so, as for a page's.
				s.state = statusOf(diag.List{p}, nil)
				s.state.Held = true
				failed = mustJSON(s.state)
			}
		} else {
			var ok bool
			if changed, ok = s.live.CommitLists(job); ok {
				fmt.Fprintf(s.log, "kb: lists and indexes updated in %s\n", time.Since(start).Round(time.Millisecond))
			}
			job = s.live.PrepareLists()
		}
		if job == nil {
			s.listsMu.Lock()
			s.running = false
			close(s.idle)
			s.listsMu.Unlock()
		}
		s.mu.Unlock()
		if failed != nil {
			s.broadcast(event{"problems", failed})
		}
		if len(changed) > 0 {
			s.broadcast(event{"reload", mustJSON(reloadOf(changed))})
		}
	}
}

// StartLists makes the lists and data files that Start left to be made,
// in the background.
func (s *Server) StartLists() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.goLists()
}

// WaitLists waits for the lists being remade, if any.
func (s *Server) WaitLists() {
	s.listsMu.Lock()
	idle, running := s.idle, s.running
	s.listsMu.Unlock()
	if running {
		<-idle
	}
}

// reload is what browsers need to know of an update.
type reload struct {
	Pages []string `json:"pages"` // URL paths of the pages that changed
	CSS   bool     `json:"css"`   // a stylesheet changed
	Other bool     `json:"other"` // another file changed (script, image)
}

func reloadOf(changed []string) reload {
	r := reload{Pages: []string{}}
	for _, f := range changed {
		switch {
		case f == "index.html":
			r.Pages = append(r.Pages, "/")
		case strings.HasSuffix(f, "/index.html"):
			r.Pages = append(r.Pages, "/"+strings.TrimSuffix(f, "index.html"))
		case strings.HasSuffix(f, ".css"):
			r.CSS = true
		case f == "404.html" || strings.HasSuffix(f, ".json") || strings.HasSuffix(f, ".xml"):
			// Not shown in a browser tab that an update should reload.
		default:
			r.Other = true
		}
	}
	return r
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only values made here
	}
	return b
}

func (s *Server) broadcast(e event) {
	s.clientMu.Lock()
	defer s.clientMu.Unlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a client too slow to read misses an event, not the server
		}
	}
}

// Handler serves the site, the live-reload script and its event stream.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_kb/live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(liveJS)
	})
	mux.HandleFunc("/_kb/events", s.events)
	mux.HandleFunc("/_kb/status", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		b := mustJSON(s.state)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(b)
	})
	mux.HandleFunc("/", s.file)
	return mux
}

// events streams server-sent events to one browser tab until it goes.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	s.clientMu.Lock()
	s.clients[c] = true
	s.clientMu.Unlock()
	defer func() {
		s.clientMu.Lock()
		delete(s.clients, c)
		s.clientMu.Unlock()
	}()
	s.mu.Lock()
	if !s.state.OK {
		c <- event{"problems", mustJSON(s.state)} // a tab opened on a broken site shows why
	}
	s.mu.Unlock()
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	for {
		select {
		case e := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// file serves a file of the site from memory. Paths are cleaned before
// they are looked up, and only what the build made exists: nothing
// outside the site can be reached.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(p, "/")
	switch {
	case name == "":
		name = "index.html"
	case strings.HasSuffix(r.URL.Path, "/"):
		name += "/index.html"
	}
	out := s.live.Output()
	if write, ok := out.Stream(name); ok {
		stream(w, r, name, write)
		return
	}
	data, ok := out.Get(name)
	if !ok {
		// Perhaps a list not yet made: the first build serves pages
		// before its lists are done.
		s.WaitLists()
		data, ok = out.Get(name)
	}
	if !ok && !strings.HasSuffix(name, "index.html") {
		if out.Has(name + "/index.html") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name = "404.html"
		if data, ok = out.Get(name); !ok {
			http.NotFound(w, r)
			return
		}
	}
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	setHeaders(w, ctype)
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(data)
	}
}

// stream sends a file that is made as it is sent, such as search.json:
// without its length, since it is not held to be measured.
func stream(w http.ResponseWriter, r *http.Request, name string, write func(io.Writer) error) {
	setHeaders(w, contentType(name))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodGet {
		return
	}
	// The writers buffer as they go. A failure to write is the browser
	// going away: the status is sent, and the connection is left to end.
	_ = write(w)
}

// setHeaders sets the headers of a file served: its type, and that it
// is not to be cached, since a save may change it at any moment.
func setHeaders(w http.ResponseWriter, ctype string) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
}

// contentType is the type of a file by its name.
func contentType(name string) string {
	ext := path.Ext(name)
	switch ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		if path.Base(name) == "atom.xml" {
			return "application/atom+xml"
		}
		return "application/xml"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the live-reload script before </body>.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], liveScript...)
	}
	out := make([]byte, 0, len(page)+len(liveScript))
	out = append(out, page[:i]...)
	out = append(out, liveScript...)
	return append(out, page[i:]...)
}

// Watch applies batches of changes until ctx ends.
func (s *Server) Watch(ctx context.Context, batches <-chan []string) {
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-batches:
			_, _ = s.Apply(b)
		}
	}
}
