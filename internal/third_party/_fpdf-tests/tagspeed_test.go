package fpdf

// Tests of 05-tagged-speed.diff: object streams assembled and compressed
// on several goroutines write the bytes one goroutine writes, and read
// back whole. (The structure tree's kids, now written without fmt, are
// read back by the tests in tagged_test.go and limits_test.go.)

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func TestParallelObjectStreamsSameBytes(t *testing.T) {
	const n = 2500 // 2,500 Link elements and annotations: some 25 object streams
	prev := runtime.GOMAXPROCS(1)
	serial := manyLinks(t, n, true)
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)
	if c := bytes.Count(serial, []byte("/Type /ObjStm")); c < 10 {
		t.Fatalf("%d object streams, want at least 10 for the test to mean anything", c)
	}
	if got := manyLinks(t, n, true); !bytes.Equal(got, serial) {
		t.Fatalf("written on %d goroutines: %d bytes, on one: %d bytes, and they differ",
			runtime.GOMAXPROCS(0), len(got), len(serial))
	}
	// Every Link element, each in an object stream, is found from the
	// structure tree.
	rb := readTagged(t, serial)
	doc := rb.dict(t, rb.root["K"])
	p := rb.dict(t, doc["K"])
	kids, _ := rb.deref(t, p["K"]).(types.Array)
	links := 0
	for _, k := range kids {
		if d, ok := rb.deref(t, k).(types.Dict); ok && d["S"] == types.Name("Link") {
			links++
		}
	}
	if links != n {
		t.Errorf("%d Link elements read back from the object streams, want %d", links, n)
	}
}
