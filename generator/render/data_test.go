package render

import "testing"

func TestFirstSeen(t *testing.T) {
	var f firstSeen
	seen := map[int32]bool{}
	for i := range 500 {
		slot := int32(i*7919) % 97 // repeats, past the array into the map
		if got, want := f.first(slot), !seen[slot]; got != want {
			t.Fatalf("%d: first(%d) = %v, want %v", i, slot, got, want)
		}
		seen[slot] = true
	}
	if f.many == nil {
		t.Error("97 slots stayed in the array of 32")
	}
}
