// Command mdfloor converts every Markdown file under a folder to HTML with
// plain goldmark, in parallel: the floor that a site generator reading and
// writing the same files cannot beat, against which kb's time is judged.
//
// Usage:
//
//	mdfloor -in DIR -out DIR [-workers N]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses args and converts; it returns 0 on success, 1 when a file
// cannot be read, converted or written, and 2 on wrong usage.
func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("mdfloor", flag.ContinueOnError)
	fl.SetOutput(stderr)
	in := fl.String("in", "", "folder to read .md files from (required)")
	out := fl.String("out", "", "folder to write .html files to (required)")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "files converted at once")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *in == "" || *out == "" || *workers < 1 || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: mdfloor -in DIR -out DIR [-workers N]")
		fl.PrintDefaults()
		return 2
	}
	files, err := markdownFiles(*in)
	if err == nil {
		err = convertAll(*in, *out, files, *workers)
	}
	if err != nil {
		fmt.Fprintln(stderr, "mdfloor:", err)
		return 1
	}
	return 0
}

// markdownFiles lists the .md files under root, relative to it, in
// lexical order.
func markdownFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, err := filepath.Rel(root, path)
		files = append(files, rel)
		return err
	})
	return files, err
}

// newMarkdown is the converter each worker owns: GFM and footnotes, with
// heading ids, as a site generator would configure goldmark.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// convertAll converts files on workers goroutines and reports every
// failure, not only the first.
func convertAll(in, out string, files []string, workers int) error {
	jobs := make(chan string)
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			md, buf := newMarkdown(), new(bytes.Buffer)
			for rel := range jobs {
				if err := convert(md, buf, in, out, rel); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}

// convert reads in/rel, drops its front matter, and writes the HTML to
// out/rel with .html for .md.
func convert(md goldmark.Markdown, buf *bytes.Buffer, in, out, rel string) error {
	src, err := os.ReadFile(filepath.Join(in, rel))
	if err != nil {
		return err
	}
	buf.Reset()
	if err := md.Convert(stripFrontMatter(src), buf); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

// stripFrontMatter returns src without a leading YAML (---) or TOML (+++)
// front matter block; a file without one, or with one that never closes,
// is returned whole.
func stripFrontMatter(src []byte) []byte {
	for _, delim := range []string{"---", "+++"} {
		rest, ok := bytes.CutPrefix(src, []byte(delim+"\n"))
		if !ok {
			continue
		}
		if bytes.HasPrefix(rest, []byte(delim+"\n")) {
			return rest[len(delim)+1:]
		}
		if i := bytes.Index(rest, []byte("\n"+delim+"\n")); i >= 0 {
			return rest[i+len(delim)+2:]
		}
		if bytes.HasSuffix(rest, []byte("\n"+delim)) {
			return nil
		}
	}
	return src
}
