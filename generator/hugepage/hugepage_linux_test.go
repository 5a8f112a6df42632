package hugepage

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestReserveTooSmall(t *testing.T) {
	for _, n := range []int{-1, 0, 4096, pmdSize()} {
		if Reserve(n) {
			t.Errorf("Reserve(%d) = true, want false: less than two huge pages", n)
		}
	}
}

// TestReserve checks that the reserved memory is advised, that it costs no
// memory, and that the heap then grows into it.
func TestReserve(t *testing.T) {
	const n = 256 << 20
	usable := pmdSize() != 0 && advisedOnly() && !limitedAddressSpace() && !strictOvercommit() && n <= totalRAM()/2
	// Leave a free stretch at the top of the heap, touched, as a build's
	// first allocations do: an object reaching into it is cleared whole.
	top := make([]byte, 8<<20)
	for i := range top {
		top[i] = 1
	}
	runtime.KeepAlive(top)
	runtime.GC()
	before := resetPeak(t)
	if got := Reserve(n); got != usable {
		t.Fatalf("Reserve = %v, want %v (this machine: huge page %d bytes, madvise mode %v)", got, usable, pmdSize(), advisedOnly())
	}
	if grew := status(t, "VmHWM") - before; grew > 16<<20 && !raceEnabled {
		t.Errorf("peak resident memory grew by %d bytes reserving %d, want nothing touched", grew, n)
	}
	if !usable {
		t.Skip("transparent huge pages are not in madvise mode here, or the reservation would not be safe")
	}
	// No free run this long lies below the reservation, whose first
	// bytes, up to a huge page's boundary, are not advised.
	b := make([]byte, 16<<20)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b)-1)
	lo, hi, flags := mapping(t, p)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("mapping %x-%x holding a new allocation's end has VmFlags %q, want hg (huge page advice)", lo, hi, flags)
	}
	if hi-lo < n/2 {
		t.Errorf("mapping %x-%x is %d bytes, want most of the %d reserved", lo, hi, hi-lo, n)
	}
}

// resetPeak resets the process's peak resident memory to what it holds
// now, and returns that.
func resetPeak(t *testing.T) int {
	t.Helper()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak resident memory: %v", err)
	}
	return status(t, "VmRSS")
}

// status reads a size in /proc/self/status, in bytes.
func status(t *testing.T, key string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			return kb << 10
		}
	}
	t.Skipf("no %s in /proc/self/status", key)
	return 0
}

// mapping finds the memory mapping holding p in /proc/self/smaps.
func mapping(t *testing.T, p uintptr) (lo, hi uintptr, flags string) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return lo, hi, strings.TrimSpace(rest)
		}
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasSuffix(fields[0], ":") {
			continue
		}
		a, b, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		l, err1 := strconv.ParseUint(a, 16, 64)
		h, err2 := strconv.ParseUint(b, 16, 64)
		if err1 == nil && err2 == nil && uintptr(l) <= p && p < uintptr(h) {
			lo, hi, in = uintptr(l), uintptr(h), true
		}
	}
	t.Fatalf("no mapping holds %x", p)
	return
}
