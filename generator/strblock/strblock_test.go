package strblock

import (
	"strings"
	"testing"
	"unsafe"
)

// TestBlock: strings keep their values whether or not the block had room
// for them, and share its array while it does.
func TestBlock(t *testing.T) {
	words := []string{"initiatives/global-ai-governance-action-plan", "", "risks/deep-fakes", "x", strings.Repeat("long ", 20)}
	for _, size := range []int{0, 10, 1 << 10} {
		k := Make(size)
		var kept []string
		for i, w := range words {
			if i%2 == 0 {
				kept = append(kept, k.String(w))
			} else {
				kept = append(kept, k.Bytes([]byte(w)))
			}
		}
		for i, w := range words {
			if kept[i] != w {
				t.Errorf("size %d: string %d is %q, want %q", size, i, kept[i], w)
			}
		}
		if size == 1<<10 && cap(k.b) != size {
			t.Errorf("size %d: the block grew to %d though it had room", size, cap(k.b))
		}
	}
}

// TestChunks: strings keep their values as chunks fill and new ones
// begin; strings that fit lie side by side; a long one has its own array.
func TestChunks(t *testing.T) {
	var c Chunks
	var kept, want []string
	for i := range 3000 {
		s := strings.Repeat(string(rune('a'+i%26)), i%97)
		kept, want = append(kept, c.String(s)), append(want, s)
	}
	long := strings.Repeat("x", ChunkSize/4+1)
	kept, want = append(kept, c.Bytes([]byte(long))), append(want, long)
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("string %d: %.20q, want %.20q", i, kept[i], want[i])
		}
	}
	a, b := c.String("side"), c.String("by")
	if unsafe.StringData(b) != (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(a)), len(a))) {
		t.Error("two short strings do not lie side by side")
	}
	if cap(c.b) != ChunkSize {
		t.Errorf("a chunk of %d bytes, want %d", cap(c.b), ChunkSize)
	}
	if c.String("") != "" {
		t.Error(`String("") is not ""`)
	}
}
