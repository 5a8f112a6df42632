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
	"strconv"
	"strings"

	"github.com/kbgen/kb/generator/config"
	"github.com/kbgen/kb/generator/schema"
	"github.com/kbgen/kb/generator/slug"
	"gopkg.in/yaml.v3"
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
	line := func(field, note string) {
		if note == "" {
			b.WriteString(field + "\n")
			return
		}
		fmt.Fprintf(&b, "%-*s # %s\n", commentColumn-2, field, note)
	}
	b.WriteString("---\n")
	line("title: "+yamlString(title), "")
	line(`summary: ""`, "one or two sentences for lists, previews and search")
	if t != nil && t.End != "" {
		line("date:", "the start: YYYY, YYYY-MM or YYYY-MM-DD")
	} else {
		line("date:", "YYYY, YYYY-MM or YYYY-MM-DD")
	}
	line("aliases: []", "other names that links and search find")
	line("tags: []", "")
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
				line(f.Name+":"+value, note)
			}
		}
		for _, r := range t.Relations {
			line(r.Name+": []", fmt.Sprintf("%ss: ids, slugs, titles or aliases; shown on them as %q", r.Target, inverseLabel(r)))
		}
	}
	line("sources: []", `where the facts come from: - {title: "", url: "https://...", publisher: "", date: 2025-07-26}`)
	line("timeline: []", `more milestones: - {date: 2025-07-26, title: "..."}`)
	line("updated:", "when these facts were last checked")
	line("draft: true", "remove when the page is ready")
	b.WriteString("---\n\n")
	b.WriteString("Write about " + title + " here. Link other pages with `[[Their title]]` or `[[id|a label]]`.\n")
	return b.String()
}

// commentColumn is where the comments of a new page's fields start,
// counting from 1, so that they read as one column; a longer field
// pushes its own comment right.
const commentColumn = 25

func inverseLabel(r schema.Relation) string {
	if r.Symmetric {
		return r.Label
	}
	return r.Inverse
}

// yamlString writes title as a YAML scalar that reads back as the same
// text: plain when YAML would take it so ("Seoul Declaration", "2025"),
// else double-quoted ("Null", which plain would make null; "? what";
// "Title: subtitle"). Go's quoting is YAML's for every escape it writes.
func yamlString(s string) string {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("title: "+s), &doc); err == nil && len(doc.Content) == 1 {
		m := doc.Content[0]
		if m.Kind == yaml.MappingNode && len(m.Content) == 2 {
			v := m.Content[1]
			if v.Kind == yaml.ScalarNode && v.Style == 0 && v.Tag != "!!null" && v.Value == s {
				return s
			}
		}
	}
	return strconv.Quote(s)
}
