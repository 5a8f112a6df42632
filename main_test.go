package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets tests run kb as a separate process: the test binary runs
// the command line itself when KB_RUN_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("KB_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], builtinFS(), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// kb runs the command line in this process.
func kb(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = run(args, builtinFS(), &out, &errs)
	return code, out.String(), errs.String()
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCommandLine(t *testing.T) {
	site := t.TempDir()
	writeFile(t, site, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\nHi.\n")
	bad := t.TempDir()
	writeFile(t, bad, "content/risks/x.md", "---\ntitle: X\ndomain: nope\nfoo: 1\n---\n[[nowhere]]\n")
	// Templates of the site's own: one that runs, one that fails on a
	// page only when run, which check must run to see.
	const pageTemplate = `{{define "title"}}{{.Page.Title}}{{end}}{{define "description"}}{{end}}{{define "main"}}%s{{end}}`
	ownGood, ownBad := t.TempDir(), t.TempDir()
	for dir, main := range map[string]string{ownGood: "<h1>{{.Page.Title}}</h1>", ownBad: "\n<h1>{{.Page.Colour}}</h1>"} {
		writeFile(t, dir, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\nHi.\n")
		writeFile(t, dir, "templates/page.html", fmt.Sprintf(pageTemplate, main))
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string // substrings
	}{
		{"no command", nil, 2, "", "Usage:"},
		{"unknown command", []string{"bake"}, 2, "", `unknown command "bake"`},
		{"help", []string{"help"}, 0, "kb build", ""},
		{"build help", []string{"build", "--help"}, 0, "", "-base-url"},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "flag provided but not defined"},
		{"bad broken-links", []string{"check", "--source", site, "--broken-links", "maybe"}, 2, "", "--broken-links must be error or warn"},
		{"stray argument", []string{"check", "--source", site, "extra"}, 2, "", `unexpected argument "extra"`},
		{"check ok", []string{"check", "--source", site}, 0, "", "1 page, 0 errors, 0 warnings"},
		{"check problems", []string{"check", "--source", bad}, 1,
			"content/risks/x.md:3:9: error: field \"domain\": \"nope\" is not one of", "2 errors, 1 warning"},
		{"broken links as warnings, unknown field still a warning", []string{"check", "--source", bad, "--broken-links", "warn"}, 1, "content/risks/x.md:6:1: warning: link [[nowhere]]: no page matches \"nowhere\"", ""},
		{"no content folder", []string{"check", "--source", t.TempDir()}, 1, "", "content: no such folder"},
		{"check runs own templates", []string{"check", "--source", ownGood}, 0, "", "1 page, 0 errors, 0 warnings"},
		{"check fails as build would on own template", []string{"check", "--source", ownBad}, 1,
			"templates/page.html:2:", "1 page, 1 error, 0 warnings"},
		{"no source folder", []string{"build", "--source", filepath.Join(site, "nowhere")}, 2, "", "--source " + filepath.Join(site, "nowhere") + ": no such folder"},
		{"source is a file", []string{"serve", "--source", filepath.Join(bad, "content", "risks", "x.md")}, 2, "", "x.md: no such folder"},
		{"output over the site", []string{"build", "--source", site, "--out", site}, 2, "", "holds the site itself"},
		{"output holding the site", []string{"build", "--source", site, "--out", filepath.Dir(site)}, 2, "", "holds the site itself"},
		{"output over another site", []string{"build", "--source", site, "--out", bad}, 2, "", "holds content, as a site does"},
		{"new without title", []string{"new", "initiative"}, 2, "", "want a type and a title"},
		{"new unknown type", []string{"new", "treaty", "X", "--source", site}, 2, "", `unknown type "treaty"`},
	}
	for _, tt := range tests {
		code, out, errs := kb(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errs, tt.err) {
			t.Errorf("%s: kb %s = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q",
				tt.name, strings.Join(tt.args, " "), code, out, errs, tt.code, tt.out, tt.err)
		}
	}
}

// TestBaseURLNote: a build without a base URL says what its feed and
// sitemap lack; one with it says nothing more than that it built.
func TestBaseURLNote(t *testing.T) {
	site := t.TempDir()
	writeFile(t, site, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\nHi.\n")
	for _, tt := range []struct {
		args []string
		note bool
	}{
		{nil, true},
		{[]string{"--base-url", "https://example.org/kb/"}, false},
	} {
		args := append([]string{"build", "--source", site, "--out", filepath.Join(t.TempDir(), "public")}, tt.args...)
		code, _, errs := kb(args...)
		if code != 0 {
			t.Fatalf("kb %v: %d %s", args, code, errs)
		}
		if note := strings.Contains(errs, "no base URL"); note != tt.note {
			t.Errorf("kb %v: note = %v, want %v; stderr:\n%s", tt.args, note, tt.note, errs)
		}
	}
}

// TestNewThenBuild: kb new writes a page with its type's fields that
// builds at once (as a draft) and checks clean once filled in.
func TestNewThenBuild(t *testing.T) {
	site := t.TempDir()
	writeFile(t, site, "content/participants/china.md", "---\ntitle: China\nkind: country\n---\nHi.\n")
	code, out, errs := kb("new", "initiative", "Seoul Declaration", "--source", site)
	if code != 0 || !strings.Contains(out, "content/initiatives/seoul-declaration.md") {
		t.Fatalf("kb new: %d %s %s", code, out, errs)
	}
	b, err := os.ReadFile(filepath.Join(site, "content/initiatives/seoul-declaration.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"title: Seoul Declaration", "kind:", "# required; one of: declaration, action-plan", "proposed_by: []", `shown on them as "Proposed"`, "draft: true"} {
		if !strings.Contains(text, want) {
			t.Errorf("the new page lacks %q:\n%s", want, text)
		}
	}
	if code, _, errs := kb("new", "initiative", "Seoul Declaration", "--source", site); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("kb new over an existing page: %d %s", code, errs)
	}
	out2 := filepath.Join(t.TempDir(), "public")
	if code, _, errs := kb("build", "--source", site, "--out", out2); code != 0 || !strings.Contains(errs, "warning: draft: missing required field \"kind\"") {
		t.Errorf("building with a fresh draft: %d\n%s", code, errs)
	}
	filled := strings.Replace(strings.Replace(text, "kind: ", "kind: declaration ", 1), "draft: true", "draft: false", 1)
	writeFile(t, site, "content/initiatives/seoul-declaration.md", filled)
	if code, out, errs := kb("check", "--source", site, "--strict"); code != 0 {
		t.Errorf("check of the filled page: %d\n%s%s", code, out, errs)
	}
}

// bigSite writes a site large enough that building it takes a while.
func bigSite(t *testing.T, dir string, n int, title string) {
	t.Helper()
	for i := 0; i < n; i++ {
		var body strings.Builder
		for j := 0; j < 20; j++ {
			fmt.Fprintf(&body, "Paragraph %d of page %d links [[Page %d]] and has **bold** text.\n\n", j, i, (i*7+j)%n)
		}
		writeFile(t, dir, fmt.Sprintf("content/notes/page-%d.md", i),
			fmt.Sprintf("---\ntitle: Page %d\nsummary: %s %d\n---\n\n## Part\n\n%s", i, title, i, body.String()))
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p[len(dir):]] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestKilledBuild kills kb build at several moments and finds the output
// folder always whole: the previous site, or the new one, never a mix.
func TestKilledBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site several times")
	}
	site := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	bigSite(t, site, 3000, "first")
	if code, _, errs := kb("build", "--source", site, "--out", out); code != 0 {
		t.Fatalf("first build: %s", errs)
	}
	first := readTree(t, out)
	bigSite(t, site, 3000, "second")
	interrupted := 0
	for _, delay := range []time.Duration{5 * time.Millisecond, 50 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "build", "--source", site, "--out", out)
		cmd.Env = append(os.Environ(), "KB_RUN_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			interrupted++
		}
		now := readTree(t, out)
		if !sameTree(now, first) {
			second := now
			if len(second) != len(first) || !strings.Contains(second["/notes/page-0/index.html"], "second 0") {
				t.Fatalf("killed after %s: the output is neither the old site nor the new one (%d files)", delay, len(now))
			}
			first = now // the build finished before the kill
		}
	}
	if interrupted == 0 {
		t.Error("every build finished before it was killed; the test proved nothing")
	}
	if code, _, errs := kb("build", "--source", site, "--out", out); code != 0 {
		t.Fatalf("build after the kills: %s", errs)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.kb-*")); len(leftovers) > 0 {
		t.Errorf("killed builds' folders were not cleaned up: %v", leftovers)
	}
}
