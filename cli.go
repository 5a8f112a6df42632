package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kbgen/kb/generator/build"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/file"
	"github.com/kbgen/kb/generator/gctune"
	"github.com/kbgen/kb/generator/hugepage"
	"github.com/kbgen/kb/generator/newpage"
)

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

const usage = `kb builds a static knowledge-base site from typed Markdown pages.

Usage:
  kb build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--strict] [--broken-links error|warn]
  kb serve [--source DIR] [--addr HOST:PORT] [--drafts] [--broken-links error|warn]
  kb check [--source DIR] [--strict] [--drafts] [--broken-links error|warn]
  kb new TYPE "Title" [--source DIR]

Run "kb COMMAND --help" for a command's flags.
Exit status: 0 success, 1 problems in the content, 2 wrong usage.
`

// run is the command line, apart from the process, so that tests can call it.
func run(args []string, builtin fs.FS, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(rest, builtin, stdout, stderr)
	case "check":
		return runCheck(rest, builtin, stdout, stderr)
	case "serve":
		return runServe(rest, builtin, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "kb: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

// flags is a command's flag set; it accepts flags before and after the
// positional arguments, as users type them.
type flags struct {
	*flag.FlagSet
	positional []string
}

func newFlags(name, synopsis string, stderr io.Writer) *flags {
	f := &flags{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError)}
	f.SetOutput(stderr)
	f.Usage = func() {
		fmt.Fprintf(f.Output(), "Usage: kb %s\n\nFlags:\n", synopsis)
		f.PrintDefaults()
	}
	return f
}

// parse reads args; it reports whether to go on and, if not, the exit status.
func (f *flags) parse(args []string) (int, bool) {
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.SetOutput(os.Stdout)
				return exitOK, false
			}
			return exitUsage, false
		}
		args = f.Args()
		if len(args) == 0 {
			return 0, true
		}
		f.positional = append(f.positional, args[0])
		args = args[1:]
	}
}

// common holds the flags several commands share.
type common struct {
	source, brokenLinks string
	drafts, strict      bool
}

func (c *common) register(f *flags, strict bool) {
	f.StringVar(&c.source, "source", ".", "the site's `folder`: content/, and optionally kb.yaml, templates/, static/")
	f.BoolVar(&c.drafts, "drafts", false, "include pages marked draft: true")
	f.StringVar(&c.brokenLinks, "broken-links", "", "report links to nothing as `error` or warn (default: kb.yaml's broken_links, else error)")
	if strict {
		f.BoolVar(&c.strict, "strict", false, "treat warnings as errors")
	}
}

// options turns the shared flags into build options.
func (c *common) options(stderr io.Writer) (build.Options, bool) {
	o := build.Options{Drafts: c.drafts}
	switch c.brokenLinks {
	case "":
	case "error":
		sev := diag.Error
		o.BrokenLinks = &sev
	case "warn", "warning":
		sev := diag.Warning
		o.BrokenLinks = &sev
	default:
		fmt.Fprintf(stderr, "kb: --broken-links must be error or warn, not %q\n", c.brokenLinks)
		return o, false
	}
	if info, err := os.Stat(c.source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "kb: --source %s: no such folder\n", c.source)
		return o, false
	}
	return o, true
}

func noArgs(f *flags, stderr io.Writer) bool {
	if len(f.positional) > 0 {
		fmt.Fprintf(stderr, "kb %s: unexpected argument %q\n", f.Name(), f.positional[0])
		f.Usage()
		return false
	}
	return true
}

func runBuild(args []string, builtin fs.FS, stdout, stderr io.Writer) int {
	var c common
	var out, baseURL, cpuProfile, memProfile string
	f := newFlags("build", "build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--strict] [--broken-links error|warn]", stderr)
	c.register(f, true)
	f.StringVar(&out, "out", "public", "the output `folder`, replaced as a whole when the build succeeds")
	f.StringVar(&baseURL, "base-url", "", "the `URL` the site is served at, such as https://example.org/kb/ (default: kb.yaml's baseURL)")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
	f.StringVar(&memProfile, "memprofile", "", "write a heap profile taken at the end of the build to `file`")
	if code, ok := f.parse(args); !ok {
		return code
	}
	o, ok := c.options(stderr)
	if !ok || !noArgs(f, stderr) {
		return exitUsage
	}
	o.BaseURL = baseURL
	if err := safeOutput(c.source, out); err != nil {
		fmt.Fprintf(stderr, "kb build: %v\n", err)
		return exitUsage
	}
	limitMemory(&o)
	stopProfiles, perr := startProfiles(cpuProfile, memProfile)
	if perr != nil {
		fmt.Fprintf(stderr, "kb: %v\n", perr)
		return exitUsage
	}
	defer stopProfiles()
	start := time.Now()
	res, err := build.Build(file.DirFS(c.source), builtin, out, c.strict, o)
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return exitProblems
	}
	fmt.Fprint(stderr, res.Problems.String())
	if !res.Written {
		fmt.Fprintf(stderr, "kb: %s; %s left as it was\n", tally(res.Problems), out)
		return exitProblems
	}
	fmt.Fprintf(stdout, "kb: built %s into %s in %s%s\n", diag.Count(res.Pages, "page"), out, time.Since(start).Round(time.Millisecond), warnings(res.Problems))
	if res.BaseURL == "" {
		fmt.Fprint(stderr, noBaseURL)
	}
	return exitOK
}

// noBaseURL is what a build without a base URL says: its pages work
// from any host's root, but feed readers and search engines need the
// full addresses that only the base URL gives.
const noBaseURL = "kb: note: no base URL, so atom.xml and sitemap.xml hold paths, not the full addresses feed readers and search engines need; to deploy, add --base-url https://your.host/ (or baseURL in kb.yaml)\n"

func runCheck(args []string, builtin fs.FS, stdout, stderr io.Writer) int {
	var c common
	f := newFlags("check", "check [--source DIR] [--strict] [--drafts] [--broken-links error|warn]", stderr)
	c.register(f, true)
	if code, ok := f.parse(args); !ok {
		return code
	}
	o, ok := c.options(stderr)
	if !ok || !noArgs(f, stderr) {
		return exitUsage
	}
	limitMemory(&o)
	res, err := build.Check(file.DirFS(c.source), builtin, c.strict, o)
	if err != nil {
		fmt.Fprintf(stderr, "kb: %v\n", err)
		return exitProblems
	}
	problems := res.Problems
	fmt.Fprint(stdout, problems.String())
	fmt.Fprintf(stderr, "kb: %s, %s\n", diag.Count(res.Pages, "page"), tally(problems))
	if problems.Errors(c.strict) > 0 {
		return exitProblems
	}
	return exitOK
}

// tally counts errors and warnings: "2 errors, 1 warning".
func tally(l diag.List) string {
	errs := l.Errors(false)
	warns := len(l) - errs
	return fmt.Sprintf("%s, %s", diag.Count(errs, "error"), diag.Count(warns, "warning"))
}

func warnings(l diag.List) string {
	if len(l) == 0 {
		return ""
	}
	return " (" + diag.Count(len(l), "warning") + ")"
}

func runNew(args []string, stdout, stderr io.Writer) int {
	var source string
	f := newFlags("new", `new TYPE "Title" [--source DIR]`, stderr)
	f.StringVar(&source, "source", ".", "the site's `folder`")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if len(f.positional) != 2 {
		fmt.Fprintf(stderr, "kb new: want a type and a title, as in: kb new initiative \"Seoul Declaration\"\n")
		return exitUsage
	}
	path, err := newpage.Write(os.DirFS(source), source, f.positional[0], f.positional[1])
	if err != nil {
		var usageErr *newpage.UsageError
		fmt.Fprintf(stderr, "kb new: %v\n", err)
		if errors.As(err, &usageErr) {
			return exitUsage
		}
		return exitProblems
	}
	fmt.Fprintf(stdout, "kb: wrote %s\n", strings.TrimPrefix(path, "./"))
	return exitOK
}

// startProfiles starts the profiles asked for; the function it returns
// writes them. The heap profile samples the allocations made from now on:
// main samples none (see there).
func startProfiles(cpu, mem string) (func(), error) {
	stop := func() {}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		stop = func() { pprof.StopCPUProfile(); f.Close() }
	}
	if mem == "" {
		return stop, nil
	}
	runtime.MemProfileRate = defaultMemProfileRate
	return func() {
		stop()
		f, err := os.Create(mem)
		if err != nil {
			return
		}
		defer f.Close()
		_ = pprof.WriteHeapProfile(f)
	}, nil
}

// defaultMemProfileRate is Go's: a sample every 512 KB allocated.
const defaultMemProfileRate = 512 << 10

// memoryLimit is the heap a one-off build keeps under when it can: below
// it, Go collects garbage at its usual pace; near it, more often, so that
// a large site builds in bounded memory. GOMEMLIMIT overrides it.
//
// A 100,000-page build renders at the limit, with some 850 MB live, so
// the room between the two sets how often it collects: at 1,920 MiB
// (peak 1,931-1,935 MiB, under 2 GiB) six alternating builds on tmpfs
// took 34.1-41.1 s, median 37.1, against 34.2-43.5 s, median 39.9, at
// 1,792 MiB (peak 1,805-1,807 MiB), each pair faster.
const memoryLimit = 1920 << 20

// limitMemory sets a one-off build's memory limit, and has the build
// prepare its heap once it knows the number of pages (readingPages).
func limitMemory(o *build.Options) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	o.Reading = readingPages
}

// smallSite is the number of pages below which a build renders at a GC
// percent of smallSitePercent rather than Go's 100: reading aims its
// collections at a heap (see readingTarget) which at that size the
// rendering's peak would pass, and huge pages (see readingPages) round
// the heap up to 2 MB at a time. Together those take some memory that a
// small build, whose peak is mostly the program itself, cannot spare. At
// 1,000 pages, 21 alternating builds each (tmpfs): 0.31 s, 0.54 CPU s
// and 50.1 MB, against 0.33 s, 0.57 and 50.2 MB when reading too
// collected at 85 (80 while rendering: 0.30 s, 50.8 MB), and 0.41 s and
// 52.4 MB before huge pages.
const (
	smallSite        = 4096
	smallSitePercent = 75
)

// heapPerPage is more than a build's heap holds a page at its peak (about
// 25 KB on the generated corpus): an estimate too large costs only
// address space, one too small leaves the rest of the heap to ordinary
// pages.
const heapPerPage = 64 << 10

// While a site's pages are read and linked, the build keeps most of
// what it reads, so the live heap grows all along, and at Go's default GC
// percent of 100 it is marked again each time the heap doubles over it (40
// of a 10,000-page build's 44 collections, 67 of a 100,000-page build's
// 74). Instead, each collection is aimed at a heap of readingTarget bytes a
// page, at most readingShare sixteenths of the memory limit, with the GC
// percent between 100 and readingMostPercent (see package gctune).
//
// At 1,000 pages that collects 10 times instead of 19 while reading. At
// 10,000 pages that is about what a fixed 200 did (4-6% less CPU than
// 100, 15-25 MB more; alternating with it, the same time and 5-10 MB
// more at 20 KB a page, 20-25 MB more at 24 KB). At 100,000
// pages, where a fixed 200 or 400 met the memory limit and ran slower than
// 100, builds aimed at 784-1,000 MiB took 42.5-53.9 s, median 45.1,
// against 44.4-55.6 s, median 47.5, at 100 (20 and 17 builds alternating
// on tmpfs; the host's noise is as large as the gain, and nine pairs of
// the final setting split four to five); aimed at 1,200 MiB, nearer the
// limit, 39.6-57.2 s. Hence 7/16 of the limit then: 840 MiB under kb's
// own (784 MiB when these were measured, under 1,792 MiB).
//
// Since the graph keeps less (backlinks without pointers, a slot for each
// page; 2026-12-02), the live heap a 100,000-page build reads into is
// some 600 MB, and a read aimed at 840 MiB collected 27 times to stay
// under it. Aimed at 10/16 (1,200 MiB): 28 collections in all instead of
// 31, 5.4 CPU s of collection instead of 6.4 (two builds each, gctrace),
// 25.6 and 24.8 s against 26.8 and 25.0 s (medians of 3 and 4
// alternating builds), the same peak (the rendering's, at the limit).
// Sites of up to 43,000 pages read as before: 20 KB a page is less.
const (
	readingTarget      = 20 << 10
	readingShare       = 10
	readingMostPercent = 400
)

// readingPages prepares the heap for reading a site of so many pages and
// returns what puts the GC percent back for rendering. A GOGC the user
// set is left alone.
//
// Whatever the site's size, the heap the build will grow, up to the
// memory limit, is backed by huge pages (see package hugepage): on this
// kind of machine, where a page of memory first touched costs some 17 µs,
// that took a 1,000-page build from 0.41 to 0.33 s.
func readingPages(pages int) (done func()) {
	heap, limit := int64(pages)*heapPerPage, debug.SetMemoryLimit(-1)
	if n := min(heap, limit); n <= math.MaxInt {
		hugepage.Reserve(int(n))
	}
	if os.Getenv("GOGC") != "" {
		return nil
	}
	if pages < smallSite {
		debug.SetGCPercent(smallSitePercent) // what rendering goes back to
	}
	return gctune.Start(readingHeap(pages, limit), readingMostPercent)
}

// readingHeap is the heap each collection is aimed at while a site of so
// many pages is read, under the given memory limit.
func readingHeap(pages int, limit int64) uint64 {
	return uint64(min(int64(pages)*readingTarget, limit/16*readingShare))
}

// safeOutput refuses an output folder that the build, which replaces the
// folder as a whole, would destroy something in: the site itself, a
// folder holding the site, or another site.
func safeOutput(source, out string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dst, src); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("--out %s holds the site itself, which a build would replace; choose a folder of its own, such as public", out)
	}
	for _, site := range []string{"content", "kb.yaml"} {
		if _, err := os.Stat(filepath.Join(dst, site)); err == nil {
			return fmt.Errorf("--out %s holds %s, as a site does; a build replaces its output folder whole, so choose another", out, site)
		}
	}
	return nil
}
