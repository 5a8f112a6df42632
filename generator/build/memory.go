package build

import (
	"bytes"
	"io"
	"io/fs"
	"slices"
	"sync"
)

// Memory is a site's output held in memory, as serve keeps it. It records
// which files a build changed, so that only the browsers showing them reload.
type Memory struct {
	mu      sync.RWMutex
	files   map[string][]byte
	changed map[string]bool
}

// NewMemory returns an empty output.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}, changed: map[string]bool{}}
}

// Put stores a copy of a file, noting it as changed if its bytes differ.
func (m *Memory) Put(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.files[rel]; !ok || !bytes.Equal(old, data) {
		m.files[rel] = bytes.Clone(data)
		m.changed[rel] = true
	}
	return nil
}

// Create returns a writer whose bytes are stored when it is closed.
func (m *Memory) Create(rel string) (io.WriteCloser, error) {
	return &memoryFile{m: m, rel: rel}, nil
}

type memoryFile struct {
	bytes.Buffer
	m   *Memory
	rel string
}

func (f *memoryFile) Close() error { return f.m.Put(f.rel, f.Bytes()) }

// Copy stores a copy of src of fsys.
func (m *Memory) Copy(rel string, fsys fs.FS, src string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return err
	}
	return m.Put(rel, data)
}

// merge moves the files of other into m, noting those whose bytes differ.
func (m *Memory) merge(other *Memory) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mergeLocked(other)
}

// replace makes m hold the files of other and no others, noting those
// added, changed and removed, in one step for readers.
func (m *Memory) replace(other *Memory) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for rel := range m.files {
		if _, ok := other.files[rel]; !ok {
			delete(m.files, rel)
			m.changed[rel] = true
		}
	}
	m.mergeLocked(other)
}

// mergeLocked is merge with m.mu held.
func (m *Memory) mergeLocked(other *Memory) {
	for rel, data := range other.files {
		if old, ok := m.files[rel]; !ok || !bytes.Equal(old, data) {
			m.files[rel] = data
			m.changed[rel] = true
		}
	}
}

// Delete removes a file.
func (m *Memory) Delete(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[rel]; ok {
		delete(m.files, rel)
		m.changed[rel] = true
	}
}

// Get returns a file.
func (m *Memory) Get(rel string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[rel]
	return b, ok
}

// Paths lists the files, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// TakeChanged returns the files changed since the last call, sorted.
func (m *Memory) TakeChanged() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	paths := make([]string, 0, len(m.changed))
	for p := range m.changed {
		paths = append(paths, p)
	}
	clear(m.changed)
	slices.Sort(paths)
	return paths
}
