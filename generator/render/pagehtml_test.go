package render

import (
	"bytes"
	"html/template"
	"os"
	"sync"
	"testing"

	"github.com/kbgen/kb/generator/diag"
)

// TestBuiltinTemplates: builtinTemplates holds the hashes of the
// repository's templates, which the Go writers write as (whole sites are
// compared in generator/build's TestWritePageAsTemplates). It fails when
// one of them changes, with the hash to set once the Go writer writes
// what the template makes.
func TestBuiltinTemplates(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile("../../templates/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for kind, want := range builtinTemplates {
		if got := pageTemplatesHash(read("base.html"), read("partials.html"), read(kind+".html")); got != want {
			t.Errorf("the built-in %s templates changed: make its Go writer (see writeInGo) write what they make, then set builtinTemplates[%q] to %q", kind, kind, got)
		}
	}
}

// repoTemplates are the repository's templates, parsed once.
var repoTemplates = sync.OnceValues(func() (Templates, diag.List) { return LoadTemplates(Layers{os.DirFS("../..")}) })

// checkWritePage compares writePage with the built-in templates on one
// page's view, whose strings a fuzzer chooses.
func checkWritePage(t *testing.T, title, summary, typ, date, alias, lang string, lists uint8) {
	t.Helper()
	tpl, problems := repoTemplates()
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	site := &Site{Title: title + " KB", Language: lang, Base: "/" + alias + "/",
		parts: &parts{tpl: tpl.sets[partsKind], done: map[[2]string]template.HTML{}}}
	v := &PageView{
		Site: site, Key: typ, Date: date, Body: "<p>Body</p>",
		Page: &PageLink{Title: title, Summary: summary, Type: typ, TypeLabel: typ + " label"},
		HTML: Fragments{Facts: "<div>f</div>\n", TOC: "<li>t</li>", Timeline: "<li>e</li>\n", Sources: "<li>s</li>\n",
			Inverse: "<section>i</section>\n", Backlinks: "<li>b</li>\n"},
	}
	if lists&1 != 0 {
		v.Aliases = []string{alias, title}
	}
	if lists&2 != 0 {
		v.Timeline = make([]Entry, 1)
	}
	if lists&4 != 0 {
		v.Sources = make([]Source, 2)
	}
	if lists&8 != 0 {
		v.TOC = make([]Heading, 3)
	}
	if lists&16 != 0 {
		v.Backlinks = make([]Backlink, 12)
	}
	var want, got bytes.Buffer
	if err := tpl.sets["page"].ExecuteTemplate(&want, "base.html", v); err != nil {
		t.Fatal(err)
	}
	if err := writePage(&got, v); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("writePage differs from the templates:\nwant %s\ngot  %s", want.Bytes(), got.Bytes())
	}
}

func TestWritePage(t *testing.T) {
	for lists := range uint8(32) {
		checkWritePage(t, "Deep fakes", "Synthetic media.", "risk", "2025", "fakes", "en", lists)
	}
	checkWritePage(t, `<b>"AI" & 'you' + me</b>`, "a\x00b > c", `x" onclick="y`, "26–28 July 2025", "é ü\xff", "zh-Hans", 31)
	checkWritePage(t, "", "", "", "", "", "", 0)
}

func FuzzWritePage(f *testing.F) {
	f.Add("Deep fakes", "Synthetic media.", "risk", "2025", "fakes", "en", uint8(31))
	f.Add(`<b>"AI" & 'you' + me</b>`, "a\x00b", `x"y`, "26–28 July 2025", "é\xff", "zh", uint8(5))
	f.Fuzz(func(t *testing.T, title, summary, typ, date, alias, lang string, lists uint8) {
		checkWritePage(t, title, summary, typ, date, alias, lang, lists)
	})
}
