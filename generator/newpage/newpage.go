// Package newpage writes a new page of a type, with every field of the
// type in its front matter and the allowed values as comments, ready to
// fill in: what "kb new" does.
package newpage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kbgen/kb/generator/config"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
)

// UsageError is a mistake in the command line rather than in the site.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// Write creates the page of type typeName titled title in the site at
// dir (also open as fsys), and returns its path. It never overwrites.
func Write(fsys fs.FS, dir, typeName, title string) (string, error) {
	cfg, problems := config.Load(fsys)
	if problems.Errors(false) > 0 {
		return "", errors.New(strings.TrimSpace(problems.String()))
	}
	t := cfg.Schema.Type(typeName)
	if t == nil {
		t = cfg.Schema.TypeOfFolder(typeName) // "initiatives" works too
	}
	folder := ""
	if t != nil {
		folder = t.Folder
	} else if typeName != schema.PageType {
		var names []string
		for _, t := range cfg.Schema.Types {
			names = append(names, t.Name)
		}
		return "", &UsageError{fmt.Sprintf("unknown type %q; the types are %s, and page", typeName, strings.Join(names, ", "))}
	}
	s := slug.Make(title)
	if s == "" {
		return "", &UsageError{fmt.Sprintf("the title %q has no letters or digits to make a file name of", title)}
	}
	rel := filepath.Join("content", folder, s+".md")
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists", path)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(Text(t, title)); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}

// Text is the new page: YAML front matter naming every field of the type,
// required ones first, with what each takes as a comment, and a body to
// replace.
func Text(t *schema.Type, title string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(title))
	b.WriteString("summary: \"\"            # one or two sentences for lists, previews and search\n")
	if t != nil && t.End != "" {
		b.WriteString("date:                   # the start: YYYY, YYYY-MM or YYYY-MM-DD\n")
	} else {
		b.WriteString("date:                   # YYYY, YYYY-MM or YYYY-MM-DD\n")
	}
	b.WriteString("aliases: []             # other names that links and search find\n")
	b.WriteString("tags: []\n")
	if t != nil {
		for _, required := range []bool{true, false} {
			for _, f := range t.Fields {
				if f.Required != required {
					continue
				}
				note := f.Describe()
				if f.Required {
					note = "required; " + note
				}
				value := ""
				if f.Kind == schema.KindList {
					value = " []"
				}
				fmt.Fprintf(&b, "%-24s # %s\n", f.Name+":"+value, note)
			}
		}
		for _, r := range t.Relations {
			fmt.Fprintf(&b, "%-24s # %ss: ids, slugs, titles or aliases; shown on them as %q\n", r.Name+": []", r.Target, inverseLabel(r))
		}
	}
	b.WriteString("sources: []             # where the facts come from: - {title: \"\", url: \"https://...\", publisher: \"\", date: 2025-07-26}\n")
	b.WriteString("timeline: []            # more milestones: - {date: 2025-07-26, title: \"...\"}\n")
	b.WriteString("updated:                # when these facts were last checked\n")
	b.WriteString("draft: true             # remove when the page is ready\n")
	b.WriteString("---\n\n")
	b.WriteString("Write about " + title + " here. Link other pages with `[[Their title]]` or `[[id|a label]]`.\n")
	return b.String()
}

func inverseLabel(r schema.Relation) string {
	if r.Symmetric {
		return r.Label
	}
	return r.Inverse
}

// yamlString quotes a title when YAML would misread it.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q", s)
	}
	return s
}
