//go:build race

package hugepage

// raceEnabled: the race detector shadows the heap, and makes and touches
// its own memory for what Reserve maps.
const raceEnabled = true
