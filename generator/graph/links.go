package graph

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/kbgen/kb/generator/diag"
	"github.com/kbgen/kb/generator/markdown"
	"github.com/kbgen/kb/generator/slug"
	"golang.org/x/text/unicode/norm"
)

// link resolves a page's wikilinks and records backlinks.
func (g *Graph) link(n *Node) {
	problems := &n.problems
	if n.Doc == nil {
		return
	}
	n.Links, n.broken = make([]Target, n.Doc.LinkCount()), nil
	for i := range n.Links {
		l := n.Doc.Link(i)
		t, why := g.resolveLink(n, l)
		n.Links[i] = t
		if t.State == Broken {
			if n.broken == nil {
				n.broken = map[int]string{}
			}
			n.broken[i] = why
			severity := diag.Error
			if g.opts.WarnBrokenLinks {
				severity = diag.Warning
			}
			problems.Add(diag.Problem{Path: n.Path, Pos: l.Pos, Severity: severity,
				Message: fmt.Sprintf("link %s: %s", written(l), why)})
		}
	}
}

// written shows a link as its author wrote it, for messages.
func written(l markdown.Link) string {
	switch l.Kind {
	case markdown.MarkdownLink:
		return "[…](" + l.Dest + ")"
	case markdown.MarkdownImage:
		return "![…](" + l.Dest + ")"
	}
	s := l.Target
	if l.Heading != "" {
		s += "#" + l.Heading
	}
	if l.Label != "" {
		s += "|" + l.Label
	}
	if l.Embed {
		return "![[" + s + "]]"
	}
	return "[[" + s + "]]"
}

// resolveLink resolves one link; for a broken one it says why.
func (g *Graph) resolveLink(from *Node, l markdown.Link) (t Target, why string) {
	if l.Kind != markdown.Wiki {
		return g.resolvePath(from, l)
	}
	fileLike := looksLikeFile(l.Target)
	if fileLike {
		if t, why, ok := g.resolveAsset(from, l.Target); ok {
			return t, why
		}
	}
	var slot int32
	if l.Target == "" {
		anchor, near := headingAnchor(from.Doc, l.Heading)
		if anchor == "" {
			return Target{State: Broken}, fmt.Sprintf("this page has no %s %q%s", anchorKind(l.Heading), l.Heading, didYouMean(near))
		}
		return Target{State: SamePage, Anchor: anchor}, ""
	} else {
		found := g.names.resolve(l.Target, nil)
		switch len(found) {
		case 0:
			if fileLike {
				return Target{State: Broken}, fmt.Sprintf("no page or file of content/ matches %q", l.Target)
			}
			return Target{State: Broken}, fmt.Sprintf("no page matches %q%s", l.Target, didYouMean(g.names.suggest(l.Target, "", nil)))
		case 1:
			slot = found[0]
		default:
			return Target{State: Broken}, fmt.Sprintf("%q matches %d pages: %s; write the id to choose", l.Target, len(found), g.someOfSlots(found))
		}
	}
	return g.toPage(slot, l.Heading)
}

// toPage is a link to the page in a slot, at heading when it is not "".
// The id is read from the table of ids by slot, not from the node: that
// was two cache misses more for each of a large site's million links.
func (g *Graph) toPage(slot int32, heading string) (Target, string) {
	target, id := g.slots[slot], g.slotIDs[slot]
	if !target.Published {
		return Target{State: Unpublished, Page: id, Slot: target.Slot}, ""
	}
	t := Target{State: Resolved, Page: id, Slot: target.Slot}
	if heading != "" {
		anchor, near := headingAnchor(target.Doc, heading)
		if anchor == "" {
			return Target{State: Broken}, fmt.Sprintf("%q has no %s %q%s", target.Title, anchorKind(heading), heading, didYouMean(near))
		}
		t.Anchor = anchor
	}
	return t, ""
}

// pathTarget is the file of content/ a Markdown link's path names,
// relative to content/ ("risks/deep-fakes.md"), or "" for a path that
// leaves content/.
func pathTarget(from *Node, l markdown.Link) string {
	p := path.Join(path.Dir(strings.TrimPrefix(from.Path, "content/")), l.Target)
	if p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// resolvePath resolves a Markdown link or image by the file its path
// names: a page (by its file, so "x.md" is the page of content/x.md
// whatever its slug), the home page's or a folder's text, or another
// file of content/. A path ending in ".md" that names no page is broken;
// any other path that names no file is left as written (it may lead to a
// file of static/, or off the site).
func (g *Graph) resolvePath(from *Node, l markdown.Link) (Target, string) {
	p := pathTarget(from, l)
	if p == "" {
		return Target{State: AsWritten}, ""
	}
	if !strings.EqualFold(path.Ext(p), ".md") {
		if file, ok := g.assetSet[composed(p)]; ok {
			return Target{State: Asset, Page: file, Anchor: l.Heading}, ""
		}
		return Target{State: AsWritten}, ""
	}
	switch base := strings.ToLower(path.Base(p)); {
	case p == "index.md":
		return Target{State: SitePath, Page: "/", Anchor: l.Heading}, ""
	case base == "_index.md":
		return Target{State: SitePath, Page: "/" + path.Dir(p) + "/", Anchor: l.Heading}, ""
	}
	id := g.byPath(p)
	if id == "" {
		hint := didYouMean(g.names.suggest(strings.TrimSuffix(path.Base(p), path.Ext(p)), "", nil))
		if slots := g.names.keys[byID][idKey(p)]; len(slots) == 1 {
			// A page whose slug field gives it the id this file would have.
			hint = fmt.Sprintf(" (%s is the page of %s)", g.ID(slots[0]), g.slots[slots[0]].Path)
		}
		return Target{State: Broken}, fmt.Sprintf("no page at content/%s%s", p, hint)
	}
	return g.toPage(g.nodes[id].Slot, l.Heading)
}

// byPath finds the page of a Markdown file by its path relative to
// content/: a page whose slug field renamed it, else, among the pages
// its path's id key names, the one whose file it is.
func (g *Graph) byPath(p string) string {
	if id, ok := g.renamed[composed(p)]; ok {
		return id
	}
	for _, slot := range g.names.keys[byID][idKey(p)] {
		if n := g.slots[slot]; n != nil && composed(n.Path) == "content/"+composed(p) {
			return n.ID
		}
	}
	return ""
}

// composed is a path in Unicode's composed form (NFC), as slugs are: a
// file name macOS wrote decomposed and a link typed composed name one
// file.
func composed(p string) string { return norm.NFC.String(p) }

// looksLikeFile reports whether a target ends in a file extension other
// than .md: "figure.png", "report.pdf", but not "Regulation 2024.1689".
func looksLikeFile(target string) bool {
	ext := strings.ToLower(path.Ext(target))
	if len(ext) < 2 || len(ext) > 6 || ext == ".md" {
		return false
	}
	for _, c := range ext[1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// anchorKind names what a link's "#..." asks for, for messages.
func anchorKind(heading string) string {
	if strings.HasPrefix(heading, "^") {
		return "block"
	}
	return "heading"
}

// headingAnchor finds a heading by its text or id, compared as slugs.
// Without a match it returns the nearest heading's text.
func headingAnchor(doc *markdown.Document, heading string) (anchor, near string) {
	if doc == nil {
		return "", ""
	}
	if id, block := strings.CutPrefix(heading, "^"); block {
		// An Obsidian block id, "^claim-1", compared as written.
		if slices.Contains(doc.Blocks, id) {
			return "^" + id, ""
		}
		nearest := slug.NewNear(id)
		for _, b := range doc.Blocks {
			nearest.Consider(b)
		}
		if b := nearest.Best(); b != "" {
			return "", "^" + b
		}
		return "", ""
	}
	key := slug.Make(heading)
	for _, h := range doc.Headings {
		if h.ID == key || h.Key == key {
			return h.ID, ""
		}
	}
	nearest := slug.NewNear(key)
	for _, h := range doc.Headings {
		nearest.Consider(h.Key)
	}
	if k := nearest.Best(); k != "" {
		return "", doc.Headings[slices.IndexFunc(doc.Headings, func(h markdown.Heading) bool { return h.Key == k })].Text
	}
	return "", ""
}

// resolveAsset finds a file of content/ by its path, relative to the
// site's content/ or to the linking page, or, as Obsidian does, by its
// name alone. It reports false when no file has the name, and why a name
// that several files have is broken.
func (g *Graph) resolveAsset(from *Node, target string) (Target, string, bool) {
	rel := strings.TrimPrefix(path.Clean("/"+target), "/")
	if file, ok := g.assetSet[composed(rel)]; ok {
		return Target{State: Asset, Page: file}, "", true
	}
	if file, ok := g.assetSet[composed(path.Join(path.Dir(strings.TrimPrefix(from.Path, "content/")), rel))]; ok {
		return Target{State: Asset, Page: file}, "", true
	}
	found := g.assets[strings.ToLower(composed(path.Base(rel)))]
	switch len(found) {
	case 0:
		return Target{}, "", false
	case 1:
		return Target{State: Asset, Page: found[0]}, "", true
	}
	return Target{State: Broken}, fmt.Sprintf("%q matches %d files: %s; write its path to choose", target, len(found), someOf(found)), true
}
