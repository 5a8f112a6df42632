// Package modsrc finds the source of a module kb builds with, for the
// tests that hold kb against it: chroma's lexers and their test inputs,
// goldmark's copy of the CommonMark spec.
package modsrc

import (
	"fmt"
	"os/exec"
	"strings"
)

// Find returns the folder holding module path, at the version go.mod
// requires, and that version.
func Find(path string) (dir, version string, err error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}\t{{.Version}}", path).Output()
	if err != nil {
		return "", "", fmt.Errorf("go list -m %s: %w", path, err)
	}
	dir, version, _ = strings.Cut(strings.TrimSpace(string(out)), "\t")
	if dir == "" {
		return "", "", fmt.Errorf("go list -m %s: not in the module cache", path)
	}
	return dir, version, nil
}
