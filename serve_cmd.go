package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kbgen/kb/generator/build"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/file"
	"github.com/kbgen/kb/generator/hugepage"
	"github.com/kbgen/kb/generator/serve"
	"github.com/kbgen/kb/generator/watch"
)

func runServe(args []string, builtin fs.FS, stdout, stderr io.Writer) int {
	var c common
	var addr string
	f := newFlags("serve", "serve [--source DIR] [--addr HOST:PORT] [--drafts] [--broken-links error|warn]", stderr)
	c.register(f, false)
	f.StringVar(&addr, "addr", "127.0.0.1:1313", "the `address` to listen on; loopback unless you say otherwise")
	if code, ok := f.parse(args); !ok {
		return code
	}
	o, ok := c.options(stderr)
	if !ok || !noArgs(f, stderr) {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serveSite(ctx, c.source, addr, builtin, o, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "kb serve: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// serveSite builds the site into memory, serves it on addr and applies
// every save until ctx ends.
func serveSite(ctx context.Context, source, addr string, builtin fs.FS, o build.Options, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	url := "http://" + ln.Addr().String() + "/"
	o.BaseURL = url
	o.Reading = reserveServeHeap
	start := time.Now()
	live, problems, err := build.Start(file.DirFS(source), builtin, o)
	if err != nil {
		return err
	}
	fmt.Fprint(stderr, problems.String())
	fmt.Fprintf(stdout, "kb: built %s in %s; serving %s (Ctrl-C to stop)\n",
		diag.Count(live.Pages(), "page"), time.Since(start).Round(time.Millisecond), url)
	srv := serve.New(live, problems, stderr)
	srv.StartLists()
	w, err := watch.New(source)
	if err != nil {
		return err
	}
	defer w.Close()
	batches := make(chan []string)
	go func() {
		if err := w.Run(ctx, batches); err != nil {
			fmt.Fprintf(stderr, "kb serve: watching: %v\n", err)
		}
	}()
	go srv.Watch(ctx, batches)

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "kb: stopping")
	srv.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// serveHeapPerPage is more than kb serve's heap holds a page at its peak:
// the site, its records and its output kept as checksums take some 30 KB
// a page live (10,000 generated pages), and the heap grows to about twice
// that between collections.
const serveHeapPerPage = 96 << 10

// reserveServeHeap has the heap that kb serve will grow backed by huge
// pages (see package hugepage). A save and its lists allocate some 136 MB
// on 10,000 pages, part of it in memory the process has not touched, and
// on this kind of machine a page of memory first touched costs some 17
// µs: the update of one page took 45-55 ms between collections instead
// of 14 ms, most of it in page faults.
func reserveServeHeap(pages int) (done func()) {
	hugepage.Reserve(pages * serveHeapPerPage)
	return nil
}
