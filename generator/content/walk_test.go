package content

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestList(t *testing.T) {
	fsys := fstest.MapFS{
		"kb.yaml":                                {},
		"content/index.md":                       {},
		"content/about.md":                       {},
		"content/Z.MD":                           {},
		"content/initiatives/gaigi.md":           {},
		"content/initiatives/_index.md":          {},
		"content/guides/editing/tables.markdown": {},
		"content/guides/editing/figure.png":      {},
		"content/reports/2024.pdf":               {},
		"content/notes.txt":                      {},
		// Hidden files and folders.
		"content/.obsidian/workspace.md": {},
		"content/.git/HEAD":              {},
		"content/.hidden.md":             {},
		"content/guides/.DS_Store":       {},
		// Editor leftovers.
		"content/initiatives/.gaigi.md.swp": {},
		"content/initiatives/.gaigi.md.swx": {},
		"content/initiatives/gaigi.md~":     {},
		"content/initiatives/#gaigi.md#":    {},
		"content/initiatives/4913":          {},
		"content/initiatives/gaigi.md.tmp":  {},
		// Outside content/.
		"templates/page.html": {},
		"static/style.css":    {},
		"README.md":           {},
	}
	files, err := List(fsys)
	if err != nil {
		t.Fatal(err)
	}
	wantPages := []string{
		"content/Z.MD",
		"content/about.md",
		"content/guides/editing/tables.markdown",
		"content/index.md",
		"content/initiatives/_index.md",
		"content/initiatives/gaigi.md",
	}
	wantAssets := []string{
		"content/guides/editing/figure.png",
		"content/notes.txt",
		"content/reports/2024.pdf",
	}
	if !slices.Equal(files.Pages, wantPages) {
		t.Errorf("Pages:\n%s\nwant:\n%s", strings.Join(files.Pages, "\n"), strings.Join(wantPages, "\n"))
	}
	if !slices.Equal(files.Assets, wantAssets) {
		t.Errorf("Assets:\n%s\nwant:\n%s", strings.Join(files.Assets, "\n"), strings.Join(wantAssets, "\n"))
	}
}

func TestListSkipsWhatIsNotAFile(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":  {},
		"content/link":  {Mode: fs.ModeSymlink, Data: []byte("a.md")},
		"content/empty": {Mode: fs.ModeDir},
	}
	files, err := List(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(files.Pages, []string{"content/a.md"}) || len(files.Assets) != 0 {
		t.Errorf("List = %+v, want one page and no assets", files)
	}
}

func TestListWithoutContent(t *testing.T) {
	_, err := List(fstest.MapFS{"kb.yaml": {}})
	want := `content: no such folder; a site keeps its pages in content/ (kb new TYPE "Title" makes one)`
	if err == nil || err.Error() != want {
		t.Errorf("List without content/ = %v, want %q", err, want)
	}
}

func TestListEmptyContent(t *testing.T) {
	files, err := List(fstest.MapFS{"content": {Mode: fs.ModeDir}})
	if err != nil || len(files.Pages) != 0 || len(files.Assets) != 0 {
		t.Errorf("List(empty content/) = %+v, %v", files, err)
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"content/x.md", false},
		{"content/x.png", false},
		{"content/_index.md", false},
		{"content/2024.md", false},
		{"content/.x.md", true},
		{"content/.git", true},
		{"content/a/.obsidian", true},
		{"content/.x.md.swp", true},
		{"content/.x.md.swx", true},
		{"content/x.md~", true},
		{"content/#x.md#", true},
		{"content/4913", true},
		{"content/49130", false},
		{"content/x.tmp", true},
		{"content/.x.md.swo", true},
		{"content/x.md___jb_tmp___", true},
		{"content/x.md___jb_old___", true},
		{"content/risks/sedZlndbD", true},
		{"content/sed4a9Xq0", true},
		{"content/sedation.md", false},
		{"content/sediment", false},
		{"content/sedimentary", false},
		{"content/.hidden/x.md", false}, // a file is judged by its own name; List skips the folder
	}
	for _, tt := range tests {
		if got := Ignored(tt.path); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestIsMarkdown(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"content/x.md", true},
		{"content/x.MD", true},
		{"content/x.markdown", true},
		{"content/x.Markdown", true},
		{"content/x.mdx", false},
		{"content/x.txt", false},
		{"content/md", false},
		{"content/x.md.bak", false},
	}
	for _, tt := range tests {
		if got := IsMarkdown(tt.path); got != tt.want {
			t.Errorf("IsMarkdown(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
