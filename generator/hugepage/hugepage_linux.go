package hugepage

import (
	"bytes"
	"cmp"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"syscall"
	"unsafe"
)

// Reserve grows the Go heap by n bytes of fresh address space, advises the
// kernel to back them with huge pages, and gives them back to the heap
// unused, so that the allocations that follow land in them: Go's page
// allocator takes the lowest free address first. Nothing of the n bytes
// is touched, so they cost no memory until the heap uses them.
//
// It does nothing, and reports false, where it cannot help or might harm:
// when transparent huge pages are off, or already on for all memory; when
// the address space is limited, or memory is not overcommitted, since the
// reservation counts against both; and when n is more than half the
// machine's memory. It is meant to be called once, early, while the heap
// is small.
func Reserve(n int) bool {
	size := pmdSize()
	if size == 0 || n < 2*size || !advisedOnly() || limitedAddressSpace() || strictOvercommit() || n > totalRAM()/2 {
		return false
	}
	// The reservation is made of chunks, not one object: Go clears an
	// object that reuses any memory the heap used before, and one object
	// starting in a free stretch at the top of the heap would be cleared,
	// and so touched, whole. A chunk cleared so costs at most its size.
	// No collection is wanted meanwhile: there is nothing to collect.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	chunks := make([][]byte, n/chunk)
	for i := range chunks {
		chunks[i] = make([]byte, chunk)
	}
	addr := func(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
	slices.SortFunc(chunks, func(a, b []byte) int { return cmp.Compare(addr(a), addr(b)) })
	ok := true
	for i := 0; i < len(chunks); {
		j := i + 1
		for j < len(chunks) && addr(chunks[j]) == addr(chunks[j-1])+chunk {
			j++
		}
		lo := (addr(chunks[i]) + uintptr(size) - 1) &^ uintptr(size-1)
		hi := (addr(chunks[j-1]) + chunk) &^ uintptr(size-1)
		if lo < hi {
			if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE); errno != 0 {
				ok = false
			}
		}
		i = j
	}
	runtime.KeepAlive(chunks)
	// Collect the chunks and release their pages, so that the heap reuses
	// them and the memory limit does not count them meanwhile. The advice
	// stays with the mapping.
	debug.FreeOSMemory()
	return ok
}

// chunk is the size of the pieces the reservation is made of.
const chunk = 4 << 20

const thp = "/sys/kernel/mm/transparent_hugepage/"

// advisedOnly reports whether the kernel gives huge pages to memory that
// asks for them and only to it: "always [madvise] never".
func advisedOnly() bool {
	b, err := os.ReadFile(thp + "enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// pmdSize is the size of a huge page (2 MB on x86-64), or 0 if unknown.
func pmdSize() int {
	b, err := os.ReadFile(thp + "hpage_pmd_size")
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(string(bytes.TrimSpace(b)))
	if err != nil || n <= 0 || n&(n-1) != 0 {
		return 0
	}
	return n
}

// limitedAddressSpace reports whether the process may map only so much
// (ulimit -v), which the reservation would use up.
func limitedAddressSpace() bool {
	var l syscall.Rlimit
	return syscall.Getrlimit(syscall.RLIMIT_AS, &l) != nil || l.Cur != ^uint64(0)
}

// strictOvercommit reports whether the kernel refuses memory it cannot
// promise (vm.overcommit_memory 2), where the untouched reservation would
// still be charged.
func strictOvercommit() bool {
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err != nil || string(bytes.TrimSpace(b)) == "2"
}

func totalRAM() int {
	var s syscall.Sysinfo_t
	if syscall.Sysinfo(&s) != nil {
		return 0
	}
	return int(s.Totalram) * int(s.Unit)
}
