package build

import (
	"os"
	"testing"
)

// BenchmarkLink is relinking a loaded site: what every save in serve pays.
func BenchmarkLink(b *testing.B) {
	s, err := load(os.DirFS(corpusDir(b, 10000)), repo, Options{}, true)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.link()
	}
}
