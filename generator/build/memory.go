package build

import (
	"bytes"
	"hash/crc64"
	"io"
	"io/fs"
	"slices"
	"sync"
)

// Memory is a site's output held in memory, as serve keeps it. It records
// which files a build changed, so that only the browsers showing them reload.
//
// Pages are kept as a checksum of their bytes, not the bytes: a page is
// rendered again when it is asked for, which adds 0.2-2 ms to a request
// (10,000 pages, served over HTTP in 1.1-3.3 ms instead of 0.9-2.0), and
// the pages were most of what serve held (2.3 of 3.3 GB of output at
// 100,000 pages, where serve grew to 9 GB and the kernel stopped it
// after 20 saves). A page rendered on request is what the current site
// makes of it, which is what an update put there: an update re-renders
// every page it can change and leaves the others as they were.
type Memory struct {
	mu      sync.RWMutex
	files   map[string]stored
	changed map[string]bool
	page    func(id string) ([]byte, error) // renders a page of the current site
}

// stored is one file of a Memory: its bytes, or what makes them.
type stored struct {
	data  []byte
	id    string                // or made by rendering the page of this id (ids are never "")
	write func(io.Writer) error // or made by write
	sum   uint64                // the checksum of the bytes, when they are made on request
}

// isPage reports whether f is a page, rendered on request.
func (f stored) isPage() bool { return f.id != "" }

// made reports whether f's bytes are made on request.
func (f stored) made() bool { return f.isPage() || f.write != nil }

// NewMemory returns an empty output.
func NewMemory() *Memory {
	return &Memory{files: map[string]stored{}, changed: map[string]bool{}}
}

// checksum tells a page's new bytes from its old: a collision would only
// keep a browser showing the page from reloading, since the page served
// is rendered anew. CRC-64 reads a 20 KB page in about 10 µs.
func checksum(b []byte) uint64 { return crc64.Checksum(b, checksumTable()) }

// checksumTable is the one CRC-64 polynomial that checksum and putMade
// share; crc64 makes its table once and hands out the same one after.
func checksumTable() *crc64.Table { return crc64.MakeTable(crc64.ECMA) }

// same reports whether data is the file f holds.
func (f stored) same(data []byte) bool {
	if f.made() {
		return f.sum == checksum(data)
	}
	return bytes.Equal(f.data, data)
}

// sameAs reports whether g holds the same bytes as f, each as it is kept.
func (f stored) sameAs(g stored) bool {
	switch {
	case f.made() && g.made():
		return f.sum == g.sum
	case g.made():
		return g.same(f.data)
	default:
		return f.same(g.data)
	}
}

// Put stores a copy of a file, noting it as changed if its bytes differ.
func (m *Memory) Put(rel string, data []byte) error {
	m.store(rel, data, bytes.Clone)
	return nil
}

// keep stores data, which m now owns, as the file at rel.
func (m *Memory) keep(rel string, data []byte) {
	m.store(rel, data, func(b []byte) []byte { return b })
}

// store keeps own(data) as the file at rel if its bytes differ from what
// is there, and notes the file as changed: a file put again unchanged
// costs no copy.
func (m *Memory) store(rel string, data []byte, own func([]byte) []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.files[rel]; !ok || !old.same(data) {
		m.files[rel] = stored{data: own(data)}
		m.changed[rel] = true
	}
}

// putMade stores write, which Get calls to make the file again, and a
// checksum that tells whether the file changed: of what sum writes, or
// of what write writes when sum is nil. For the largest files, which are
// asked for far less often than they change. sum writes anything that
// changes whenever the file does and costs less to make: search.json's
// records before their text is escaped. A file so kept and one kept as
// bytes then differ even when their bytes agree, which costs at most a
// reload of a tab showing the file.
func (m *Memory) putMade(rel string, write, sum func(io.Writer) error) error {
	if sum == nil {
		sum = write
	}
	h := crc64.New(checksumTable())
	if err := sum(h); err != nil {
		return err
	}
	f := stored{write: write, sum: h.Sum64()}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.files[rel]; !ok || !old.sameAs(f) {
		m.changed[rel] = true
	}
	m.files[rel] = f
	return nil
}

// putPage stores the checksum of page id's bytes, which Get renders
// again with the function given to setPages.
func (m *Memory) putPage(rel, id string, data []byte) error {
	f := stored{id: id, sum: checksum(data)}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.files[rel]; !ok || !old.sameAs(f) {
		m.changed[rel] = true
	}
	m.files[rel] = f // the id is the new page's, whether or not the bytes changed
	return nil
}

// setPages sets how the pages are rendered on request: with the site
// whose pages were put last.
func (m *Memory) setPages(page func(id string) ([]byte, error)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.page = page
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

func (f *memoryFile) Close() error {
	f.m.keep(f.rel, f.Bytes()) // the buffer is the file's own: no copy
	return nil
}

// Copy stores a copy of src of fsys.
func (m *Memory) Copy(rel string, fsys fs.FS, src string) error {
	data, err := fs.ReadFile(fsys, src)
	if err != nil {
		return err
	}
	return m.Put(rel, data)
}

// merge moves the files of other into m, noting those whose bytes differ,
// and renders pages as other does from now on, if other has pages.
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
	for rel, f := range other.files {
		if old, ok := m.files[rel]; !ok || !old.sameAs(f) {
			m.changed[rel] = true
		}
		m.files[rel] = f
	}
	if other.page != nil {
		m.page = other.page
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

// Get returns a file, making it if it is made on request. One that
// cannot be made (which the update that put it would have reported) is
// not found.
//
// A file is made without the lock held: what makes it reads only a site
// and records that no later update changes (an update makes new ones),
// and search.json at 100,000 pages takes long enough to make that an
// update, and every request behind it, would wait for it.
func (m *Memory) Get(rel string) ([]byte, bool) {
	f, page, ok := m.lookup(rel)
	switch {
	case !ok || !f.made():
		return f.data, ok
	case f.isPage():
		b, err := page(f.id)
		return b, err == nil
	}
	var b bytes.Buffer
	err := f.write(&b)
	return b.Bytes(), err == nil
}

// Stream returns what writes the file at rel, for a file made on request
// by writing (search.json, graph.json), so that it can be sent as it is
// made rather than held whole: search.json is 412 MB at 100,000 pages,
// and a buffer grown to hold it up to twice that. Other files are got.
func (m *Memory) Stream(rel string) (write func(io.Writer) error, ok bool) {
	f, _, ok := m.lookup(rel)
	if !ok || f.write == nil {
		return nil, false
	}
	return f.write, true
}

// lookup returns the file at rel and how pages are rendered, as they are
// now; the file is made, if it is made on request, after the lock is let
// go (see Get).
func (m *Memory) lookup(rel string) (f stored, page func(id string) ([]byte, error), ok bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	f, ok = m.files[rel]
	return f, m.page, ok
}

// Has reports whether there is a file at rel.
func (m *Memory) Has(rel string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	_, ok := m.files[rel]
	return ok
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
