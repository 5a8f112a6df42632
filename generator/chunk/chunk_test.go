package chunk

import (
	"slices"
	"testing"
	"unsafe"
)

// TestCopy copies slices of many lengths one after another: each copy
// holds what it was given, is capped at its length, and keeps it while
// later copies are made and appended to; copies that fit lie side by
// side, one that does not starts a new array.
func TestCopy(t *testing.T) {
	var c Of[int32]
	per := room[int32]()
	lengths := []int{0, 1, 3, per - 10, 20, per + 5, 2, 0, 7}
	var copies, wants [][]int32
	for i, n := range lengths {
		s := make([]int32, n)
		for j := range s {
			s[j] = int32(1000*i + j)
		}
		cp := c.Copy(s)
		if len(cp) != n || cap(cp) != n {
			t.Errorf("copy %d: len %d cap %d, want %d and %d", i, len(cp), cap(cp), n, n)
		}
		_ = append(cp, -1) // must not write into the array
		copies, wants = append(copies, cp), append(wants, s)
	}
	for i := range copies {
		if !slices.Equal(copies[i], wants[i]) {
			t.Errorf("copy %d changed: %v..., want %v...", i, copies[i][:min(3, len(copies[i]))], wants[i][:min(3, len(wants[i]))])
		}
	}
	after := func(s []int32) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(&s[0]), 4*len(s)) }
	if unsafe.Pointer(&copies[2][0]) != after(copies[1]) || unsafe.Pointer(&copies[3][0]) != after(copies[2]) {
		t.Error("copies that fit in the array do not lie side by side")
	}
	if unsafe.Pointer(&copies[4][0]) == after(copies[3]) {
		t.Error("a copy that did not fit went on into the full array")
	}
	if got := c.Copy(nil); got != nil {
		t.Errorf("Copy(nil) = %v, want nil", got)
	}
	if got := c.Copy([]int32{}); got == nil || len(got) != 0 {
		t.Errorf("Copy of an empty slice = %#v, want an empty slice", got)
	}
}

// TestNew: values from New are zero, distinct, and side by side until an
// array is full.
func TestNew(t *testing.T) {
	type page struct {
		title string
		n     int
	}
	var c Of[page]
	var got []*page
	for i := range 3*room[page]() + 1 {
		p := c.New()
		if *p != (page{}) {
			t.Fatalf("value %d is not zero: %+v", i, *p)
		}
		p.n = i
		got = append(got, p)
	}
	for i, p := range got {
		if p.n != i {
			t.Fatalf("value %d holds %d: written over", i, p.n)
		}
	}
	if unsafe.Pointer(got[1]) != unsafe.Add(unsafe.Pointer(got[0]), unsafe.Sizeof(page{})) {
		t.Error("two values in a row do not lie side by side")
	}
}
