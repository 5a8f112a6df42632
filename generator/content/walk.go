package content

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// Files is what content/ holds: Markdown pages and other files (images,
// PDFs) that are copied beside them. Paths are slash-separated, relative
// to the site root, and sorted.
type Files struct {
	Pages  []string
	Assets []string
}

// List walks content/ in fsys. Hidden files and editor leftovers are
// skipped, so that a swap file never becomes a page.
func List(fsys fs.FS) (Files, error) {
	var files Files
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "content" && Ignored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case IsMarkdown(p):
			files.Pages = append(files.Pages, p)
		case d.Type().IsRegular():
			files.Assets = append(files.Assets, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return files, errors.New("content: no such folder; a site keeps its pages in content/ (kb new TYPE \"Title\" makes one)")
	}
	return files, err
}

// IsMarkdown reports whether the file is a page.
func IsMarkdown(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// Ignored reports whether a file or folder is hidden or an editor's
// temporary file: ".git", ".x.md.swp", "x.md~", "#x.md#", "4913",
// "x.md___jb_tmp___". Saving through one would otherwise show in serve as
// a file of content/ that came and went.
func Ignored(p string) bool {
	name := path.Base(p)
	return strings.HasPrefix(name, ".") ||
		strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".swo") ||
		strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") || // JetBrains' safe write
		name == "4913" || // vim's check that it may write in the folder
		isSedTemp(name)
}

// isSedTemp reports whether name is the file "sed -i" writes before it
// renames it over the one edited: "sed" and six letters or digits.
func isSedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, c := range name[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
