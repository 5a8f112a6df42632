package build

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium finds a headless browser, or skips the test; with
// KB_REQUIRE_BROWSER=1 (as in CI) a missing browser fails it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("KB_REQUIRE_BROWSER") == "1" {
		t.Fatal("no chromium on PATH (apt-get install -y chromium)")
	}
	t.Skip("no chromium on PATH; install it to run the browser tests")
	return ""
}

// dumpDOM loads url in headless Chromium, lets its scripts run, and
// returns the document as it then is.
func dumpDOM(t *testing.T, browser, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=2000", "--dump-dom", url)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// serveBuiltin builds the built-in site into a temporary folder and
// serves it over HTTP until the test ends.
func serveBuiltin(t *testing.T) (out string, srv *httptest.Server) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	res, err := Build(os.DirFS("../.."), repo, out, false, Options{})
	if err != nil || !res.Written {
		t.Fatalf("build: %v\n%s", err, res.Problems)
	}
	srv = httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return out, srv
}

var entryTag = regexp.MustCompile(`<li class="entry[^"]*"[^>]*>`)

// TestTimelineFilterInBrowser opens the built-in site's timeline narrowed
// to one participant and finds only that participant's entries visible.
func TestTimelineFilterInBrowser(t *testing.T) {
	browser := chromium(t)
	_, srv := serveBuiltin(t)

	tests := []struct {
		query, token string
	}{
		{"?participant=china", "participant:china"},
		{"?participant=european-union", "participant:european-union"},
		{"?risk=deep-fakes", "risk:deep-fakes"},
		{"?type=event&order=oldest", "type:event"},
	}
	for _, tt := range tests {
		dom := dumpDOM(t, browser, srv.URL+"/timeline/"+tt.query)
		entries := entryTag.FindAllString(dom, -1)
		if len(entries) < 20 {
			t.Fatalf("%s: only %d entries in the page", tt.query, len(entries))
		}
		visible, matching := 0, 0
		for _, e := range entries {
			has := strings.Contains(e, tt.token+" ") || strings.Contains(e, tt.token+`"`)
			hidden := strings.Contains(e, " hidden")
			if has {
				matching++
			}
			if !hidden {
				visible++
				if !has {
					t.Errorf("%s: an entry without %s is visible: %s", tt.query, tt.token, e)
				}
			} else if has {
				t.Errorf("%s: an entry with %s is hidden: %s", tt.query, tt.token, e)
			}
		}
		if visible == 0 || visible != matching {
			t.Errorf("%s: %d entries visible, %d match", tt.query, visible, matching)
		}
		// The count says how many are shown.
		if want := fmt.Sprintf(">%d of %d entries<", visible, len(entries)); !strings.Contains(dom, want) {
			t.Errorf("%s: the filters do not say %q", tt.query, want)
		}
	}
	// Oldest first puts the earliest year at the top.
	dom := dumpDOM(t, browser, srv.URL+"/timeline/?order=oldest")
	years := regexp.MustCompile(`data-year="(\d+)"`).FindAllStringSubmatch(dom, -1)
	if len(years) < 2 || years[0][1] > years[len(years)-1][1] {
		t.Errorf("?order=oldest: years in the order %v", years)
	}
}

// TestSearchInBrowser searches the built-in site in the browser and reads
// the results: pages are found, and each quotation from a page starts
// and ends on whole words of the page's text.
func TestSearchInBrowser(t *testing.T) {
	browser := chromium(t)
	out, srv := serveBuiltin(t)
	index, err := os.ReadFile(filepath.Join(out, "search.json"))
	if err != nil {
		t.Fatal(err)
	}
	var records []struct{ T, S, X string }
	if err := json.Unmarshal(index, &records); err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, r := range records {
		titles[r.T] = true
	}

	// "summit ma": the second term is in the first's <mark> tags, and
	// must not be highlighted inside them.
	for _, q := range []string{"cooperation", "deep fakes", "hallucinations", "summit ma"} {
		dom := dumpDOM(t, browser, srv.URL+"/search/?q="+url.QueryEscape(q))
		snippets := snippetTag.FindAllStringSubmatch(dom, -1)
		if len(snippets) == 0 {
			t.Errorf("%q: no results", q)
			continue
		}
		for _, m := range resultTitle.FindAllStringSubmatch(dom, -1) {
			if title := html.UnescapeString(markTag.ReplaceAllString(m[1], "")); !titles[title] {
				t.Errorf("%q: the result %q is no page's title", q, m[1])
			}
		}
		for _, m := range snippets {
			if strings.Contains(m[1], "\n") {
				t.Errorf("%q: a line break in the quotation %q, where blocks should be joined by \" · \"", q, m[1])
			}
			quote := html.UnescapeString(markTag.ReplaceAllString(m[1], ""))
			cutBefore, cutAfter := strings.HasPrefix(quote, "…"), strings.HasSuffix(quote, "…")
			quote = strings.TrimSuffix(strings.TrimPrefix(quote, "…"), "…")
			if !quotedWhole(records, quote, cutBefore, cutAfter) {
				t.Errorf("%q: the quotation %q does not start and end on whole words of a page", q, m[1])
			}
		}
	}
}

var (
	snippetTag  = regexp.MustCompile(`<p class="snippet">(.*?)</p>`)
	resultTitle = regexp.MustCompile(`<li><a href="[^"]*">(.*?)</a> <span class="badge">`)
	markTag     = regexp.MustCompile(`</?mark>`)
)

// blockEnd is a line of search text, the end of a block, with the
// punctuation before it; the search page shows it as a space after
// punctuation and as " · " after none.
var blockEnd = regexp.MustCompile(`([.,;:!?)。，；：！？）」])?\n`)

// quotedWhole reports whether quote is in some page's text (its blocks
// joined as the search page joins them) or summary, starting at its
// beginning or after a space when cut before, and ending at its end or
// before a space when cut after.
func quotedWhole(records []struct{ T, S, X string }, quote string, cutBefore, cutAfter bool) bool {
	for _, r := range records {
		shown := blockEnd.ReplaceAllStringFunc(r.X, func(m string) string {
			if m == "\n" {
				return " · "
			}
			return strings.TrimSuffix(m, "\n") + " "
		})
		for _, text := range []string{shown, r.S} {
			for i := strings.Index(text, quote); i >= 0; {
				end := i + len(quote)
				startOK := !cutBefore || i == 0 || text[i-1] == ' '
				endOK := (!cutAfter && end == len(text)) || (cutAfter && end < len(text) && text[end] == ' ') ||
					(!cutAfter && r.S == text) // a summary is shown whole
				if startOK && endOK {
					return true
				}
				next := strings.Index(text[i+1:], quote)
				if next < 0 {
					break
				}
				i += 1 + next
			}
		}
	}
	return false
}
