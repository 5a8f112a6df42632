package seen

import "testing"

func TestSet(t *testing.T) {
	var f Set[int32]
	seen := map[int32]bool{}
	for i := range 500 {
		x := int32(i*7919) % 97 // repeats, past the array into the map
		if got, want := f.First(x), !seen[x]; got != want {
			t.Fatalf("%d: First(%d) = %v, want %v", i, x, got, want)
		}
		seen[x] = true
	}
	if f.many == nil {
		t.Error("97 values stayed in the array of 32")
	}
}
