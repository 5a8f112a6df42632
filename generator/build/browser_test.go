package build

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
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

var entryTag = regexp.MustCompile(`<li class="entry[^"]*"[^>]*>`)

// TestTimelineFilterInBrowser opens the built-in site's timeline narrowed
// to one participant and finds only that participant's entries visible.
func TestTimelineFilterInBrowser(t *testing.T) {
	browser := chromium(t)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(os.DirFS("../.."), repo, out, false, Options{})
	if err != nil || !res.Written {
		t.Fatalf("build: %v\n%s", err, res.Problems)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()

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
