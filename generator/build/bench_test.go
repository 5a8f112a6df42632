package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kbgen/kb/generator/corpus"
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

// BenchmarkBuild is a full build, from files to files on disk.
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
