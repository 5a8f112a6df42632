package strblock

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/kbgen/kb/generator/chunk"
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
	before := c.String("before")
	long := strings.Repeat("x", chunk.Size/4+1)
	kept, want = append(kept, c.Bytes([]byte(long))), append(want, long)
	after := c.String("after")
	for i := range kept {
		if kept[i] != want[i] {
			t.Fatalf("string %d: %.20q, want %.20q", i, kept[i], want[i])
		}
	}
	if next(before) != unsafe.StringData(after) {
		t.Error("a long string took the array's place: the strings around it do not lie side by side")
	}
	a, b := c.String("side"), c.String("by")
	if next(a) != unsafe.StringData(b) {
		t.Error("two short strings do not lie side by side")
	}
	if c.String("") != "" {
		t.Error(`String("") is not ""`)
	}
}

// next is where the byte after s would lie.
func next(s string) *byte {
	return (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), len(s)))
}
