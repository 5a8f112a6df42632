// Command servebench measures kb serve as an author meets it: it starts a
// real kb serve on a site, saves a page again and again, and times each
// save until the browser's event stream says the page changed and the
// server returns the new page. It also times the first build in serve mode
// against kb build on the same site.
//
//	servebench -kb /tmp/kb -site /tmp/corpus/kb -saves 40
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	kb := flag.String("kb", "kb", "the kb binary")
	site := flag.String("site", "", "the site to serve (a copy is edited, not the site itself)")
	saves := flag.Int("saves", 40, "how many saves to time")
	verbose := flag.Bool("v", false, "print each save's time, in order")
	pause := flag.Duration("pause", time.Second, "time between saves, as an author takes; the lists are remade in it")
	flag.Parse()
	if *site == "" || *saves < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*kb, *site, *saves, *pause, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

func run(kb, site string, saves int, pause time.Duration, verbose bool) error {
	work, err := os.MkdirTemp("", "servebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	src := filepath.Join(work, "site")
	if err := exec.Command("cp", "-r", site, src).Run(); err != nil {
		return fmt.Errorf("copying the site: %w", err)
	}

	start := time.Now()
	if out, err := exec.Command(kb, "build", "--source", src, "--out", filepath.Join(work, "public")).CombinedOutput(); err != nil {
		return fmt.Errorf("kb build: %v\n%s", err, out)
	}
	buildTime := time.Since(start)

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	cmd := exec.Command(kb, "serve", "--source", src, "--addr", addr)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = io.Discard
	start = time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	if err := waitFor(stdout, "serving"); err != nil {
		return err
	}
	serveTime := time.Since(start)
	base := "http://" + addr

	events, err := subscribe(base + "/_kb/events")
	if err != nil {
		return err
	}
	page, url, err := pickPage(src, base)
	if err != nil {
		return err
	}
	orig, err := os.ReadFile(page)
	if err != nil {
		return err
	}
	var took []time.Duration
	for i := 0; i < saves; i++ {
		marker := fmt.Sprintf("servebench-edit-%d", i)
		text := string(orig) + "\n\nEdited: " + marker + ".\n"
		t0 := time.Now()
		if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
			return err
		}
		if err := waitEvent(events, strings.TrimPrefix(url, base), 10*time.Second); err != nil {
			return fmt.Errorf("save %d: %w", i, err)
		}
		body, err := get(url)
		if err != nil {
			return err
		}
		if !strings.Contains(body, marker) {
			return fmt.Errorf("save %d: the page served after the reload event lacks the edit", i)
		}
		took = append(took, time.Since(t0))
		if verbose {
			fmt.Printf("save %d: %s\n", i, took[i].Round(100*time.Microsecond))
		}
		time.Sleep(pause)
		drain(events)
	}
	slices.Sort(took)
	fmt.Printf("site: %s\n", site)
	fmt.Printf("kb build:                 %s\n", buildTime.Round(time.Millisecond))
	fmt.Printf("kb serve first build:     %s (ratio to kb build %.2f)\n", serveTime.Round(time.Millisecond), serveTime.Seconds()/buildTime.Seconds())
	fmt.Printf("save to served, %d saves: median %s, min %s, p90 %s, max %s\n", len(took),
		took[len(took)/2].Round(100*time.Microsecond), took[0].Round(100*time.Microsecond),
		took[len(took)*9/10].Round(100*time.Microsecond), took[len(took)-1].Round(100*time.Microsecond))
	return nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitFor reads lines until one holds s.
func waitFor(r io.Reader, s string) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.Contains(sc.Text(), s) {
			go func() { _, _ = io.Copy(io.Discard, r) }()
			return nil
		}
	}
	return errors.New("kb serve ended before it served")
}

// subscribe opens the live-reload event stream and sends each event's data.
func subscribe(url string) (<-chan string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	c := make(chan string, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				c <- d
			}
		}
		close(c)
	}()
	return c, nil
}

func waitEvent(events <-chan string, path string, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return errors.New("the event stream closed")
			}
			if strings.Contains(e, `"`+path+`"`) {
				return nil
			}
		case <-deadline:
			return fmt.Errorf("no reload event for %s", path)
		}
	}
}

func drain(events <-chan string) {
	for {
		select {
		case <-events:
		default:
			return
		}
	}
}

// pickPage picks a page of the site to edit: the middle one of its
// participants, or of any folder.
func pickPage(src, base string) (file, url string, err error) {
	matches, _ := filepath.Glob(filepath.Join(src, "content", "participants", "*.md"))
	if len(matches) == 0 {
		matches, _ = filepath.Glob(filepath.Join(src, "content", "*", "*.md"))
	}
	if len(matches) == 0 {
		return "", "", errors.New("no page to edit")
	}
	slices.Sort(matches)
	file = matches[len(matches)/2]
	rel, _ := filepath.Rel(filepath.Join(src, "content"), file)
	return file, base + "/" + strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/", nil
}

func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
