package strblock

import (
	"strings"
	"testing"
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
