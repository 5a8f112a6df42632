// Package watch reports the files of a site that change, one batch per
// save. fsnotify does not recurse, so folders are watched as they appear
// and dropped as they go; editors save in many ways (in place, write and
// rename, delete and create, bursts), so the events of one save are
// coalesced by a short quiet period.
package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kbgen/kb/generator/content"
)

// Quiet is how long a save's events must pause before the batch is sent:
// long enough to gather an editor's write-and-rename, short enough not to
// be felt.
const Quiet = 8 * time.Millisecond

// maxDelay bounds how long a stream of events can hold a batch back.
const maxDelay = 150 * time.Millisecond

// watched are the folders of a site whose files matter.
func watched() []string { return []string{"content", "templates", "static"} }

// Watcher watches one site folder.
type Watcher struct {
	root  string
	fsw   *fsnotify.Watcher
	dirs  map[string]bool // watched folders, relative to root
	quiet time.Duration
}

// New starts watching the site at root: kb.yaml and every folder under
// content/, templates/ and static/.
func New(root string) (*Watcher, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, fsw: fsw, dirs: map[string]bool{}, quiet: Quiet}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watched() {
		if _, err := w.addTree(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// addTree watches a folder and those under it, and returns the files in it.
func (w *Watcher) addTree(rel string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(w.root, rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r := w.rel(p)
		if r != rel && content.Ignored(r) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, r)
			return nil
		}
		if !w.dirs[r] {
			if err := w.fsw.Add(p); err != nil {
				return err
			}
			w.dirs[r] = true
		}
		return nil
	})
	return files, err
}

// dropTree forgets a folder that is gone and those under it.
func (w *Watcher) dropTree(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			_ = w.fsw.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
			delete(w.dirs, d)
		}
	}
}

func (w *Watcher) rel(abs string) string {
	r, err := filepath.Rel(w.root, abs)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// relevant reports whether a change to rel can change the site.
func relevant(rel string) bool {
	if rel == "kb.yaml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	return slices.Contains(watched(), top) && !content.Ignored(rel)
}

// Run sends a batch of changed paths (relative to the site, slash-separated,
// sorted) for each save, until ctx ends. A path in a batch may be a file
// created, written or removed, or a folder removed.
func (w *Watcher) Run(ctx context.Context, batches chan<- []string) error {
	pending := map[string]bool{}
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			return err
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			for _, p := range w.handle(ev) {
				pending[p] = true
			}
			if len(pending) == 0 {
				continue
			}
			if timer == nil {
				first = time.Now()
			}
			wait := min(w.quiet, maxDelay-time.Since(first))
			timer = time.After(max(wait, 0))
		case <-timer:
			timer = nil
			batch := make([]string, 0, len(pending))
			for p := range pending {
				batch = append(batch, p)
			}
			clear(pending)
			slices.Sort(batch)
			select {
			case batches <- batch:
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// handle turns one event into the paths it changed, watching folders that
// appear and forgetting those that go.
func (w *Watcher) handle(ev fsnotify.Event) []string {
	rel := w.rel(ev.Name)
	if rel == "" || rel == "." || strings.HasPrefix(rel, "..") || !relevant(rel) {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			files, _ := w.addTree(rel) // a folder made, or moved in, with its files
			return append(files, rel)
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.dirs[rel] {
			w.dropTree(rel)
		}
	}
	if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
		return nil // touch and chmod change no content
	}
	return []string{rel}
}
