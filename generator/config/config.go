// Package config reads kb.yaml: the site's settings and its schema.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/schema"
)

// File is the name of the settings file at the site root.
const File = "kb.yaml"

// Config is a site's settings.
type Config struct {
	Title       string
	Description string
	Language    string
	BaseURL     string        // as given: "https://example.org/kb/", or "" for a site served at "/"
	BrokenLinks diag.Severity // how a link to nothing is reported
	UnsafeHTML  bool          // let raw HTML in Markdown through
	Schema      *schema.Schema
}

// Default is the configuration of a site without kb.yaml.
func Default() *Config {
	return &Config{
		Title:       "Knowledge base",
		Language:    "en",
		BrokenLinks: diag.Error,
		Schema:      schema.Builtin(),
	}
}

// BasePath is the path part of BaseURL with slashes on both sides: "/kb/".
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return "/"
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		return "/" + p + "/"
	}
	return "/"
}

// AbsURL turns a path below the site root into a full URL when BaseURL
// has a host, for feeds and sitemaps; otherwise it returns the path.
func (c *Config) AbsURL(p string) string { return c.AbsURLs()(p) }

// AbsURLs returns AbsURL as a function that parses BaseURL once, not for
// each of a sitemap's pages.
func (c *Config) AbsURLs() func(p string) string {
	prefix := c.Origin() + c.BasePath()
	return func(p string) string { return prefix + strings.TrimPrefix(p, "/") }
}

// Origin is the scheme and host of BaseURL ("https://example.org"), or ""
// when it has no host. AbsURL is Origin, BasePath and the path.
func (c *Config) Origin() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// Load reads kb.yaml from the site in fsys; a site without one gets the
// defaults. Every problem is reported with its place in kb.yaml.
func Load(fsys fs.FS) (*Config, diag.List) {
	c := Default()
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	var problems diag.List
	if err != nil {
		problems.Errorf(File, diag.Pos{}, "%v", err)
		return c, problems
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		pos, msg := diag.YAMLError(err, 1)
		problems.Errorf(File, pos, "%s", msg)
		return c, problems
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		problems.Errorf(File, pos(root), "kb.yaml must be a map of settings")
		return c, problems
	}
	builtinTypes := true
	var types *schema.Schema
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			problems.Errorf(File, pos(k), "setting %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "title":
			c.Title = text(v, k.Value, &problems)
		case "description":
			c.Description = text(v, k.Value, &problems)
		case "language":
			c.Language = text(v, k.Value, &problems)
		case "baseURL", "base_url", "baseurl":
			c.BaseURL = text(v, k.Value, &problems)
			if u, err := url.Parse(c.BaseURL); err != nil || (u.Host != "" && u.Scheme != "http" && u.Scheme != "https") {
				problems.Errorf(File, pos(v), "baseURL %q is not an http(s) address or a path", c.BaseURL)
			}
		case "broken_links":
			switch text(v, k.Value, &problems) {
			case "error":
				c.BrokenLinks = diag.Error
			case "warn", "warning":
				c.BrokenLinks = diag.Warning
			default:
				problems.Errorf(File, pos(v), "broken_links must be error or warn")
			}
		case "unsafe_html":
			c.UnsafeHTML = boolean(v, k.Value, &problems)
		case "builtin_types":
			builtinTypes = boolean(v, k.Value, &problems)
		case "types":
			var ps diag.List
			types, ps = schema.FromYAML(File, v)
			problems.Add(ps...)
		default:
			problems.Warnf(File, pos(k), "unknown setting %q (title, description, language, baseURL, broken_links, unsafe_html, builtin_types, types)", k.Value)
		}
	}
	switch {
	case types != nil && builtinTypes:
		c.Schema = c.Schema.Merge(types)
	case types != nil:
		c.Schema = types
	case !builtinTypes:
		c.Schema = &schema.Schema{}
	}
	problems.Add(c.Schema.Check(File)...)
	return c, problems
}

func pos(n *yaml.Node) diag.Pos { return diag.Pos{Line: n.Line, Col: n.Column} }

func text(n *yaml.Node, key string, problems *diag.List) string {
	if n.Kind != yaml.ScalarNode {
		problems.Errorf(File, pos(n), "%s must be text", key)
		return ""
	}
	return n.Value
}

func boolean(n *yaml.Node, key string, problems *diag.List) bool {
	if n.Kind != yaml.ScalarNode || (n.Value != "true" && n.Value != "false") {
		problems.Errorf(File, pos(n), "%s must be true or false", key)
		return false
	}
	return n.Value == "true"
}
