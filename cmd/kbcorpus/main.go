// Command kbcorpus writes a generated benchmark corpus: OUT/kb, a kb site,
// and OUT/hugo, the same content as a Hugo site.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kbgen/kb/generator/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args, writes the corpus and returns the exit status: 0 on
// success, 1 when writing fails, 2 on wrong usage.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("kbcorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "number of pages, 100 to 100000")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same bytes")
	out := fs.String("out", "", "folder to write kb/ and hugo/ into (required; kb/ and hugo/ must not exist)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kbcorpus -pages N [-seed S] -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "kbcorpus: unexpected argument %q\n", fs.Arg(0))
	case *out == "":
		fmt.Fprintln(stderr, "kbcorpus: -out is required")
	case *pages < 100 || *pages > 100_000:
		fmt.Fprintf(stderr, "kbcorpus: -pages %d: want 100 to 100000\n", *pages)
	default:
		if err := write(*out, corpus.Options{Pages: *pages, Seed: *seed}); err != nil {
			fmt.Fprintln(stderr, "kbcorpus:", err)
			return 1
		}
		return 0
	}
	fs.Usage()
	return 2
}

// write writes both sites, one at a time so that only one is in memory.
// It refuses to write over an existing site, so that files of an earlier,
// larger corpus can never linger in a smaller one.
func write(out string, o corpus.Options) error {
	sites := []struct {
		name string
		make func(corpus.Options) []corpus.File
	}{{"kb", corpus.Site}, {"hugo", corpus.HugoSite}}
	for _, s := range sites {
		dir := filepath.Join(out, s.name)
		if _, err := os.Stat(dir); err == nil {
			return fmt.Errorf("%s already exists; remove it or choose another -out", dir)
		}
		if err := corpus.Write(dir, s.make(o)); err != nil {
			return err
		}
	}
	return nil
}
