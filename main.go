// Command kb builds a static knowledge-base site from typed Markdown pages:
// relations with automatic inverses, wikilinks and backlinks, timelines
// built from the data, and search in the browser.
//
// The repository's content/, templates/ and static/ are the built-in site;
// templates/ and static/ are embedded so that kb works on any folder.
package main

import (
	"embed"
	"io/fs"
	"os"
)

//go:embed templates static
var builtin embed.FS

func main() {
	os.Exit(run(os.Args[1:], builtinFS(), os.Stdout, os.Stderr))
}

// builtinFS is the embedded site, whose templates/ and static/ apply where
// a site has none of its own.
func builtinFS() fs.FS { return builtin }
