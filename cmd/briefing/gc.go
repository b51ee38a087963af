package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// startingHeap lets the heap grow to about goal bytes before the first
// garbage collection, then gives the collector back its usual setting.
//
// A run of briefing is short: the built-in briefing allocates about
// 30 MB in all, and from a 4 MB heap (the runtime's default first goal)
// it was collected several times while the fonts were still being
// parsed on the other core. Raising GOGC until the first collection,
// the way the Go compiler sizes its starting heap, removes those early
// collections without changing the peak memory of large briefings, which
// are collected as usual after the first. A GOGC or GOMEMLIMIT in the
// environment is left alone.
func startingHeap(goal uint64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	const minimum = 4 << 20 // the runtime's heap goal at GOGC=100
	old := debug.SetGCPercent(int(goal * 100 / minimum))
	s := &gcSentinel{}
	runtime.SetFinalizer(s, func(*gcSentinel) { debug.SetGCPercent(old) })
}

// gcSentinel is freed by the first collection. It holds a pointer and is
// larger than 16 bytes so that it is not batched by the tiny allocator,
// whose objects may never be finalized.
type gcSentinel struct {
	p   *byte
	pad [24]byte
}
