package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kbgen/kb/generator/build"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/watch"
)

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// site starts a served site in a temporary folder, watched for real.
func site(t *testing.T) (dir string, srv *httptest.Server) {
	t.Helper()
	dir = t.TempDir()
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nChina proposed things.\n")
	write(t, dir, "content/initiatives/plan.md", "---\ntitle: Action Plan\nkind: action-plan\nproposed_by: [china]\n---\n\nSee [[China]].\n")
	live, problems, err := build.Start(os.DirFS(dir), os.DirFS("../.."), build.Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("start: %v %s", err, problems)
	}
	if _, err := live.Finish(); err != nil {
		t.Fatal(err)
	}
	s := New(live, problems, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	w, err := watch.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string)
	go func() { _ = w.Run(ctx, batches) }()
	go s.Watch(ctx, batches)
	srv = httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		cancel()
		s.Close()
		srv.Close()
		w.Close()
	})
	return dir, srv
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// eventually polls until cond holds, for up to five seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// events reads the server-sent events of one tab.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "/_kb/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			}
			if d, ok := strings.CutPrefix(line, "data: "); ok {
				c <- name + " " + d
			}
		}
	}()
	return c
}

// waitEvent waits for an event that starts with prefix and holds every
// one of parts, skipping others.
func waitEvent(t *testing.T, c <-chan string, prefix string, parts ...string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-c:
			if strings.HasPrefix(e, prefix) && allIn(e, parts) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %q event", prefix)
		}
	}
}

func allIn(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestServeEndToEnd(t *testing.T) {
	dir, srv := site(t)
	tab := events(t, srv.URL)

	code, body, h := get(t, srv.URL+"/participants/china/")
	if code != 200 || !strings.Contains(body, "<h1>China</h1>") || !strings.Contains(body, "Action Plan") {
		t.Fatalf("china: %d\n%s", code, body)
	}
	if !strings.Contains(body, `<script src="/_kb/live.js"></script></body>`) {
		t.Error("the live-reload script is not injected before </body>")
	}
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}

	// An edit shows, and the open tab is told to reload.
	write(t, dir, "content/participants/china.md", "---\ntitle: People's Republic of China\nkind: country\naliases: [China]\n---\n\nChina proposed things.\n")
	eventually(t, "the new title", func() bool {
		_, body, _ := get(t, srv.URL+"/participants/china/")
		return strings.Contains(body, "<h1>People&#39;s Republic of China</h1>")
	})
	// The tab is told to reload the page and its neighbour.
	waitEvent(t, tab, "reload", `"/participants/china/"`, `"/initiatives/plan/"`)

	// A bad save: the last good page stays, the problem is reported with its place.
	write(t, dir, "content/participants/china.md", "---\ntitle: [China\nkind: country\n---\n")
	e := waitEvent(t, tab, "problems")
	if !strings.Contains(e, "content/participants/china.md:3") {
		t.Errorf("problems event %s does not name the file and line", e)
	}
	_, status, _ := get(t, srv.URL+"/_kb/status")
	if !strings.Contains(status, `"ok":false`) || !strings.Contains(status, `"held":true`) {
		t.Errorf("status after a bad save: %s", status)
	}
	if _, body, _ := get(t, srv.URL+"/participants/china/"); !strings.Contains(body, "People&#39;s Republic of China") {
		t.Error("a bad save replaced the last good page")
	}
	// A tab opened now learns of the problem at once.
	late := events(t, srv.URL)
	waitEvent(t, late, "problems")

	// The next good save clears it.
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nFixed.\n")
	waitEvent(t, tab, "reload", `"/participants/china/"`)
	eventually(t, "the status to clear", func() bool {
		_, status, _ := get(t, srv.URL+"/_kb/status")
		return strings.Contains(status, `"ok":true`)
	})

	// Create and delete a page.
	write(t, dir, "content/risks/deep-fakes.md", "---\ntitle: Deep fakes\ndomain: malicious-use\n---\n\nFakes.\n")
	eventually(t, "the new page", func() bool { c, _, _ := get(t, srv.URL+"/risks/deep-fakes/"); return c == 200 })
	if err := os.Remove(filepath.Join(dir, "content/risks/deep-fakes.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the page to go", func() bool { c, _, _ := get(t, srv.URL+"/risks/deep-fakes/"); return c == 404 })

	// A stylesheet: browsers swap it without a reload.
	write(t, dir, "static/css/site.css", "body { color: red }")
	waitEvent(t, tab, "reload", `"css":true`)
	if _, body, h := get(t, srv.URL+"/css/site.css"); body != "body { color: red }" || h.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("css served as %q with %q", body, h.Get("Content-Type"))
	}
}

func TestServePaths(t *testing.T) {
	_, srv := site(t)
	tests := []struct {
		path     string
		code     int
		ctype    string
		contains string
	}{
		{"/", 200, "text/html; charset=utf-8", "<html"},
		{"/participants/china/", 200, "text/html; charset=utf-8", "China"},
		{"/graph.json", 200, "application/json", `"pages"`},
		{"/search.json", 200, "application/json", `"t":"China"`},
		{"/atom.xml", 200, "application/atom+xml", "<feed"},
		{"/css/kb.css", 200, "text/css; charset=utf-8", "--bg"},
		{"/no/such/page/", 404, "text/html; charset=utf-8", "Not found"},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, "text/html; charset=utf-8", ""},
		{"/css/%2e%2e/%2e%2e/kb.yaml", 404, "text/html; charset=utf-8", ""},
		{"/content/participants/china.md", 404, "text/html; charset=utf-8", ""},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		req.URL.Opaque = tt.path // send the path as written, dots and all
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code || resp.Header.Get("Content-Type") != tt.ctype || !strings.Contains(string(b), tt.contains) {
			t.Errorf("GET %s: %d %q, want %d %q containing %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.code, tt.ctype, tt.contains)
		}
	}
	// Dots in the path are cleaned away before anything is looked up.
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.URL.Opaque = "/../kb.yaml"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /../kb.yaml: %d, want 404", resp.StatusCode)
	}
	resp, err = client.Get(srv.URL + "/participants/china")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/participants/china/" {
		t.Errorf("a page without its slash: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = http.Post(srv.URL+"/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("POST: %d, want 405", resp.StatusCode)
	}
}

// TestServeListsFollowQuickSaves saves faster than the lists are remade:
// the runs go one at a time, each save made during a run is taken up by
// the next, and the lists end with the last save.
func TestServeListsFollowQuickSaves(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nChina proposed things.\n")
	write(t, dir, "content/initiatives/plan.md", "---\ntitle: Action Plan\nkind: action-plan\nproposed_by: [china]\n---\n\nSee [[China]].\n")
	live, problems, err := build.Start(os.DirFS(dir), os.DirFS("../.."), build.Options{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("start: %v %s", err, problems)
	}
	logged := &syncWriter{}
	s := New(live, problems, logged)
	s.StartLists()
	for i := range 20 {
		write(t, dir, "content/initiatives/plan.md", fmt.Sprintf("---\ntitle: Action Plan %d\nkind: action-plan\nproposed_by: [china]\n---\n\nSee [[China]].\n", i))
		if u, err := s.Apply([]string{"content/initiatives/plan.md"}); err != nil || u.Failed {
			t.Fatalf("save %d: %v %s", i, err, u.Problems)
		}
	}
	s.WaitLists()
	for _, list := range []string{"initiatives/index.html", "index.html", "search.json"} {
		data, ok := live.Output().Get(list)
		if !ok || !strings.Contains(string(data), "Action Plan 19") || strings.Contains(string(data), "Action Plan 18") {
			t.Errorf("%s does not show the last save", list)
		}
	}
	if runs := strings.Count(logged.String(), "lists and indexes updated"); runs == 0 {
		t.Error("no run of the lists was committed")
	}
}

// TestServeSiteWithErrors: a site served with an error it had from the
// start (a link to a note not yet written) takes saves that bring no new
// one, and says the errors are the site's, not a save held back; a save
// that brings one is held back.
func TestServeSiteWithErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nSee [[A note not yet written]].\n")
	live, problems, err := build.Start(os.DirFS(dir), os.DirFS("../.."), build.Options{})
	if err != nil || problems.Errors(false) != 1 {
		t.Fatalf("start: %v, want one error: %s", err, problems)
	}
	logged := &syncWriter{}
	s := New(live, problems, logged)
	status := func() string {
		s.mu.Lock()
		defer s.mu.Unlock()
		return string(mustJSON(s.state))
	}
	if st := status(); !strings.Contains(st, `"ok":false`) || !strings.Contains(st, `"held":false`) {
		t.Errorf("status at the start: %s", st)
	}
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nEdited. See [[A note not yet written]].\n")
	if u, err := s.Apply([]string{"content/participants/china.md"}); err != nil || u.Failed {
		t.Fatalf("a save that brings no new error: %v, failed %v", err, u.Failed)
	}
	if data, _ := live.Output().Get("participants/china/index.html"); !strings.Contains(string(data), "Edited.") {
		t.Error("the save does not show")
	}
	if st := status(); !strings.Contains(st, `"ok":false`) || !strings.Contains(st, `"held":false`) {
		t.Errorf("status after a good save: %s", st)
	}
	// The log does not print the site's error again on every save.
	if l := logged.String(); strings.Contains(l, "A note not yet written") || !strings.Contains(l, "(1 problem as before, not printed again)") {
		t.Errorf("the log after a good save:\n%s", l)
	}
	write(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\n\nSee [[A note not yet written]] and [[Another]].\n")
	if u, err := s.Apply([]string{"content/participants/china.md"}); err != nil || !u.Failed {
		t.Fatalf("a save that brings an error: %v, failed %v", err, u.Failed)
	}
	if data, _ := live.Output().Get("participants/china/index.html"); !strings.Contains(string(data), "Edited.") {
		t.Error("the save held back replaced the page")
	}
	if st := status(); !strings.Contains(st, `"held":true`) {
		t.Errorf("status after a save held back: %s", st)
	}
	if l := logged.String(); strings.Contains(l, "A note not yet written") || !strings.Contains(l, `no page matches "Another"`) {
		t.Errorf("the log after a save held back, which prints the new problem alone:\n%s", l)
	}
}

func TestNamed(t *testing.T) {
	for _, c := range []struct {
		paths []string
		want  string
	}{
		{nil, ""},
		{[]string{"content/a.md"}, "content/a.md"},
		{[]string{"a.md", "b.md", "c.md"}, "a.md, b.md, c.md"},
		{[]string{"a.md", "b.md", "c.md", "d.md"}, "a.md, b.md, c.md and 1 more file"},
		{[]string{"a.md", "b.md", "c.md", "d.md", "e.md", "f.md"}, "a.md, b.md, c.md and 3 more files"},
	} {
		if got := named(c.paths); got != c.want {
			t.Errorf("named(%q) = %q, want %q", c.paths, got, c.want)
		}
	}
}

// syncWriter is a log that the server's goroutines may write at once.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// TestStatusOfManyProblems checks that the status lists the first
// shownProblems problems, those a save brought first, and counts the
// rest and the errors of all.
func TestStatusOfManyProblems(t *testing.T) {
	var problems diag.List
	for i := range shownProblems + 110 {
		sev := diag.Error
		if i%10 == 0 {
			sev = diag.Warning
		}
		problems = append(problems, diag.Problem{Path: fmt.Sprintf("content/p%04d.md", i), Severity: sev, Message: "broken"})
	}
	st := statusOf(problems, nil)
	if st.OK || len(st.Problems) != shownProblems || st.More != 110 || st.Errors != (shownProblems+110)*9/10 {
		t.Errorf("status of %d problems: ok %v, %d listed, %d more, %d errors", len(problems), st.OK, len(st.Problems), st.More, st.Errors)
	}
	if want := problems[shownProblems-1].String(); st.Problems[shownProblems-1] != want {
		t.Errorf("last listed %q, want %q", st.Problems[shownProblems-1], want)
	}
	// The save brought the last problem, past those listed in file order.
	fresh := problems[len(problems)-1:]
	st = statusOf(problems, fresh)
	if len(st.Problems) != shownProblems || st.Problems[0] != fresh[0].String() || st.Problems[1] != problems[0].String() ||
		st.Problems[shownProblems-1] != problems[shownProblems-2].String() {
		t.Errorf("with the last problem fresh, listed %d: %q, %q, ..., %q", len(st.Problems), st.Problems[0], st.Problems[1], st.Problems[len(st.Problems)-1])
	}
	if st := statusOf(problems[:3], problems[1:2]); !slices.Equal(st.Problems, []string{problems[1].String(), problems[0].String(), problems[2].String()}) ||
		st.More != 0 || st.Errors != 2 {
		t.Errorf("status of 3 problems: %q, %d more, %d errors", st.Problems, st.More, st.Errors)
	}
}
