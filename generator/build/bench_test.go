package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kbgen/kb/generator/corpus"
	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/file"
)

// corpusDir writes a generated corpus of n pages once per test binary run.
func corpusDir(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("kb-bench-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	if err := corpus.Write(dir, corpus.Site(corpus.Options{Pages: n, Seed: 1})); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild is a full build, from files to files on disk, without
// what kb build sets for its process (the memory limit, the heap's huge
// pages), which would carry from one iteration to the next: scripts/bench.sh
// times kb build itself.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := corpusDir(b, n)
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Build(file.DirFS(src), repo, out, false, Options{}) // as kb build reads
				if err != nil || !res.Written {
					b.Fatalf("build: %v\n%s", err, res.Problems)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkIncremental is one save of one page in serve mode: re-read,
// re-link, re-render the pages it changes (what the browser showing the
// page waits for), then the lists and data files (Finish). Each iteration
// edits the body of a page, then its title, which its neighbours and the
// lists show. It reports the page's part and the lists' part.
func BenchmarkIncremental(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "site")
			copyTree(b, corpusDir(b, n), src)
			live, problems, err := Start(os.DirFS(src), repo, Options{})
			if err != nil || problems.Errors(false) > 0 {
				b.Fatalf("start: %v %s", err, problems)
			}
			if _, err := live.Finish(); err != nil {
				b.Fatal(err)
			}
			page := live.site.graph.IDs()[n/2]
			rel := live.site.graph.Node(page).Path
			orig, err := os.ReadFile(filepath.Join(src, rel))
			if err != nil {
				b.Fatal(err)
			}
			var served, finished time.Duration
			var took Timings
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				text := string(orig) + fmt.Sprintf("\nEdit %d.\n", i)
				if i%2 == 1 {
					text = strings.Replace(text, "title: ", fmt.Sprintf("title: Edit %d ", i), 1)
				}
				if err := os.WriteFile(filepath.Join(src, rel), []byte(text), 0o644); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				u, err := live.Update([]string{rel})
				if err != nil || u.Failed {
					b.Fatalf("update: %v %s", err, u.Problems)
				}
				served += time.Since(start)
				took.Read += u.Took.Read
				took.Link += u.Took.Link
				took.Pages += u.Took.Pages
				start = time.Now()
				if _, err := live.Finish(); err != nil {
					b.Fatal(err)
				}
				finished += time.Since(start)
			}
			b.ReportMetric(float64(served.Milliseconds())/float64(b.N), "ms/page")
			b.ReportMetric(float64(finished.Milliseconds())/float64(b.N), "ms/lists")
			b.ReportMetric(float64(took.Link.Milliseconds())/float64(b.N), "ms/link")
			b.ReportMetric(float64(took.Pages.Milliseconds())/float64(b.N), "ms/render")
		})
	}
}

func copyTree(b *testing.B, src, dst string) {
	b.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAwkwardShapes builds the 1,000-page corpus with one kind of
// content added that the corpus itself keeps small, each of which once
// cost time growing with its square or worse: fences without a language,
// links to missing pages (as warnings), a paragraph of 5,000 links with no
// full stop, and a page of 3,000 headings linked by heading 3,000 times.
// Each should cost about what "none" does.
func BenchmarkAwkwardShapes(b *testing.B) {
	const pages = 1000
	shapes := []struct {
		name string
		add  func(ids []string) map[string]string // file -> text to append, or the whole of a new file
	}{
		{"none", func([]string) map[string]string { return nil }},
		{"plain-fences", func(ids []string) map[string]string {
			out := map[string]string{}
			for _, id := range ids[:250] {
				out["content/"+id+".md"] = "\n```\nquoted as it was written, in no language\n```\n"
			}
			return out
		}},
		{"missing-pages", func(ids []string) map[string]string {
			out := map[string]string{}
			for i, id := range ids[:1000] {
				out["content/"+id+".md"] = fmt.Sprintf("\nSee [[note not yet written %d]] and [[TODO]].\n", i)
			}
			return out
		}},
		{"long-paragraph", func(ids []string) map[string]string {
			var body strings.Builder
			for i := range 5000 {
				fmt.Fprintf(&body, "the plan would address [[%s]], ", ids[i%len(ids)])
			}
			return map[string]string{"content/risks/long-paragraph.md": "---\ntitle: Long paragraph\ndomain: misinformation\n---\n\n" + body.String() + "\n"}
		}},
		{"long-outline", func(ids []string) map[string]string {
			var outline strings.Builder
			for i := range 3000 {
				fmt.Fprintf(&outline, "## Section %d\n\nText.\n\n", i)
			}
			out := map[string]string{"content/risks/long-outline.md": "---\ntitle: Long outline\ndomain: misinformation\n---\n\n" + outline.String()}
			for i, id := range ids[:300] {
				var links strings.Builder
				for j := range 10 {
					fmt.Fprintf(&links, "See [[long-outline#Section %d]]. ", (i*10+j)%3000)
				}
				out["content/"+id+".md"] = "\n" + links.String() + "\n"
			}
			return out
		}},
	}
	warn := diag.Warning
	for _, shape := range shapes {
		b.Run(shape.name, func(b *testing.B) {
			src := filepath.Join(b.TempDir(), "site")
			copyTree(b, corpusDir(b, pages), src)
			var ids []string
			err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") && !strings.HasSuffix(p, "/index.md") {
					rel, _ := filepath.Rel(filepath.Join(src, "content"), p)
					ids = append(ids, strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			slices.Sort(ids)
			for name, text := range shape.add(ids) {
				f, err := os.OpenFile(filepath.Join(src, name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				if err == nil {
					_, err = f.WriteString(text)
					err = errors.Join(err, f.Close())
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			out := filepath.Join(b.TempDir(), "public")
			b.ResetTimer()
			for b.Loop() {
				res, err := Build(file.DirFS(src), repo, out, false, Options{BrokenLinks: &warn})
				if err != nil || !res.Written {
					b.Fatalf("build: %v\n%s", err, res.Problems)
				}
			}
		})
	}
}
